"""Read rendered HTML as a browser would, so tests assert on elements rather than on strings."""

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID_ELEMENTS = {
    *("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"),
    *("param", "source", "track", "wbr"),
}


@dataclass
class Element:
    tag: str
    attrs: dict
    ancestors: tuple
    text_parts: list = field(default_factory=list)

    @property
    def text(self):
        """The element's text with whitespace collapsed, as a reader sees it."""
        return " ".join("".join(self.text_parts).split())

    def has(self, **attrs):
        """Whether the element has these attribute values (`class_` stands for `class`)."""
        return all(self.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())

    def is_inside(self, tag=None, **attrs):
        return any(
            (tag is None or ancestor.tag == tag) and ancestor.has(**attrs)
            for ancestor in self.ancestors
        )


class _ElementCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.open_elements = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), ancestors=tuple(self.open_elements))
        self.elements.append(element)
        if tag not in VOID_ELEMENTS:
            self.open_elements.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.open_elements) - 1, -1, -1):
            if self.open_elements[index].tag == tag:
                del self.open_elements[index:]
                return

    def handle_data(self, data):
        for element in self.open_elements:
            element.text_parts.append(data)


def parse_html(html):
    """Every element in document order."""
    collector = _ElementCollector()
    collector.feed(html)
    collector.close()
    return collector.elements


def find_all(html, tag, **attrs):
    return [element for element in parse_html(html) if element.tag == tag and element.has(**attrs)]


def card_titles(html):
    """The titles of the post cards on a page, in the order a reader meets them."""
    return [link.text for link in find_all(html, "a") if link.is_inside(class_="post-card__title")]


def structured_data(html):
    """The page's schema.org data, parsed from its one JSON-LD script."""
    [script] = find_all(html, "script", type="application/ld+json")
    return json.loads(script.text)


def form_data(html, form_id):
    """What a browser would submit from the form with this id, as it stands (files aside):
    each field's name with its values, for the test client to post back."""
    elements = parse_html(html)
    [form] = [element for element in elements if element.tag == "form" and element.has(id=form_id)]
    data = {}

    def add(name, value):
        data.setdefault(name, []).append(value)

    for element in elements:
        name = element.attrs.get("name")
        if not name or not any(ancestor is form for ancestor in element.ancestors):
            continue
        if element.tag == "input":
            kind = element.attrs.get("type", "text")
            if kind in {"submit", "button", "reset", "image", "file"}:
                continue
            if kind in {"checkbox", "radio"}:
                if "checked" in element.attrs:
                    add(name, element.attrs.get("value", "on"))
                continue
            add(name, element.attrs.get("value") or "")
        elif element.tag == "textarea":
            # A browser drops the line break that follows <textarea>.
            add(name, "".join(element.text_parts).removeprefix("\n"))
        elif element.tag == "select":
            options = [
                option
                for option in elements
                if option.tag == "option" and any(a is element for a in option.ancestors)
            ]
            chosen = [option for option in options if "selected" in option.attrs]
            if not chosen and options and "multiple" not in element.attrs:
                chosen = options[:1]
            for option in chosen:
                add(name, option.attrs.get("value", option.text))
    return data


def quick_exit(html):
    """The page's "Exit this page" links, and the scripts that make them leave at once."""
    return (
        find_all(html, "a", class_="quick-exit__button"),
        find_all(html, "script", src="/static/js/quick-exit.js"),
    )
