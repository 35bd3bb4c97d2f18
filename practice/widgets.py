"""Form widgets the admin of the whole site shares."""

from django.contrib.admin.widgets import AdminFileWidget

from . import images


class ImageThumbnailWidget(AdminFileWidget):
    """An image field's file input with the current image shown small above it, so that an
    editor sees which image they are about to keep, replace or clear."""

    template_name = "admin/widgets/image_thumbnail.html"

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
