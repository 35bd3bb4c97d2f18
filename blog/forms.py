import unicodedata

from django import forms

from . import images

MAX_QUERY_LENGTH = 100
MAX_QUERY_WORDS = 10


def tidy_query(raw):
    """Control characters become spaces; the query keeps its first words and characters."""
    text = "".join(" " if unicodedata.category(char).startswith("C") else char for char in raw)
    return " ".join(text.split()[:MAX_QUERY_WORDS])[:MAX_QUERY_LENGTH]


class SearchForm(forms.Form):
    """A search box forgives: an overlong or garbled query is tidied, never refused."""

    q = forms.CharField(label="Search articles", max_length=MAX_QUERY_LENGTH, required=False)

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = {"q": tidy_query(data.get("q", ""))}
        super().__init__(data, **kwargs)


class ImageUploadField(forms.FileField):
    """An image upload, checked and cleaned by blog.images before anything is stored.

    Its cleaned value is a blog.images.CleanImage, ready to save.
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

    content = forms.CharField(required=False, strip=False)

    def clean_content(self):
        if "content" not in self.data:
            raise forms.ValidationError("Send the Markdown to preview as “content”.")
        return self.cleaned_data["content"]
