"""Category and tag pages list only their own published posts."""

from blog.models import Category
from tests.parsing import card_titles, find_all


def test_category_page_shows_its_description_and_only_its_posts(client, make_post, category):
    other = Category.objects.create(name="Trauma Therapy", slug="trauma-therapy")
    make_post("In the category")
    make_post("Elsewhere", category=other)

    html = client.get(category.get_absolute_url()).content.decode()

    [description] = find_all(html, "div", class_="lead")
    assert description.text == category.description
    assert card_titles(html) == ["In the category"]


def test_tag_page_shows_only_posts_with_the_tag(client, make_post, make_tag):
    make_post("Tagged", tags=[make_tag("Trust"), make_tag("Couples")])
    make_post("Tagged otherwise", tags=[make_tag("Couples")])

    html = client.get("/blog/tag/trust/").content.decode()

    [heading] = find_all(html, "h1")
    assert heading.text == "Trust"
    assert card_titles(html) == ["Tagged"]


def test_unknown_category_or_tag_is_not_found(client, db):
    assert client.get("/blog/category/no-such-category/").status_code == 404
    assert client.get("/blog/tag/no-such-tag/").status_code == 404
