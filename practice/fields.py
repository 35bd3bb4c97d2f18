"""Model fields for text that editors and staff type or paste in admin.

They tidy the text (practice.text) both when a form validates it and whenever the model is
saved, whatever saved it: admin, an import, the shell. So no control character reaches the
database, and from there a feed or a page.
"""

from django.db import models

from . import text


class TidiedTextMixin:
    tidy = None  # text.one_line or text.multiline

    def to_python(self, value):
        return self.tidy(super().to_python(value))

    def pre_save(self, model_instance, add):
        value = self.tidy(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value


class OneLineField(TidiedTextMixin, models.CharField):
    """A CharField for a title, a name or a description of an image: one line of text."""

    tidy = staticmethod(text.one_line)


class MultilineField(TidiedTextMixin, models.TextField):
    """A TextField for paragraphs: line breaks and tabs are kept, other control characters not."""

    tidy = staticmethod(text.multiline)
