"""Admin widgets for what editors write and upload."""

from django.contrib.admin.widgets import AdminFileWidget
from django.urls import reverse_lazy
from markdownx.widgets import AdminMarkdownxWidget

from . import images
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
    """The frame's title, which no other frame on the page shares: "Preview of the body…",
    or "…of the answer 2" for the second of an inline's forms."""
    prefix, _, field = name.rpartition("-")
    number = prefix.rpartition("-")[2]
    words = field.replace("_", " ")
    if number.isdigit():
        words += f" {int(number) + 1}"
    return f"Preview of the {words}, as readers will see it"


class ImageThumbnailWidget(AdminFileWidget):
    """An image field's file input with the current image shown small above it, so that an
    editor sees which image they are about to keep, replace or clear."""

    template_name = "admin/widgets/image_thumbnail.html"
    # Labelled by its row's own label, not a legend: Django's legend leaves the file input
    # itself without a label.
    use_fieldset = False

    class Media:
        css = {"all": ["admin/image-thumbnail.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            context["widget"]["thumbnail_url"] = thumbnail_url(value)
        return context


def thumbnail_url(image):
    """The smallest rendition of an image a CleanImageField stored, read from the sizes its
    model keeps; any other image (one set from the shell, say) as it is."""
    instance, field = image.instance, image.field
    width = getattr(instance, field.width_field)
    height = getattr(instance, field.height_field)
    picture = images.picture_of(image, width, height)
    return picture.smallest_src if picture else image.url
