"""Admin widgets for what editors write and upload."""

from django.urls import reverse_lazy
from markdownx.widgets import AdminMarkdownxWidget

from .text import WORDS_READ_PER_MINUTE, reading_minutes, word_count


class MarkdownEditorWidget(AdminMarkdownxWidget):
    """django-markdownx's editor, written beside a preview of the page as readers see it.

    Its own script (static/admin/markdown-editor.js) replaces django-markdownx's: it reads
    the endpoints' refusals (signed out, not an image) instead of printing them into the
    preview, shows an upload's progress and asks for the image's description before
    inserting it, and counts the words as they are typed.
    """

    template_name = "admin/widgets/markdown_editor.html"
    preview_frame_url = reverse_lazy("admin:markdown_preview_frame")

    class Media:
        extend = False
        css = {"all": ["admin/markdown-editor.css"]}
        js = ["admin/markdown-editor.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        text = value or ""
        context["editor"] = {
            "preview_frame_url": self.preview_frame_url,
            "words": word_count(text),
            "minutes": reading_minutes(text),
            "words_per_minute": WORDS_READ_PER_MINUTE,
            "preview_title": preview_title(name),
        }
        return context


def preview_title(name):
    """ "Preview of the body…", or "…of the answer 2" for the second of an inline's forms:
    each frame on a page needs a title of its own."""
    prefix, _, field = name.rpartition("-")
    number = prefix.rpartition("-")[2]
    words = field.replace("_", " ")
    if number.isdigit():
        words += f" {int(number) + 1}"
    return f"Preview of the {words}, as readers will see it"
