import unicodedata

from django import forms

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
