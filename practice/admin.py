from django.contrib import admin
from django.urls import reverse
from django.utils.safestring import mark_safe
from markdownx.admin import MarkdownxModelAdmin
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget
from solo.admin import SingletonModelAdmin

from .models import Page, Practice, PrivacyNoticeVersion, Question, Service, Therapist


class MarkdownEditorAdmin(MarkdownxModelAdmin):
    """An admin whose Markdown fields get the live-preview editor, which shows why the site
    refused a dropped image."""

    class Media:
        js = ["admin/markdown-editor-upload-errors.js"]


class PreviewLinkMixin:
    """A "Preview" link on the form of a page or service that is not published yet."""

    change_form_template = "admin/practice/change_form_with_preview.html"
    preview_url_name = None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and not obj.is_published:
            url = reverse(self.preview_url_name, kwargs={"slug": obj.slug})
            extra_context = {**(extra_context or {}), "preview_url": url}
        return super().change_view(request, object_id, form_url, extra_context)

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None


@admin.register(Practice)
class PracticeAdmin(SingletonModelAdmin, MarkdownEditorAdmin):
    fieldsets = [
        (None, {"fields": ["name", "tagline"]}),
        (
            "Contact and location",
            {"fields": ["email", "phone", "address", "online_only", "opening_hours"]},
        ),
        ("Booking requests", {"fields": ["response_time", "crisis_wording"]}),
        ("Home page", {"fields": ["home_heading", "home_intro", "sessions_text", "fees_line"]}),
    ]


class QuestionInline(admin.StackedInline):
    model = Question
    fields = ["question", "answer", "position"]
    extra = 0
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}


@admin.register(Page)
class PageAdmin(PreviewLinkMixin, MarkdownEditorAdmin):
    list_display = ["title", "status", "navigation_position", "purpose", "updated_at"]
    list_editable = ["navigation_position"]
    list_filter = ["status"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuestionInline]
    preview_url_name = "page_preview"
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "body"]}),
        ("Navigation", {"fields": ["navigation_position", "navigation_label"]}),
        ("Search engines", {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]}),
        ("What the site does with it", {"fields": ["purpose"], "classes": ["collapse"]}),
    ]

    def has_delete_permission(self, request, obj=None):
        """A page the site relies on (the privacy notice, the Good Faith Estimate…) stays."""
        if obj is not None and obj.purpose:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Service)
class ServiceAdmin(PreviewLinkMixin, MarkdownEditorAdmin):
    list_display = ["name", "status", "position", "fee_line"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [QuestionInline]
    preview_url_name = "service_preview"
    fieldsets = [
        (None, {"fields": ["name", "slug", "status", "position", "summary"]}),
        ("The service's page", {"fields": ["who_for", "how_it_works"]}),
        ("Sessions and fees", {"fields": ["formats", "session_minutes", "fee_line"]}),
        ("Search engines", {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]}),
    ]


@admin.register(Therapist)
class TherapistAdmin(MarkdownEditorAdmin):
    list_display = ["name", "credentials", "accepting_new_clients", "position"]
    list_editable = ["accepting_new_clients", "position"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["services"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "pronouns", "credentials", "photo", "position"]}),
        ("License", {"fields": ["licence_type", "licence_number", "licence_state"]}),
        (
            "Profile",
            {
                "fields": [
                    "short_bio",
                    "approach",
                    "specialties",
                    "languages",
                    "formats",
                    "services",
                ]
            },
        ),
        ("Booking", {"fields": ["accepting_new_clients", "notification_email"]}),
    ]


@admin.register(PrivacyNoticeVersion)
class PrivacyNoticeVersionAdmin(admin.ModelAdmin):
    """Each version of the privacy notice as shown, to read what a request agreed to."""

    list_display = ["version", "first_shown_at"]
    fields = ["version", "first_shown_at", "notice"]
    readonly_fields = fields
    search_fields = ["version"]

    @admin.display(description="text")
    def notice(self, version):
        # Rendered and sanitised by the site itself when it was shown.
        return mark_safe(version.text_html)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
