from django.db import models
from django.urls import reverse

from .fields import CleanImageField, MultilineField, OneLineField
from .images import picture_of
from .validators import NotReservedSlug


class TherapistQuerySet(models.QuerySet):
    def default(self):
        """The therapist that `/book/` and site-wide calls to action name."""
        return self.order_by("position", "pk").first()

    def accepting_new_clients(self):
        return self.filter(accepting_new_clients=True)


class Therapist(models.Model):
    name = OneLineField(max_length=120)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        # /book/thanks/ is the booking form's thank-you page.
        validators=[NotReservedSlug("thanks")],
        help_text="The end of the therapist's booking address, /book/this-part/.",
    )
    short_bio = MultilineField(blank=True, help_text="A few sentences for the home page.")
    photo = CleanImageField(
        upload_to="therapists/",
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
        help_text="Shown on the home page. Location and camera details are removed.",
    )
    photo_width = models.PositiveIntegerField(null=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, editable=False)
    notification_email = models.EmailField(
        help_text="New booking requests for this therapist are announced to this address."
    )
    accepting_new_clients = models.BooleanField(
        default=True,
        help_text="When off, the booking page shows a kind notice instead of the form.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lower comes first; the first therapist is the practice's default."
    )

    objects = TherapistQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name

    @property
    def photo_picture(self):
        """The photo's renditions for a `<picture>`, or None without a photo."""
        return picture_of(self.photo, self.photo_width, self.photo_height)

    def get_booking_url(self):
        """`/book/` for the practice's default therapist, `/book/<slug>/` for the others."""
        if self == Therapist.objects.default():
            return reverse("booking:book")
        return reverse("booking:book_with", kwargs={"slug": self.slug})
