from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, JSONField, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import escape_uri_path

from practice import images
from practice.fields import CleanImageField, MarkdownField, MultilineField, OneLineField
from practice.markdown import RendersMarkdown, images_in, render_markdown
from practice.models import SearchEngineFields, Service, Therapist
from practice.seo import PageMeta
from practice.text import has_visible_text, reading_minutes
from practice.validators import NotReservedSlug

from .search import refresh_search_documents


class Category(models.Model):
    name = OneLineField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = MultilineField(blank=True, help_text="Shown at the top of the category page.")
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="categories",
        help_text="The service this category is about: its posts' “Learn more about …” "
        "leads to the service's page, which lists the category's articles.",
    )
    sensitive = models.BooleanField(
        "sensitive topic",
        default=False,
        help_text="Readers may need to leave these articles quickly, e.g. if someone they "
        "live with could see the screen: each post then shows an “Exit this page” button.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:category", kwargs={"slug": self.slug})

    @property
    def learn_more_url(self):
        """Where "Learn more about …" leads: the service's page, or else this category's."""
        if self.service and self.service.is_published:
            return self.service.get_absolute_url()
        return self.get_absolute_url()


class Tag(models.Model):
    name = OneLineField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:tag", kwargs={"slug": self.slug})


class PostQuerySet(models.QuerySet):
    def published(self):
        """Posts the public may see: the one definition every public page, feed and link uses."""
        return self.filter(status=Post.Status.PUBLISHED, publish_at__lte=timezone.now())

    def scheduled(self):
        """Posts set to publish at a time still to come."""
        return self.filter(status=Post.Status.PUBLISHED, publish_at__gt=timezone.now())

    def next_publish_time(self):
        """When the next scheduled post appears, or None."""
        return self.scheduled().aggregate(next=models.Min("publish_at"))["next"]

    def newest_first(self):
        return self.order_by("-publish_at", "-pk")

    def for_listing(self):
        return self.select_related("category", "author").defer("body", "body_html")

    def with_neighbours(self):
        """Each post with the title and slug of the published posts just older and just newer,
        read in the same query (Post.previous_post() and next_post())."""
        return self.annotate(
            previous_post_fields=neighbour(newer=False), next_post_fields=neighbour(newer=True)
        )

    def review_overdue(self):
        """Posts whose next clinical review was due before today."""
        return self.filter(next_review_due__lt=timezone.localdate())


def neighbour(*, newer):
    """The adjacent published post's title and slug; equal publish times are ordered by id.

    A draft with no publish time yet (seen in a preview) has no place among them: no
    comparison with its empty time matches.
    """
    publish_at, pk = OuterRef("publish_at"), OuterRef("pk")
    if newer:
        after = Q(publish_at__gt=publish_at) | Q(publish_at=publish_at, pk__gt=pk)
        order = ["publish_at", "pk"]
    else:
        after = Q(publish_at__lt=publish_at) | Q(publish_at=publish_at, pk__lt=pk)
        order = ["-publish_at", "-pk"]
    adjacent = Post.objects.published().filter(after).order_by(*order)
    return Subquery(
        adjacent.values(fields=JSONObject(title="title", slug="slug"))[:1],
        output_field=JSONField(),
    )


class PostManager(models.Manager.from_queryset(PostQuerySet)):
    def get_queryset(self):
        # The search document is for PostgreSQL to search, never read in Python: loading
        # it would fetch a copy of every word of the post for nothing.
        return super().get_queryset().defer("search_document")


class Post(RendersMarkdown, SearchEngineFields):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = OneLineField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The end of the post's address, /blog/this-part/. If a published post's "
        "slug changes, its old address redirects to the new one.",
        error_messages={"unique": "Another post already has this slug: choose a different one."},
        # The blog's own pages at /blog/<this>/.
        validators=[NotReservedSlug("search", "feed", "category", "tag", "review")],
    )
    summary = MultilineField(
        max_length=500, help_text="One or two sentences for lists, feeds and search results."
    )
    body = MarkdownField(
        help_text="Markdown; start sections with ## headings. The preview is what readers see."
    )
    body_html = models.TextField(editable=False, default="")
    featured_image = CleanImageField(
        upload_to=images.UPLOAD_DIRECTORY,
        blank=True,
        width_field="featured_image_width",
        height_field="featured_image_height",
        help_text="A JPEG, PNG, WebP or GIF photo, at most 10 MB. Location and camera "
        "details are removed, and smaller copies are made for phones.",
    )
    featured_image_width = models.PositiveIntegerField(null=True, editable=False)
    featured_image_height = models.PositiveIntegerField(null=True, editable=False)
    featured_image_alt = OneLineField(
        "featured image alt text",
        max_length=250,
        blank=True,
        help_text="Describe the image for readers who cannot see it. Required with an image.",
    )
    author = models.ForeignKey(Therapist, on_delete=models.PROTECT, related_name="posts")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="posts")
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="A published post appears from this moment; a future time schedules it. "
        "Left empty, publishing makes it public now.",
    )
    content_note = MultilineField(
        max_length=300,
        blank=True,
        help_text="Shown before the article, with the crisis line, for readers who may want "
        "to prepare or skip it, e.g. “This article discusses childhood abuse.”",
    )
    reviewed_by = models.ForeignKey(
        Therapist,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_posts",
        verbose_name="clinically reviewed by",
        help_text="The clinician who checked the article's clinical content.",
    )
    reviewed_on = models.DateField("reviewed on", null=True, blank=True)
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When the article should be checked again; the post list can show those overdue.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    import_guid = models.CharField(
        max_length=500,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The identifier the imported blog's export gave this post: importing the "
        "same export again updates the post rather than copying it.",
    )
    # What the post was imported from, so that importing it again unchanged leaves it (and
    # the editors' changes since) alone; empty while the import left something to do.
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    import_problems = MultilineField(
        "left to do after the import",
        blank=True,
        help_text="What the import could not do, e.g. bring over an image: the post stays a "
        "draft until it is done. Clear this once it is.",
    )
    # Kept by blog.search on PostgreSQL; empty on SQLite, which searches the text itself.
    search_document = SearchVectorField(null=True, editable=False)

    markdown_fields = ("body",)

    objects = PostManager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        # Also holds what the sitemap lists, so that it reads this index and not the
        # rows, which carry whole articles.
        indexes = [
            models.Index(
                fields=["status", "publish_at", "slug", "updated_at"],
                name="post_status_publish_idx",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        with transaction.atomic():
            public_slug_before = (
                Post.objects.published()
                .filter(pk=self.pk)
                .exclude(slug=self.slug)
                .values_list("slug", flat=True)
                .first()
            )
            super().save(*args, **kwargs)
            refresh_search_documents(Post.objects.filter(pk=self.pk))
            if public_slug_before:
                OldSlug.objects.update_or_create(slug=public_slug_before, defaults={"post": self})

    def get_absolute_url(self):
        return reverse("blog:post", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.featured_image and not has_visible_text(self.featured_image_alt):
            errors["featured_image_alt"] = (
                "Describe the featured image for readers who cannot see it."
            )
        errors.update(self.clinical_review_errors())
        if self.status == self.Status.PUBLISHED:
            if self.publish_at is None:
                self.publish_at = timezone.now()
            if body_error := self.body_publishing_error():
                errors["body"] = body_error
        if errors:
            raise ValidationError(errors)

    def clinical_review_errors(self):
        """A review names who and when, together, and the next one comes after it."""
        errors = {}
        if self.reviewed_by_id and not self.reviewed_on:
            errors["reviewed_on"] = "Say when the review was done."
        if self.reviewed_on and not self.reviewed_by_id:
            errors["reviewed_by"] = "Say who reviewed the article."
        if self.reviewed_on and self.reviewed_on > timezone.localdate():
            errors["reviewed_on"] = "A review date cannot be in the future."
        if self.reviewed_on and self.next_review_due and self.next_review_due <= self.reviewed_on:
            errors["next_review_due"] = "The next review comes after the last one."
        return errors

    def body_publishing_error(self, *, to_be_downloaded=()):
        """Why the body's images keep it from being published, judged as readers get it.
        An import's check counts the images it will download as if they were here."""
        shown = images_in(render_markdown(self.body))
        if not all(has_visible_text(alt) for _, alt in shown):
            return (
                "Describe each image for readers who cannot see it, between the square "
                "brackets: ![A quiet path through the park](/media/…)."
            )
        if not all(images.is_served_here(src) or src in to_be_downloaded for src, _ in shown):
            return (
                "Drag images into the editor rather than linking them from another site: "
                "the site shows only its own images, so that no other site learns who reads."
            )
        return None

    @property
    def is_published(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def publication(self):
        """Draft, scheduled or published, as editors think of it."""
        if self.status == self.Status.DRAFT:
            return "Draft"
        return "Published" if self.is_published else "Scheduled"

    @property
    def offers_quick_exit(self):
        """Whether a reader who must hide what they are reading is offered "Exit this page"."""
        return self.category.sensitive or bool(self.content_note)

    @property
    def featured_picture(self):
        """The featured image's renditions for a `<picture>`, or None without an image."""
        return images.picture_of(
            self.featured_image, self.featured_image_width, self.featured_image_height
        )

    @property
    def reading_minutes(self):
        return reading_minutes(self.body)

    def page_meta(self, absolute_uri):
        image = absolute_uri(self.featured_image.url) if self.featured_image else ""
        return PageMeta(
            title=self.seo_title or self.title,
            description=self.seo_description or self.summary,
            image_url=image,
            image_alt=self.featured_image_alt,
            og_type="article",
        )

    def structured_data(self, absolute_uri):
        """schema.org BlogPosting, for search engines' article results."""
        data = {
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "headline": self.title,
            "description": self.summary,
            "datePublished": self.publish_at.isoformat(),
            "dateModified": self.updated_at.isoformat(),
            "author": {"@type": "Person", "name": self.author.name},
            "mainEntityOfPage": absolute_uri(self.get_absolute_url()),
        }
        if self.featured_image:
            data["image"] = absolute_uri(self.featured_image.url)
        if self.reviewed_by:
            # schema.org puts a page's review on the page, so the page becomes an object.
            data["mainEntityOfPage"] = {
                "@type": "WebPage",
                "@id": data["mainEntityOfPage"],
                "lastReviewed": self.reviewed_on.isoformat(),
                "reviewedBy": {
                    "@type": "Person",
                    "name": self.reviewed_by.name,
                    "url": absolute_uri(self.reviewed_by.get_absolute_url()),
                },
            }
        return data

    def next_post(self):
        """The newer neighbour, as read by PostQuerySet.with_neighbours(), or None."""
        return self._neighbour(self.next_post_fields)

    def previous_post(self):
        """The older neighbour, as read by PostQuerySet.with_neighbours(), or None."""
        return self._neighbour(self.previous_post_fields)

    @staticmethod
    def _neighbour(fields):
        return Post(**fields) if fields else None

    def related_posts(self, limit=3):
        """Posts sharing a tag or the category first, then the latest, newest first in each."""
        shares_tag = Post.tags.through.objects.filter(post_id=OuterRef("pk"), tag__posts=self)
        return (
            Post.objects.published()
            .for_listing()
            .exclude(pk=self.pk)
            .annotate(is_related=Q(category_id=self.category_id) | Exists(shares_tag))
            .order_by("-is_related", "-publish_at", "-pk")[:limit]
        )


class OldSlug(models.Model):
    """A slug a published post had before; its old address answers with a redirect.

    A slug belongs to one post at a time: the post that last gave it up, unless a post has it
    now, in which case that post is served there and this redirect is not consulted.
    """

    slug = models.SlugField(max_length=200, unique=True)
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="old_slugs")

    def __str__(self):
        return self.slug


class OldAddress(models.Model):
    """An address an imported post had on the old blog (/2019/05/12/slug/, /?p=123,
    /blog/2026/3/10/slug): it answers with a permanent redirect while the post is published
    (blog.middleware.redirect_old_addresses).

    Like OldSlug, and not django.contrib.redirects: a redirect to the post, not to a path
    written down once, follows a later change of slug, never reveals a draft's address and
    goes with the post; and contrib.redirects needs contrib.sites, whose one stored domain
    would then name the site in feeds and admin's "View on site" instead of the address
    readers used.
    """

    path = models.CharField(
        max_length=500, unique=True, help_text="The path, and any query, with a final slash."
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="old_addresses")

    class Meta:
        verbose_name_plural = "old addresses"

    def __str__(self):
        return self.path

    @staticmethod
    def path_of(path, query=""):
        """How an address is kept and looked up: the (decoded) path percent-encoded as
        Django encodes a request's, with a final slash, then the query as it came."""
        path = escape_uri_path(path)
        if not path.endswith("/"):
            path += "/"
        return f"{path}?{query}" if query else path


def a_week_from_now():
    return timezone.now() + ReviewLink.DEFAULT_LIFETIME


class ReviewLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked=False, expires_at__gt=timezone.now())


class ReviewLink(models.Model):
    """A link that lets one person without an account, a colleague or a clinical reviewer,
    read one unpublished post, until it expires or is revoked.

    The address carries the link's id signed with the site's secret key, so that no one can
    guess or alter it; the row says whether it still works.
    """

    DEFAULT_LIFETIME = timedelta(days=7)
    SIGNING_SALT = "blog.review-link"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="review_links")
    reviewer = OneLineField(
        "for", max_length=120, help_text="Who the link is for, e.g. “Dr. Lee, clinical review”."
    )
    expires_at = models.DateTimeField("works until", default=a_week_from_now)
    revoked = models.BooleanField(default=False, help_text="Tick to stop the link working now.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"review link for {self.reviewer}"

    def get_absolute_url(self):
        token = signing.Signer(salt=self.SIGNING_SALT).sign(str(self.pk))
        return reverse("blog:review", kwargs={"token": token})

    @classmethod
    def from_token(cls, token):
        """The link a token names, if its signature holds and it still works; else None."""
        try:
            pk = signing.Signer(salt=cls.SIGNING_SALT).unsign(token)
        except signing.BadSignature:
            return None
        return cls.objects.active().select_related("post").filter(pk=pk).first()

    @property
    def is_active(self):
        return not self.revoked and self.expires_at > timezone.now()


class BlogImportManager(models.Manager):
    def get_queryset(self):
        # The export itself, up to 50 MB, is read only by the run (blog.imports); lists
        # and pages of imports never need it.
        return super().get_queryset().defer("upload")


class BlogImport(models.Model):
    """An export of another blog (a WXR file from WordPress or Squarespace) that an editor
    uploaded in admin: checked by a dry run in a task, then imported by another once they
    confirm (blog.imports).

    The file is kept in the database, not under MEDIA_ROOT, whose files the web server
    hands to anyone who has the address: an export holds the old blog's drafts and private
    posts. The database is private, backed up, and read by the worker wherever it runs. The
    file is emptied once it has been imported; a failed run keeps it, to run again, and a
    failed check keeps it until the import is deleted.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", "Being checked"
        CHECKED = "checked", "Checked, not imported"
        CHECK_FAILED = "check_failed", "Check failed"
        QUEUED = "queued", "Waiting to run"
        RUNNING = "running", "Running"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    file_name = OneLineField(max_length=255)
    upload = models.BinaryField(editable=False)
    author = models.ForeignKey(
        Therapist,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="default author",
        help_text="The author of the posts whose author in the file is not one of the "
        "practice's therapists.",
    )
    download_images = models.BooleanField(
        "download images from the old site",
        default=False,
        help_text="Copy the images the posts show into this site, so that they keep "
        "working once the old site is gone. Left unticked, posts keep no image from it.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.CHECKING)
    # Reports, as ImportReport.as_data() gives them: what the check on upload found, and
    # what the import did once it ran. A check or a run that failed says why instead.
    dry_run_entries = models.JSONField(default=list, editable=False)
    entries = models.JSONField(default=list, editable=False)
    failure = models.TextField(blank=True, editable=False)
    # When a worker took the check or the run under way, or the last one; None while one
    # waits for a worker.
    started_at = models.DateTimeField(null=True, editable=False)
    finished_at = models.DateTimeField(null=True, editable=False)

    objects = BlogImportManager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "import from another blog"
        verbose_name_plural = "imports from another blog"
        # One permission says who may import: uploading, running and reading the reports.
        default_permissions = ()
        permissions = [("run_import", "Can import posts from another blog")]

    def __str__(self):
        return self.file_name

    # A check or a run ends well within this (its task's own timeouts bound it): one still
    # "being checked" or "running" after it lost its worker, which crashed or was stopped,
    # may be checked or run again.
    RUN_TIME_LIMIT_MINUTES = 30
    RUN_TIME_LIMIT = timedelta(minutes=RUN_TIME_LIMIT_MINUTES)

    @classmethod
    def stuck_q(cls, status):
        """Left in `status`, checking or running, by a worker that took it too long ago."""
        return Q(status=status, started_at__lt=timezone.now() - cls.RUN_TIME_LIMIT)

    @classmethod
    def may_check_q(cls):
        """Uploaded and not yet taken by a worker, or stuck being checked (is_stuck)."""
        return Q(status=cls.Status.CHECKING, started_at=None) | cls.stuck_q(cls.Status.CHECKING)

    @classmethod
    def may_run_q(cls):
        """Checked and not yet run, failed and kept to run again, or stuck running."""
        return Q(status__in=[cls.Status.CHECKED, cls.Status.FAILED]) | cls.stuck_q(
            cls.Status.RUNNING
        )

    @property
    def is_stuck(self):
        return (
            self.status in {self.Status.CHECKING, self.Status.RUNNING}
            and self.started_at is not None
            and self.started_at < timezone.now() - self.RUN_TIME_LIMIT
        )

    @property
    def may_check_again(self):
        return self.status == self.Status.CHECKING and self.is_stuck

    @property
    def may_run(self):
        return self.status in {self.Status.CHECKED, self.Status.FAILED} or (
            self.status == self.Status.RUNNING and self.is_stuck
        )

    @property
    def is_pending(self):
        """Being checked, waiting to run or running, unless stuck: its page reloads itself."""
        pending = {self.Status.CHECKING, self.Status.QUEUED, self.Status.RUNNING}
        return self.status in pending and not self.is_stuck
