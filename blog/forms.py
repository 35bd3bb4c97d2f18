import unicodedata

from django import forms
from django.utils.text import slugify

from practice.text import one_line

from .models import Post, Tag

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
