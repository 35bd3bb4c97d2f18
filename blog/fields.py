"""Model fields for uploaded images and Markdown bodies; used by posts and by the practice's
therapists."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.utils.functional import cached_property
from markdownx.models import MarkdownxField

from practice.fields import TidiedTextMixin
from practice.text import multiline

from . import images
from .forms import ImageUploadField
from .markdown import MAX_BODY_LENGTH


class CleanImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        """Store the image cleaned, under a random name, and make its renditions."""
        if not isinstance(content, images.CleanImage):
            content = images.clean_upload(content)
        super().save(content.name, content, save)
        images.save_renditions(self.name, content)


class CleanImageField(models.ImageField):
    """An image field whose uploads are checked, cleaned and given renditions (blog.images)."""

    attr_class = CleanImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})


class MarkdownField(TidiedTextMixin, MarkdownxField):
    """A Markdown body in the live-preview editor, at most MAX_BODY_LENGTH characters."""

    tidy = staticmethod(multiline)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", MAX_BODY_LENGTH)
        super().__init__(*args, **kwargs)

    @cached_property
    def validators(self):
        # A TextField's max_length only shapes its form field; imports are held to it too.
        return [*super().validators, MaxLengthValidator(self.max_length)]
