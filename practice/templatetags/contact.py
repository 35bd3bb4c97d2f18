"""Phone numbers in text people read, as links a phone can call."""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

# A run of at least three digits, with the spaces, dashes, dots and brackets people write
# between them, and a leading "+": "988", "911", "1-800-985-3059", "+44 20 7946 0958".
PHONE_NUMBER = re.compile(r"(?<![\w/])\+?\d(?:[\d\s().-]*\d){2,}(?![\w/])")


@register.filter
def tel_href(number):
    """The number as a `tel:` address: digits and a leading "+" only."""
    return "tel:" + re.sub(r"(?!^\+)[^\d]", "", str(number).strip())


@register.filter(needs_autoescape=True)
def phone_links(text, autoescape=True):
    """The text, escaped, with each phone number in it a link to call it."""
    escape = conditional_escape if autoescape else str
    parts, last = [], 0
    for match in PHONE_NUMBER.finditer(str(text)):
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html('<a href="{}">{}</a>', tel_href(match[0]), match[0]))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(str(part) for part in parts))
