"""Publishing judges the images readers would get, as rendered and sanitised, however the
body spells them: each must be described and come from this site."""

import pytest
from django.core.exceptions import ValidationError

from blog.models import Post
from practice.images import is_served_here
from practice.markdown import images_in, render_markdown

OWN = "/media/posts/" + "a" * 32 + ".jpg"
FROM_ANOTHER_SITE = "linking them from another site"
UNDESCRIBED = "Describe each image"
FOREIGN_IMAGES = {
    "reference style": "![A lake][lake]\n\n[lake]: https://evil.example/lake.jpg",
    "reference style, scheme-relative": "![A lake][lake]\n\n[lake]: //evil.example/lake.jpg",
    "collapsed reference": "![A lake][]\n\n[A lake]: https://evil.example/lake.jpg",
    "shortcut reference": "![A lake]\n\n[A lake]: https://evil.example/lake.jpg",
    "entity-encoded scheme": "![A lake](&#104;ttps://evil.example/lake.jpg)",
    "hex-entity slashes": "![A lake](https:&#x2F;&#x2F;evil.example/lake.jpg)",
    "angle brackets": "![A lake](<https://evil.example/lake.jpg>)",
    "image inside a link": "[![A lake](https://evil.example/lake.jpg)](https://evil.example)",
    "plain http": "![A lake](http://evil.example/lake.jpg)",
    "scheme without slashes": "![A lake](https:evil.example/lake.jpg)",
    "relative to the page": "![A lake](evil.example/lake.jpg)",
}
UNDESCRIBED_IMAGES = {
    "empty brackets": f"![]({OWN})",
    "reference style without words": f"![][u]\n\n[u]: {OWN}",
    "spaces only": f"![   ]({OWN})",
    "a zero-width space": f"![\u200b]({OWN})",
    "a no-break space entity": f"![&nbsp;]({OWN})",
    "a no-break space": f"![\u00a0]({OWN})",
    "a word joiner and a byte-order mark": f"![\u2060\ufeff]({OWN})",
    "an image in a table": f"| a |\n|---|\n| ![]({OWN}) |",
    "an image in a footnote": f"Text[^1]\n\n[^1]: ![]({OWN})",
}
# Spellings a browser would read as another host, had cmark not percent-encoded them:
# "%5C" and "%09" are just characters of a path on this site.
DEFUSED_BY_ENCODING = {
    "backslash for a slash": ("![A lake](/\\evil.example/lake.jpg)", "/%5Cevil.example/lake.jpg"),
    "tab inside the slashes": (
        "![A lake](</\t/evil.example/lake.jpg>)",
        "/%09/evil.example/lake.jpg",
    ),
}
# HTML in the body is not Markdown here: it is left out, so these show no image at all.
RAW_HTML = {
    "raw img": '<img src="https://evil.example/lake.jpg" alt="A lake">',
    "raw img without alt": f'<img src="{OWN}">',
    "raw img with empty alt": f'<img src="{OWN}" alt="">',
    "raw img inside a link": '<a href="/"><img src="https://evil.example/a.png" alt="a"></a>',
    "attribute list": '![A lake](/media/a.jpg){: src="https://evil.example/lake.jpg" }',
}


def publishing(make_post, body):
    post = make_post(status=Post.Status.DRAFT, body=body)
    post.status = Post.Status.PUBLISHED
    return post


REFUSED = {
    **{
        f"from another site: {name}": (body, FROM_ANOTHER_SITE)
        for name, body in FOREIGN_IMAGES.items()
    },
    **{f"undescribed: {name}": (body, UNDESCRIBED) for name, body in UNDESCRIBED_IMAGES.items()},
}


@pytest.mark.parametrize(("body", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_a_post_showing_such_an_image_cannot_be_published(make_post, body, message):
    post = publishing(make_post, body)

    with pytest.raises(ValidationError) as refused:
        post.full_clean()

    assert message in refused.value.message_dict["body"][0]


@pytest.mark.parametrize("body", RAW_HTML.values(), ids=RAW_HTML.keys())
def test_html_images_are_left_out_of_the_page(make_post, body):
    post = publishing(make_post, body)
    post.full_clean()
    post.save()

    shown = images_in(post.body_html)
    assert all(src == "/media/a.jpg" for src, _ in shown)


@pytest.mark.parametrize(
    ("body", "src"), DEFUSED_BY_ENCODING.values(), ids=DEFUSED_BY_ENCODING.keys()
)
def test_addresses_a_browser_could_misread_are_encoded_into_paths_here(body, src):
    assert images_in(render_markdown(body)) == [(src, "A lake")]


@pytest.mark.parametrize(
    "src",
    [
        "/\\evil.example/a.png",
        "/\t/evil.example/a.png",
        " //evil.example/a.png",
        "\x01//evil.example",
    ],
)
def test_the_same_site_check_reads_addresses_as_a_browser_does(src):
    assert not is_served_here(src)


@pytest.mark.parametrize(
    "body",
    [
        f"![A quiet room]({OWN})",
        f"![A quiet room][room]\n\n[room]: {OWN}",
        f"[![A quiet room]({OWN})](https://example.org/about)",
        f'![Zoë’s chair, by the window]({OWN} "Morning")',
        "No images at all.",
    ],
    ids=["inline", "reference", "inside a link", "with a title", "none"],
)
def test_described_images_from_this_site_are_published(make_post, body):
    post = publishing(make_post, body)

    post.full_clean()


@pytest.mark.parametrize("alt", ["", "   ", "\u200b", "\u00a0", "\ufeff\u2060"])
def test_a_featured_image_needs_a_real_description(make_post, featured_image, alt):
    post = make_post(featured_image=featured_image, featured_image_alt=alt)

    with pytest.raises(ValidationError) as refused:
        post.full_clean()

    assert "featured_image_alt" in refused.value.message_dict


def test_the_rules_judge_the_html_readers_get():
    # What the check reads is what the page shows: the sanitised rendering.
    html = render_markdown("![A lake][lake]\n\n[lake]: https://evil.example/lake.jpg")

    assert images_in(html) == [("https://evil.example/lake.jpg", "A lake")]
