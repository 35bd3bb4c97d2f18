from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import format_html

from practice.admin import MarkdownEditorAdmin, RevisionsAdmin, list_datetime
from practice.models import Therapist

from .forms import PostAdminForm
from .models import Category, Post, ReviewLink, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "sensitive"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class PublicationFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("scheduled", "Scheduled"), ("published", "Published")]

    def queryset(self, request, queryset):
        match self.value():
            case "draft":
                return queryset.filter(status=Post.Status.DRAFT)
            case "scheduled":
                return queryset.scheduled()
            case "published":
                return queryset.published()
        return queryset


class ClinicalReviewFilter(admin.SimpleListFilter):
    title = "clinical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Review overdue"), ("never", "Never reviewed")]

    def queryset(self, request, queryset):
        match self.value():
            case "overdue":
                return queryset.review_overdue()
            case "never":
                return queryset.filter(reviewed_by=None)
        return queryset


class ReviewLinkInline(admin.StackedInline):
    """Links that let someone without an account read the draft: add one, copy it, send it."""

    model = ReviewLink
    fields = ["reviewer", "expires_at", "revoked", "link"]
    readonly_fields = ["link"]
    extra = 0
    verbose_name = "review link"
    verbose_name_plural = "review links (for someone without an account to read this draft)"

    @admin.display(description="link")
    def link(self, review_link):
        if review_link.pk is None:
            return "Save to make the link."
        if not review_link.is_active:
            return "Revoked" if review_link.revoked else "Expired"
        url = review_link.get_absolute_url()
        return format_html('<a href="{}">{}</a>', url, url)


@admin.register(Post)
class PostAdmin(RevisionsAdmin, MarkdownEditorAdmin):
    list_display = ["title", "status_label", "publish_time", "category", "updated"]
    list_filter = [PublicationFilter, ClinicalReviewFilter, "category", "tags", "author"]
    search_fields = ["title", "body"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    form = PostAdminForm
    inlines = [ReviewLinkInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "content_note", "body"]}),
        (
            "Publishing",
            {"fields": ["status", "publish_at", "author", "category", "tags", "new_tags"]},
        ),
        ("Featured image", {"fields": ["featured_image", "featured_image_alt"]}),
        ("Clinical review", {"fields": ["reviewed_by", "reviewed_on", "next_review_due"]}),
        ("Search engines", {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]}),
    ]

    class Media:
        js = ["admin/publish-button.js"]

    @admin.display(description="status", ordering="status")
    def status_label(self, post):
        return post.publication

    @admin.display(ordering="publish_at")
    def publish_time(self, post):
        return list_datetime(post.publish_at)

    @admin.display(ordering="updated_at")
    def updated(self, post):
        return list_datetime(post.updated_at)

    def view_on_site(self, post):
        """Only a published post has a public page to view; the others have a Preview link."""
        return post.get_absolute_url() if post.is_published else None

    def get_fieldsets(self, request, obj=None):
        """Above the rest, while an import has left something to do on the post."""
        if obj is not None and obj.import_problems:
            return [("Imported", {"fields": ["import_problems"]}), *self.fieldsets]
        return self.fieldsets

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if "author" not in initial and (author := Therapist.objects.author_for(request.user)):
            initial["author"] = author.pk
        return initial

    def response_add(self, request, obj, post_url_continue=None):
        request.saved_post = obj
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        request.saved_post = obj
        return super().response_change(request, obj)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        """After a save, say what it did for readers (published, scheduled or kept as a
        draft) rather than Django's "was changed successfully"."""
        if level == messages.SUCCESS and (post := getattr(request, "saved_post", None)):
            message = self.publication_message(request, post)
        super().message_user(request, message, level, *args, **kwargs)

    def publication_message(self, request, post):
        title = post.title
        if self.has_change_permission(request, post):
            url = reverse("admin:blog_post_change", args=[post.pk])
            title = format_html('<a href="{}">{}</a>', url, post.title)
        if post.status == Post.Status.DRAFT:
            return format_html("“{}” is saved as a draft.", title)
        if post.is_published:
            return format_html("“{}” is published.", title)
        local = timezone.localtime(post.publish_at)
        when = f"{time_format(local, 'g:i a')} on {date_format(local, 'M j, Y')}"
        return format_html("“{}” is scheduled to be published at {}.", title, when)

    def save_formset(self, request, form, formset, change):
        for review_link in formset.save(commit=False):
            if review_link.pk is None:
                review_link.created_by = request.user
            review_link.save()
        for removed in formset.deleted_objects:
            removed.delete()
