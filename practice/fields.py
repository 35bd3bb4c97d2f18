"""Model fields the whole site shares: text that editors type or paste, uploaded images
and Markdown bodies.

Text fields tidy what they hold (practice.text) both when a form validates it and whenever
the model is saved, whatever saved it: admin, an import, the shell. So no control character
reaches the database, and from there a feed or a page.
"""

from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.db.models import signals
from django.db.models.fields.files import ImageFieldFile
from django.utils.functional import cached_property
from markdownx.models import MarkdownxField

from . import images, text, unused_images
from .forms import ImageUploadField
from .markdown import MAX_BODY_LENGTH


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


class MarkdownField(TidiedTextMixin, MarkdownxField):
    """A Markdown body in the live-preview editor, at most MAX_BODY_LENGTH characters."""

    tidy = staticmethod(text.multiline)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_BODY_LENGTH)
        super().__init__(*args, **kwargs)

    @cached_property
    def validators(self):
        # A TextField's max_length only shapes its form field; imports are held to it too.
        return [*super().validators, MaxLengthValidator(self.max_length)]


class CleanImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        """Store the image cleaned, under a random name, and make its renditions."""
        if not isinstance(content, images.CleanImage):
            content = images.clean_upload(content)
        super().save(content.name, content, save)
        images.save_renditions(self.name, content)


class CleanImageField(models.ImageField):
    """An image field whose uploads are checked, cleaned and given renditions (practice.images).

    An image it no longer holds, replaced, cleared or deleted with its object, is deleted
    once the change is committed, unless something else still shows it.
    """

    attr_class = CleanImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            signals.pre_save.connect(self.forget_replaced_image, sender=cls, weak=False)
            signals.post_delete.connect(self.forget_deleted_image, sender=cls, weak=False)

    def forget_replaced_image(self, sender, instance, raw=False, update_fields=None, **kwargs):
        if raw or instance.pk is None or (update_fields and self.name not in update_fields):
            return
        stored = sender._base_manager.filter(pk=instance.pk).values_list(self.attname, flat=True)
        before = stored.first()
        if before and before != getattr(instance, self.attname).name:
            transaction.on_commit(lambda: unused_images.delete_if_unused(before))

    def forget_deleted_image(self, sender, instance, **kwargs):
        if name := getattr(instance, self.attname).name:
            transaction.on_commit(lambda: unused_images.delete_if_unused(name))
