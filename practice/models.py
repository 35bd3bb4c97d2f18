"""The practice as its website presents it: its details, its pages, its services and its
therapists, all edited in admin."""

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import apnumber
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Subquery
from django.db.models.functions import JSONObject
from django.template.defaultfilters import pluralize
from django.urls import reverse
from solo.models import SingletonModel

from .aggregates import JSONArrayAgg
from .fields import CleanImageField, MarkdownField, MultilineField, OneLineField
from .images import picture_of
from .markdown import RendersMarkdown
from .validators import SITE_PATHS, NotReservedSlug

DEFAULT_CRISIS_WORDING = (
    "If you are in crisis, call or text 988 (the Suicide and Crisis Lifeline) in the US, or "
    "your local emergency number. If you are in danger, call 911."
)


class SessionFormats(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    BOTH = "both", "In person and online"


class Publication(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Publication.PUBLISHED)


class Publishable(models.Model):
    """A page of the site's that editors publish when it is ready: a page, a service."""

    status = models.CharField(max_length=10, choices=Publication, default=Publication.DRAFT)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Publication.PUBLISHED


class SearchEngineFields(models.Model):
    """What search results and link previews say of a page, when not its own title and text."""

    seo_title = OneLineField(
        "SEO title", max_length=70, blank=True, help_text="Replaces the title in search results."
    )
    seo_description = OneLineField(
        "SEO description",
        max_length=160,
        blank=True,
        help_text="The page's description in search results and link previews.",
    )

    class Meta:
        abstract = True


class Practice(RendersMarkdown, SingletonModel):
    """The practice's details, shown in the site's header and footer, its emails, the
    booking pages and the home page. One record, edited in admin."""

    name = OneLineField(max_length=120, default="Therapy with Morgan")
    tagline = OneLineField(
        max_length=200,
        default="Individual and relationship therapy, in person and online.",
        help_text="One line under the name: the default description for search engines too.",
    )
    email = models.EmailField(
        default="hello@example.com", help_text="The public address clients may write to."
    )
    phone = OneLineField(max_length=30, blank=True, help_text="As clients should dial it.")
    address = MultilineField(
        blank=True, help_text="Where sessions in person happen, one line per line of address."
    )
    online_only = models.BooleanField(
        default=False, help_text="Tick if the practice meets clients online only."
    )
    opening_hours = MultilineField(
        blank=True, help_text="For example: Monday to Thursday, 9am to 7pm."
    )
    reply_within_working_days = models.PositiveSmallIntegerField(
        "reply within (working days)",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="How soon the practice replies to a booking request, Monday to Friday. "
        "Pages and emails promise it (“we will reply within two working days”), and "
        "requests waiting longer are flagged overdue.",
    )
    crisis_wording = MultilineField(
        default=DEFAULT_CRISIS_WORDING,
        help_text="What to do in a crisis, shown on every page, the booking form and its "
        "email. Phone numbers in it become links to call.",
    )
    home_heading = OneLineField(
        max_length=120,
        blank=True,
        help_text="The home page's heading; the practice's name when empty.",
    )
    home_intro = MarkdownField(
        blank=True, help_text="A few sentences beside the photo at the top of the home page."
    )
    home_intro_html = models.TextField(editable=False, default="")
    sessions_text = MarkdownField(
        "where and how sessions happen",
        blank=True,
        help_text="For the home page: in person, online, the area served, accessibility.",
    )
    sessions_text_html = models.TextField(editable=False, default="")
    fees_line = OneLineField(
        max_length=200,
        blank=True,
        help_text="One line on fees for the home page, e.g. “Sessions are $160 for 50 minutes.”",
    )

    markdown_fields = ("home_intro", "sessions_text")

    @property
    def response_time(self):
        """The promise in words: "within two working days"."""
        days = self.reply_within_working_days
        return f"within {apnumber(days)} working day{pluralize(days)}"

    # The details as this process last read them, for the 500 page, which must not need
    # the database.
    _last_read = None

    class Meta:
        verbose_name = "practice details"

    def __str__(self):
        return "Practice details"

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        cls._last_read = instance
        return instance

    @classmethod
    def for_request(cls, request):
        """The details, read once per request however many places show them, with the
        pages the site's header and footer link to (`chrome_pages`) in the same query."""
        if not hasattr(request, "practice_details"):
            with_pages = cls.objects.annotate(
                chrome_pages_json=Subquery(Page.objects.site_chrome_json())
            )
            practice = with_pages.filter(pk=cls.singleton_instance_id).first()
            if practice is None:  # no details saved yet: get_solo() saves the defaults
                cls.get_solo()
                practice = with_pages.get(pk=cls.singleton_instance_id)
            request.practice_details = practice
        return request.practice_details

    @property
    def chrome_pages(self):
        """The pages read with the details by for_request()."""
        return [Page(**fields) for fields in self.chrome_pages_json or []]

    @classmethod
    def last_read(cls):
        """The details as last read, or the defaults (never a query)."""
        return cls._last_read or cls()

    @property
    def heading(self):
        return self.home_heading or self.name


class PageQuerySet(PublishableQuerySet):
    CHROME_FIELDS = ("id", "title", "slug", "purpose", "navigation_label", "navigation_position")

    def site_chrome_json(self):
        """The pages the header and footer link to, the navigation's and those with a
        purpose (the notices every page links to, fees, services), as one JSON array: a
        subquery, so that every page reads them with the practice's details."""
        return (
            self.published()
            .filter(Q(navigation_position__isnull=False) | ~Q(purpose=""))
            .order_by()
            # All of them are published: one group, one row.
            .values("status")
            .annotate(pages=JSONArrayAgg(JSONObject(**{name: name for name in self.CHROME_FIELDS})))
            .values("pages")
        )


class Page(RendersMarkdown, Publishable, SearchEngineFields):
    """A page of the practice's own: About, Fees, FAQ, Contact, or any other."""

    class Purpose(models.TextChoices):
        SERVICES = "services", "Services"
        FEES = "fees", "Fees"
        CONTACT = "contact", "Contact"
        PRIVACY = "privacy", "Privacy notice"
        GOOD_FAITH_ESTIMATE = "good_faith_estimate", "Good Faith Estimate notice"

    title = OneLineField(max_length=120)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        validators=[NotReservedSlug(*SITE_PATHS)],
        help_text="The page's address, /this-part/.",
    )
    purpose = models.CharField(
        max_length=30,
        choices=Purpose,
        blank=True,
        help_text="What else the site does with this page. Services: lists the services "
        "below its text. Fees: links to the Good Faith Estimate notice. Contact: shows the "
        "practice's contact details and hours. The privacy notice and the Good Faith Estimate "
        "notice are linked from every page's footer and the booking form. Each purpose "
        "belongs to one page.",
    )
    body = MarkdownField(blank=True, help_text="Markdown. The preview is what readers see.")
    body_html = models.TextField(editable=False, default="")
    navigation_position = models.PositiveSmallIntegerField(
        "place in the main navigation",
        null=True,
        blank=True,
        help_text="1 comes first. Leave empty to keep the page out of the navigation.",
    )
    navigation_label = OneLineField(
        max_length=30, blank=True, help_text="A shorter title for the navigation, if wanted."
    )
    updated_at = models.DateTimeField(auto_now=True)

    markdown_fields = ("body",)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["navigation_position", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose"], condition=~Q(purpose=""), name="one_page_per_purpose"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("page", kwargs={"slug": self.slug})

    @property
    def menu_title(self):
        return self.navigation_label or self.title


class Service(RendersMarkdown, Publishable, SearchEngineFields):
    """A kind of therapy the practice offers, with a page of its own."""

    name = OneLineField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100, unique=True, help_text="The page's address, /services/this-part/."
    )
    summary = MultilineField(
        max_length=300, help_text="One or two sentences for the home page and search results."
    )
    who_for = MarkdownField("who it is for", blank=True)
    who_for_html = models.TextField(editable=False, default="")
    how_it_works = MarkdownField("how sessions work", blank=True)
    how_it_works_html = models.TextField(editable=False, default="")
    formats = models.CharField(
        "sessions", max_length=10, choices=SessionFormats, default=SessionFormats.BOTH
    )
    session_minutes = models.PositiveSmallIntegerField(
        "session length (minutes)", null=True, blank=True
    )
    fee_line = OneLineField(
        max_length=200, blank=True, help_text="e.g. “$180 for a 50-minute session.”"
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    markdown_fields = ("who_for", "how_it_works")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("service", kwargs={"slug": self.slug})


class Question(RendersMarkdown, models.Model):
    """A question and its answer, on an FAQ page or on a service's page."""

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, null=True, blank=True, related_name="questions"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="questions"
    )
    question = OneLineField(max_length=200)
    answer = MarkdownField(max_length=5000)
    answer_html = models.TextField(editable=False, default="")
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    markdown_fields = ("answer",)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(page__isnull=False, service__isnull=True)
                | Q(page__isnull=True, service__isnull=False),
                name="question_on_a_page_or_a_service",
            )
        ]

    def __str__(self):
        return self.question


class TherapistQuerySet(models.QuerySet):
    def default(self):
        """The therapist that `/book/` and site-wide calls to action name."""
        return self.order_by("position", "pk").first()

    def default_for(self, request):
        """The default therapist, looked up once per request however many places name them."""
        if not hasattr(request, "default_therapist"):
            request.default_therapist = self.default()
        return request.default_therapist

    def accepting_new_clients(self):
        return self.filter(accepting_new_clients=True)

    def author_for(self, user):
        """Whom a new post by this staff member names as its author: their own profile,
        or else the practice's only therapist."""
        own = self.filter(user=user).first() if user.is_authenticated else None
        if own is not None:
            return own
        therapists = list(self.all()[:2])
        return therapists[0] if len(therapists) == 1 else None


class Therapist(RendersMarkdown, models.Model):
    name = OneLineField(max_length=120)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        # /book/thanks/ is the booking form's thank-you page.
        validators=[NotReservedSlug("thanks")],
        help_text="The end of the therapist's addresses, /therapists/this-part/ and "
        "/book/this-part/.",
    )
    pronouns = OneLineField(max_length=30, blank=True, help_text="e.g. “she/her”.")
    credentials = OneLineField(
        max_length=60, blank=True, help_text="Letters after the name, e.g. “LMFT”."
    )
    licence_type = OneLineField(
        "license",
        max_length=120,
        blank=True,
        help_text="e.g. “Licensed Marriage and Family Therapist”.",
    )
    licence_number = OneLineField("license number", max_length=40, blank=True)
    licence_state = OneLineField(
        "licensing state",
        max_length=40,
        blank=True,
        help_text="Many states require advertising to show the license, its number and state.",
    )
    short_bio = MultilineField(
        blank=True,
        help_text="One or two sentences, for the home page and the box under each article.",
    )
    approach = MarkdownField(
        "about and approach",
        blank=True,
        help_text="The profile page's text: how they work, their training, what to expect.",
    )
    approach_html = models.TextField(editable=False, default="")
    specialties = MultilineField(
        blank=True, help_text="One per line, e.g. “Trust after an affair”."
    )
    languages = OneLineField(max_length=120, blank=True, help_text="e.g. “English, Spanish”.")
    formats = models.CharField(
        "sessions", max_length=10, choices=SessionFormats, default=SessionFormats.BOTH
    )
    services = models.ManyToManyField(
        Service, blank=True, related_name="therapists", help_text="The services they offer."
    )
    photo = CleanImageField(
        upload_to="therapists/",
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
        help_text="Shown on the home page, their profile and their articles. Location and "
        "camera details are removed.",
    )
    photo_width = models.PositiveIntegerField(null=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, editable=False)
    notification_email = models.EmailField(
        help_text="New booking requests for this therapist are announced to this address. "
        "Never shown on the site."
    )
    accepting_new_clients = models.BooleanField(
        default=True,
        help_text="When off, the booking page shows a kind notice instead of the form.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Lower comes first; the first therapist is the practice's default."
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="therapist",
        verbose_name="staff account",
        help_text="The admin account this therapist signs in with: new posts they write name "
        "them as the author.",
    )

    markdown_fields = ("approach",)

    objects = TherapistQuerySet.as_manager()

    # Whether they were accepting new clients as last loaded or saved, so that a save can
    # tell that they reopened (booking's waitlist listens).
    _saved_accepting_new_clients = None

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._saved_accepting_new_clients = self.accepting_new_clients

    def get_absolute_url(self):
        return reverse("therapist", kwargs={"slug": self.slug})

    def get_booking_url(self):
        return reverse("booking:book_with", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._saved_accepting_new_clients = instance.__dict__.get("accepting_new_clients")
        return instance

    @property
    def reopens_to_new_clients(self):
        """Whether saving now takes them from not accepting new clients to accepting them;
        post_save receivers read it before save() records the new value."""
        return self._saved_accepting_new_clients is False and self.accepting_new_clients

    @property
    def first_name(self):
        """The name's first word, for short and friendly mentions."""
        return self.name.partition(" ")[0]

    @property
    def name_with_credentials(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    @property
    def licence(self):
        """The license as advertising must show it: "… Therapist, Oregon license T0142"."""
        number = self.licence_state
        if self.licence_number:
            number = f"{self.licence_state} license {self.licence_number}".strip()
        return ", ".join(filter(None, [self.licence_type, number]))

    @property
    def specialty_list(self):
        return [line.strip() for line in self.specialties.splitlines() if line.strip()]

    @property
    def photo_picture(self):
        """The photo's renditions for a `<picture>`, or None without a photo."""
        return picture_of(self.photo, self.photo_width, self.photo_height)


class PrivacyNoticeVersion(models.Model):
    """The privacy notice exactly as a client was shown it (practice.privacy).

    Its version is a digest of its text, so that no change to the notice, by an editor,
    a template or a retention setting, can be shown under an earlier version's name.
    """

    version = models.CharField(max_length=20, unique=True)
    text_html = models.TextField(editable=False)
    first_shown_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-first_shown_at"]

    def __str__(self):
        return f"privacy notice {self.version}"
