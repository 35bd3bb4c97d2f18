"""The history of a post or page lists its revisions newest first, with who, when and what
changed, and compares any two: each field that differs, with the words that changed
marked. Editors see it; Intake does not."""

import pytest
from reversion.models import Version

from practice.models import Question
from tests.parsing import find_all, parse_html

from .conftest import admin_url

BODY = "## Slow down\n\nBreathe before you answer your partner."
NEW_BODY = "## Slow down\n\nBreathe deeply before you reply to your partner."


@pytest.fixture
def edited_post(make_post, log_in, save_in_admin):
    """A post made outside the admin, then changed twice by an editor, robin."""
    post = make_post("Trust", body=BODY)
    log_in("Editors", username="robin")
    save_in_admin(post, title="Rebuilding trust")
    save_in_admin(post, body=NEW_BODY)
    return post


def version_ids(obj):
    """The ids of the object's versions, oldest first."""
    return list(Version.objects.get_for_object(obj).order_by("pk").values_list("pk", flat=True))


def inside(elements, parent):
    return [element for element in elements if any(a is parent for a in element.ancestors)]


def history_rows(html):
    """Each revision listed: {cell class: text}."""
    elements = parse_html(html)
    rows = [e for e in elements if e.tag == "tr" and e.is_inside("tbody")]
    return [
        {
            cell.attrs["class"]: cell.text
            for cell in inside(elements, row)
            if cell.tag in {"td", "th"}
        }
        for row in rows
    ]


def changes_shown(html):
    """{field: (removed words, added words)}, as the comparison page marks them."""
    elements = parse_html(html)
    shown = {}
    for section in [e for e in elements if e.tag == "section"]:
        marked = inside(elements, section)
        [label] = [e.text for e in marked if e.tag == "h2"]
        shown[label] = (
            [e.text for e in marked if e.tag == "del"],
            [e.text for e in marked if e.tag == "ins"],
        )
    return shown


def compare(client, obj, old, new):
    return client.get(admin_url(obj, "compare"), {"from": old, "to": new})


def test_the_history_lists_revisions_newest_first_with_who_and_what(client, edited_post):
    html = client.get(admin_url(edited_post, "history")).content.decode()

    rows = [(row["revision-who"], row["revision-what"]) for row in history_rows(html)]
    assert rows == [
        ("robin", "Changed Body."),
        ("robin", "Changed Title."),
        ("not recorded", "As it was before its first change in admin."),
    ]


def test_each_older_revision_offers_comparing_with_the_current_and_restoring(client, edited_post):
    original, changed, current = version_ids(edited_post)

    html = client.get(admin_url(edited_post, "history")).content.decode()

    actions = [
        (link.text, link.attrs["href"])
        for link in find_all(html, "a")
        if link.is_inside(class_="revision-actions")
    ]
    compare_url = admin_url(edited_post, "compare")
    assert actions == [
        ("Compare with current", f"{compare_url}?from={changed}&to={current}"),
        ("Restore", admin_url(edited_post, "revision", changed)),
        ("Compare with current", f"{compare_url}?from={original}&to={current}"),
        ("Restore", admin_url(edited_post, "revision", original)),
    ]


def test_comparing_shows_the_changed_title_and_the_changed_words_of_the_body(client, edited_post):
    original, _, current = version_ids(edited_post)

    response = compare(client, edited_post, original, current)

    assert response.status_code == 200
    assert changes_shown(response.content.decode()) == {
        "Title": (["[removed: Trust]"], ["[added: Rebuilding trust]"]),
        "Body": (["[removed: answer]"], ["[added: deeply]", "[added: reply to]"]),
    }


def test_two_identical_versions_are_said_to_be_the_same(client, log_in, save_in_admin, make_post):
    post = make_post()
    log_in("Editors")
    save_in_admin(post)
    original, saved = version_ids(post)

    html = compare(client, post, original, saved).content.decode()

    assert changes_shown(html) == {}
    assert "These two versions are the same." in html


def test_html_in_the_markdown_is_shown_as_text(client, log_in, save_in_admin, make_post):
    post = make_post(body="Calm.")
    log_in("Editors")
    save_in_admin(post, body='Calm.\n\n<script>alert("boo")</script>\n')

    html = compare(client, post, *version_ids(post)).content.decode()

    assert changes_shown(html)["Body"] == ([], ['[added: <script>alert("boo")</script>]'])
    assert not [s for s in find_all(html, "script") if "boo" in s.text]


def test_a_pages_comparison_shows_its_questions(client, log_in, save_in_admin, make_page):
    page = make_page("FAQ", slug="faq")
    Question.objects.create(page=page, question="How long?", answer="50 minutes.")
    log_in("Editors")
    save_in_admin(page, **{"questions-0-answer": "Fifty minutes."})

    html = compare(client, page, *version_ids(page)).content.decode()

    assert changes_shown(html) == {
        "Question “How long?”: Answer": (["[removed: 50]"], ["[added: Fifty]"])
    }


def test_a_version_of_another_object_is_not_found(
    client, edited_post, make_post, log_in, save_in_admin
):
    other = make_post()
    save_in_admin(other, title="Another")
    original, *_ = version_ids(edited_post)
    [*_, others] = version_ids(other)

    assert compare(client, edited_post, original, others).status_code == 404
    assert compare(client, other, original, others).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"from": "1"},
        {"from": "one", "to": "2"},
        {"from": "1", "to": "-2"},
        {"from": "9" * 30, "to": "1"},
    ],
)
def test_a_comparison_without_two_version_numbers_says_what_is_wrong(client, edited_post, query):
    response = client.get(admin_url(edited_post, "compare"), query)

    assert response.status_code == 400
    [note] = find_all(response.content.decode(), "p", class_="errornote")
    assert note.text.startswith("Choose two of this post’s versions to compare")


@pytest.mark.parametrize(
    ("role", "status"), [("Editors", 200), ("Intake", 403), ("anonymous", 302)]
)
def test_only_those_who_may_see_posts_see_their_history(
    client, log_in, make_post, save_in_admin, role, status
):
    post = make_post()
    log_in("Editors")
    save_in_admin(post, title="Changed")
    original, current = version_ids(post)
    client.logout()
    log_in(role)

    assert client.get(admin_url(post, "history")).status_code == status
    assert compare(client, post, original, current).status_code == status
