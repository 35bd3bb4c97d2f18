"""Whatever an author pastes, up to the body's size limit, renders quickly and never fails:
the renderer's time grows with the text's length, not faster, and nesting is bounded."""

import time

import pytest
from django.core.exceptions import ValidationError

from practice.markdown import MAX_BODY_LENGTH, MAX_NESTING, render_markdown
from tests.parsing import parse_html

# Generous, to stay meaningful on a slow machine: each renders in well under 0.1 s here.
BUDGET_SECONDS = 2.0


def filled(unit):
    """The unit repeated up to the body's size limit."""
    return (unit * (MAX_BODY_LENGTH // len(unit) + 1))[:MAX_BODY_LENGTH]


PATHOLOGICAL = {
    "open brackets": filled("["),
    "open image brackets": filled("!["),
    "nested image brackets": filled("![["),
    "unfinished links": filled("[a]("),
    "empty links": filled("[]("),
    "emphasis runs": filled("*a"),
    "mixed emphasis": filled("*_"),
    "strong runs": filled("**a"),
    "underscores": filled("_a"),
    "backticks": filled("`"),
    "growing backtick runs": "".join("`" * n + "a" for n in range(1, 446)),
    "quotes": filled("\"'"),
    "tildes": filled("~~a"),
    "angle brackets": filled("<a"),
    "autolinks": filled("<http://a"),
    "html comments": filled("<!--"),
    "entities": filled("&#"),
    "pipes": filled("|"),
    "quote markers": filled(">"),
    "growing quotes": "".join(">" * n + " x\n" for n in range(1, 443)),
    "list indented 310 deep": "".join("  " * n + "- x\n" for n in range(310)),
    "lists on one line": filled("- "),
    "lists in quotes on one line": filled("> - "),
    "ordered lists on one line": filled("1. "),
    "footnote references": filled("[^1]"),
    "link definitions": "".join(f"[a{n}]: /u{n}\n" for n in range(4000))
    + "".join(f"[a{n}] " for n in range(4000)),
    "table rows": "|a|b|\n|-|-|\n" + filled("|x|y|\n")[: MAX_BODY_LENGTH - 12],
    "wide table": "|" + "a|" * 16000 + "\n|" + "-|" * 16000 + "\n",
    "headings": filled("## Heading\n"),
}


@pytest.mark.parametrize("body", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_any_body_up_to_the_limit_renders_within_the_budget(body):
    assert len(body) <= MAX_BODY_LENGTH

    started = time.perf_counter()
    html = render_markdown(body)
    seconds = time.perf_counter() - started

    assert seconds < BUDGET_SECONDS, f"{seconds:.2f} s"
    assert isinstance(html, str)


def nesting_depth(html):
    return max((len(element.ancestors) + 1 for element in parse_html(html)), default=0)


@pytest.mark.parametrize(
    "body",
    [filled(">"), filled("- "), filled("> - "), "".join("  " * n + "- x\n" for n in range(310))],
    ids=["quotes", "lists", "lists in quotes", "indented lists"],
)
def test_deep_nesting_is_flattened_and_the_words_kept(body):
    html = render_markdown(body + "\n\nThe last words.")

    assert nesting_depth(html) <= MAX_NESTING
    assert "The last words." in html


def test_ordinary_nesting_is_kept():
    html = render_markdown("> - one\n>   - two\n>     1. *three*")

    # blockquote > ul > li > ul > li > ol > li > em
    assert nesting_depth(html) == 8
    assert [element.tag for element in parse_html(html)][-1] == "em"


def test_a_body_over_the_limit_is_refused_with_a_clear_message(make_post):
    post = make_post()
    post.body = "a" * (MAX_BODY_LENGTH + 1)

    with pytest.raises(ValidationError) as refused:
        post.full_clean()

    assert "at most 100000 characters" in str(refused.value.message_dict["body"])
