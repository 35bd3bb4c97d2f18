import json

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# Escaped so that no string in the data can close the script element around it.
SCRIPT_SAFE_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def ld_json(data):
    """Serialise structured data for a `<script type="application/ld+json">` block."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_SAFE_ESCAPES))
