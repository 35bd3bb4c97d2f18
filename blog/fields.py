"""Model fields for uploaded images, used by posts and by the practice's therapists."""

from django.db import models
from django.db.models.fields.files import ImageFieldFile

from . import images
from .forms import ImageUploadField


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
