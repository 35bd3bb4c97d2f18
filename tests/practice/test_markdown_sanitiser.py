"""Markdown becomes HTML a reader can trust: whatever an author types, nothing can run."""

import pytest
from django.conf import settings
from django.utils.module_loading import import_string
from markdownx import views as markdownx_views

from blog.models import Post
from practice.markdown import render_for_readers, render_markdown
from tests.parsing import find_all, parse_html

# Elements that could run code, load another document, submit data or restyle the page.
DANGEROUS_TAGS = {
    *("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet"),
    *("form", "input", "button", "textarea", "select", "svg", "math", "base", "link", "meta"),
    *("template", "noscript", "video", "audio", "source", "details", "marquee", "body"),
}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "data", "xlink:href"}
SAFE_URL_SCHEMES = {"http", "https", "mailto", "tel"}

XSS_PAYLOADS = {
    "script element": "<script>alert(1)</script>",
    "script split by another": "<scr<script>ipt>alert(1)</script>",
    "script inside svg": "<svg><script>alert(1)</script></svg>",
    "svg onload": "<svg onload=alert(1)>",
    "img onerror": "<img src=x onerror=alert(1)>",
    "link with mouse handler": '<a href="https://example.com" onmouseover="alert(1)">x</a>',
    "markdown javascript link": "[x](javascript:alert(1))",
    "markdown javascript image": "![x](javascript:alert(1))",
    "markdown reference link": "[x]: javascript:alert(1)\n\n[click][x]",
    "mixed-case scheme": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "entity-encoded scheme": '<a href="&#106;avascript&#58;alert(1)">x</a>',
    "hex-entity scheme": '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
    "tab inside scheme": '<a href="java&Tab;script:alert(1)">x</a>',
    "newline inside scheme": '<a href="java\nscript:alert(1)">x</a>',
    "leading spaces before scheme": '<a href="   javascript:alert(1)">x</a>',
    "control character before scheme": '<a href="\x01javascript:alert(1)">x</a>',
    "markdown link with padded scheme": "[x](  javascript:alert(1))",
    "vbscript link": '<a href="vbscript:msgbox(1)">x</a>',
    "data URL link": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "data URL image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "srcset": '<img src="a.png" srcset="javascript:alert(1)">',
    "style attribute": '<p style="background:url(javascript:alert(1))">x</p>',
    "style element": "<style>body { display: none }</style>",
    "attribute list handler": '## Heading {: onclick="alert(1)" style="color: red" }',
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "form": '<form action="https://evil.example"><input name="password"></form>',
    "button formaction": '<button formaction="javascript:alert(1)">go</button>',
    "object": '<object data="javascript:alert(1)"></object>',
    "embed": '<embed src="javascript:alert(1)">',
    "math xlink": '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "base": '<base href="https://evil.example/">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "stylesheet link": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "details ontoggle": "<details open ontoggle=alert(1)>x</details>",
    "textarea onfocus": "<textarea autofocus onfocus=alert(1)></textarea>",
    "video source onerror": '<video><source onerror="alert(1)"></video>',
    "body onload": "<body onload=alert(1)>",
    "template": "<template><script>alert(1)</script></template>",
    "noscript confusion": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "html comment": "<!--<script>alert(1)</script>-->",
}


def scheme(url):
    """The URL's scheme as a browser would read it, or "" for a relative URL."""
    url = "".join(char for char in url if char.isprintable() and not char.isspace())
    before_path = url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return before_path.split(":", 1)[0].lower() if ":" in before_path else ""


def unsafe_parts(html):
    """Everything in `html` a browser could run, load or submit."""
    found = []
    for element in parse_html(html):
        if element.tag in DANGEROUS_TAGS:
            found.append(f"<{element.tag}>")
        for name, value in element.attrs.items():
            if name.startswith("on") or name in {"style", "srcdoc"}:
                found.append(f"{element.tag}[{name}]")
            elif name in URL_ATTRIBUTES and scheme(value or "") not in {"", *SAFE_URL_SCHEMES}:
                found.append(f"{element.tag}[{name}={value}]")
    return found


@pytest.mark.parametrize("payload", XSS_PAYLOADS.values(), ids=XSS_PAYLOADS.keys())
def test_nothing_that_could_run_reaches_the_reader(payload):
    assert unsafe_parts(render_markdown(payload)) == []


def test_the_checker_itself_spots_unsafe_html():
    """Guards the test above: its checker must flag what the sanitiser is meant to remove."""
    assert unsafe_parts('<script></script><img src="x" onerror="y"><a href=" JAVA\tscript:x">') == [
        "<script>",
        "img[onerror]",
        "a[href= JAVA\tscript:x]",
    ]


def test_allowed_markup_survives():
    html = render_markdown(
        "## Section\n\n"
        "### Subsection\n\n"
        'A *gentle* and **firm** [guide](https://example.com/guide "Guide"), '
        "`inline code` and [mail](mailto:hello@example.com).\n\n"
        "- one\n- two\n\n"
        "1. first\n2. second\n\n"
        "> A quote.\n\n"
        "![A calm lake](https://example.com/lake.jpg)\n\n"
        "| Feeling | Need |\n|---|---|\n| Tired | Rest |\n\n"
        "```\nbreathe()\n```\n"
    )

    [h2] = find_all(html, "h2")
    assert (h2.text, h2.attrs["id"]) == ("Section", "section-section")
    assert [h3.text for h3 in find_all(html, "h3")] == ["Subsection"]
    assert [em.text for em in find_all(html, "em")] == ["gentle"]
    assert [strong.text for strong in find_all(html, "strong")] == ["firm"]
    assert [(a.attrs["href"], a.text) for a in find_all(html, "a")] == [
        ("https://example.com/guide", "guide"),
        ("mailto:hello@example.com", "mail"),
    ]
    assert find_all(html, "a", title="Guide", rel="noopener noreferrer")
    assert [li.text for li in find_all(html, "li") if li.is_inside("ul")] == ["one", "two"]
    assert [li.text for li in find_all(html, "li") if li.is_inside("ol")] == ["first", "second"]
    assert [quote.text for quote in find_all(html, "blockquote")] == ["A quote."]
    assert find_all(html, "img", src="https://example.com/lake.jpg", alt="A calm lake")
    assert [cell.text for cell in find_all(html, "th")] == ["Feeling", "Need"]
    assert [cell.text for cell in find_all(html, "td")] == ["Tired", "Rest"]
    assert [code.text for code in find_all(html, "code")] == ["inline code", "breathe()"]
    assert find_all(html, "code")[1].is_inside("pre")


def test_a_top_level_heading_becomes_a_section_heading():
    html = render_markdown("# Where to begin\n\nText.")

    assert find_all(html, "h1") == []
    [h2] = find_all(html, "h2")
    assert (h2.text, h2.attrs["id"]) == ("Where to begin", "section-where-to-begin")


def test_heading_ids_cannot_repeat_the_pages_own():
    html = render_markdown("## Main\n\n## CTA heading")

    assert [h2.attrs["id"] for h2 in find_all(html, "h2")] == [
        "section-main",
        "section-cta-heading",
    ]


def test_body_is_rendered_and_stored_when_a_post_is_saved(make_post):
    post = make_post(body="## Hello\n\n<script>alert(1)</script>\n\nKind *words*.")

    post.refresh_from_db()

    assert post.body_html == render_for_readers(post.body)
    assert "<em>words</em>" in post.body_html


def test_saving_only_the_body_renders_it_again(make_post):
    post = make_post(body="Old words.")
    post.body = "New *words*."

    post.save(update_fields=["body"])

    post.refresh_from_db()
    assert post.body_html == "<p>New <em>words</em>.</p>"


def test_post_page_shows_the_stored_html_without_rendering_again(client, make_post):
    post = make_post(body="What the author wrote.")
    Post.objects.filter(pk=post.pk).update(body_html="<p>What was stored.</p>")

    html = client.get(post.get_absolute_url()).content.decode()

    assert "<p>What was stored.</p>" in html
    assert "What the author wrote." not in html


def test_the_editor_preview_renders_with_the_function_that_renders_saved_fields():
    assert import_string(settings.MARKDOWNX_MARKDOWNIFY_FUNCTION) is render_for_readers
    assert markdownx_views.markdownify_func is render_for_readers


@pytest.mark.parametrize(
    "body",
    [
        "## Main {#main}\n\n### Booking {#cta-heading}",
        '<h2 id="main">Main</h2>\n\n<h3 id="cta-heading">Booking</h3>',
        "Text <a id=\"main\">here</a> and <span id='cta-heading'>there</span>.",
        "[^main]\n\n[^main]: A note.",
    ],
    ids=["attribute lists", "raw headings", "raw inline ids", "a footnote named main"],
)
def test_no_id_in_a_post_repeats_one_of_the_pages_own(client, make_post, body):
    post = make_post(body=body)

    html = client.get(post.get_absolute_url()).text

    ids = [element.attrs["id"] for element in parse_html(html) if "id" in element.attrs]
    assert ids.count("main") == 1
    assert ids.count("cta-heading") == 1
    [cta] = find_all(html, "aside", **{"aria-labelledby": "cta-heading"})
    assert not cta.is_inside(class_="prose")


def test_repeated_headings_get_ids_of_their_own():
    html = render_markdown("## Why\n\n## Why\n\n# Why\n\n## Why 2\n\n## Why")

    assert [h2.attrs["id"] for h2 in find_all(html, "h2")] == [
        "section-why",
        "section-why-2",
        "section-why-3",
        "section-why-2-2",
        "section-why-4",
    ]


def test_footnotes_link_to_their_notes_and_back():
    html = render_markdown("Trust grows slowly.[^study]\n\n[^study]: A study of couples, 2019.")

    [reference] = [a for a in find_all(html, "a") if a.is_inside("sup")]
    [note] = find_all(html, "li", id="fn-study")
    [back] = [a for a in find_all(html, "a") if a.is_inside("li", id="fn-study")]
    assert reference.attrs["href"] == "#fn-study"
    assert "A study of couples, 2019." in note.text
    assert back.attrs["href"] == f"#{reference.attrs['id']}"
