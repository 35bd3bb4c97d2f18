"""Forms for what editors send from the Markdown editor: a dropped image, the live preview."""

from django import forms

from . import images
from .markdown import MAX_BODY_LENGTH


class ImageUploadField(forms.FileField):
    """An image upload, checked and cleaned by practice.images before anything is stored.

    Its cleaned value is a practice.images.CleanImage, ready to save.
    """

    def to_python(self, data):
        upload = super().to_python(data)
        return None if upload is None else images.clean_upload(upload)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": ",".join(images.MEDIA_TYPES)}


class EditorImageForm(forms.Form):
    """An image dropped or pasted into the Markdown editor."""

    image = ImageUploadField()


class MarkdownPreviewForm(forms.Form):
    """The editor's text, sent for its live preview; empty text is a valid, empty preview."""

    content = forms.CharField(required=False, strip=False, max_length=MAX_BODY_LENGTH)

    def clean_content(self):
        if "content" not in self.data:
            raise forms.ValidationError("Send the Markdown to preview as “content”.")
        return self.cleaned_data["content"]
