import unicodedata

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify

from practice.text import one_line

from . import imports
from .models import BlogImport, Post, Tag

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


class PostAdminForm(forms.ModelForm):
    """The post form: existing tags as checkboxes, and new ones typed in by name, created
    when the post is saved, so that tagging never means leaving the post."""

    new_tags = forms.CharField(
        required=False,
        max_length=300,
        label="New tags",
        help_text="Tags not in the list above, separated by commas, e.g. “grief, sleep”.",
    )

    class Meta:
        model = Post
        fields = ["tags"]  # and the others PostAdmin's fieldsets name
        widgets = {"tags": forms.CheckboxSelectMultiple}

    def clean_new_tags(self):
        names = []
        for typed in self.cleaned_data["new_tags"].split(","):
            name = " ".join(one_line(typed).split())
            if not name:
                continue
            if len(name) > Tag._meta.get_field("name").max_length or not slugify(name):
                raise forms.ValidationError(
                    "“%(name)s” cannot be a tag: use letters or numbers, at most 60 characters.",
                    params={"name": name[:60]},
                )
            names.append(name)
        return names

    def _save_m2m(self):
        super()._save_m2m()
        for name in self.cleaned_data.get("new_tags", []):
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag, _ = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
            self.instance.tags.add(tag)


class ImportUploadForm(forms.ModelForm):
    """Another blog's export: a file the import could not use at all is refused here, with
    the reason, and nothing is stored. What the import would do is checked by a task."""

    export_file = forms.FileField(
        help_text="The .xml file from WordPress (Tools → Export → Posts) or Squarespace "
        "(Settings → Advanced → Import & Export → Export → WordPress), at most "
        f"{filesizeformat(imports.MAX_FILE_BYTES)}.",
    )

    class Meta:
        model = BlogImport
        fields = ["export_file", "author", "download_images"]

    def clean_export_file(self):
        export_file = self.cleaned_data["export_file"]
        if export_file.size > imports.MAX_FILE_BYTES:
            raise forms.ValidationError(
                "This file is %(size)s; an export can be at most %(most)s.",
                params={
                    "size": filesizeformat(export_file.size),
                    "most": filesizeformat(imports.MAX_FILE_BYTES),
                },
            )
        start = export_file.read(512)
        export_file.seek(0)
        if start.startswith(b"PK\x03\x04"):
            raise forms.ValidationError(
                "This is a zip file: open it and upload the .xml file inside."
            )
        if not start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            raise forms.ValidationError(
                "This is not an XML file: upload the .xml file the old blog's export gave you."
            )
        data = export_file.read()
        try:
            imports.validate(data)
        except imports.UnusableFile as error:
            raise forms.ValidationError(str(error)) from None
        self.instance.upload = data
        self.instance.file_name = one_line(export_file.name)[:255]
        return export_file
