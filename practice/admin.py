from contextlib import contextmanager

import reversion
from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from markdownx.admin import MarkdownxModelAdmin
from markdownx.models import MarkdownxField
from reversion.admin import VersionAdmin
from reversion.models import Version
from solo.admin import SingletonModelAdmin

from . import revisions
from .fields import CleanImageField, MultilineField
from .models import Page, Practice, PrivacyNoticeVersion, Question, Service, Therapist
from .widgets import ImageThumbnailWidget, MarkdownEditorWidget


def list_datetime(moment):
    """A date and time narrow enough for a list column: the date, the time below it."""
    if moment is None:
        return None
    local = timezone.localtime(moment)
    return format_html(
        '<span class="nowrap">{}</span><br><span class="nowrap">{}</span>',
        date_format(local, "M j, Y"),
        time_format(local, "g:i a"),
    )


class MarkdownEditorAdmin(MarkdownxModelAdmin):
    """An admin whose Markdown fields are written beside their preview (MarkdownEditorWidget),
    and whose forms keep unsaved edits in the browser until they are saved."""

    formfield_overrides = {MarkdownxField: {"widget": MarkdownEditorWidget}}

    class Media:
        js = ["admin/unsaved-edits.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """A short paragraph (a summary, a note, a bio) gets a box its size, not ten rows;
        an image shows itself above its file input. A list of checkboxes offers no pop-up to
        add a choice: the pop-up could not tick the new one."""
        if isinstance(db_field, MultilineField) and (db_field.max_length or 1000) <= 500:
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
        elif isinstance(db_field, CleanImageField):
            kwargs["widget"] = ImageThumbnailWidget
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        chosen_by = getattr(formfield and formfield.widget, "widget", None)
        if isinstance(chosen_by, forms.CheckboxSelectMultiple):
            formfield.widget.can_add_related = False
        return formfield


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


class RevisionsAdmin(VersionAdmin):
    """Every save in admin keeps a revision, with who made it and what changed; the history
    lists them newest first, compares any two and restores one (django-reversion).

    The inlines named in versioned_inlines (a page's questions) are kept with it; others
    are not, so that restoring cannot bring back what they control (a revoked review link).
    The fields the model derives when it is saved are left out (practice.revisions).
    """

    object_history_template = "admin/revisions/history.html"
    revision_form_template = "admin/revisions/restore_form.html"
    compare_template = "admin/revisions/compare.html"
    versioned_inlines = ()

    def __init__(self, model, admin_site):
        # Registered here, before VersionAdmin would register the model following every inline.
        if not reversion.is_registered(model):
            follow = []
            for inline in self.versioned_inlines:
                self.reversion_register(inline.model)
                [foreign_key] = [
                    field
                    for field in inline.model._meta.get_fields()
                    if field.many_to_one and field.related_model is model
                ]
                follow.append(foreign_key.remote_field.get_accessor_name())
            self.reversion_register(model, follow=follow)
        super().__init__(model, admin_site)

    def reversion_register(self, model, **options):
        super().reversion_register(model, exclude=revisions.derived_fields(model), **options)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_compare"
        compare = self.admin_site.admin_view(self.compare_view)
        return [path("<path:object_id>/history/compare/", compare, name=name), *super().get_urls()]

    def versions_of(self, obj):
        return Version.objects.get_for_object(obj).select_related("revision__user")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_change_permission(request, obj):
                revisions.keep_original_state(obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        """The list without VersionAdmin's one revision around it: objects changed from the
        list (a page's place in the navigation) each get a revision of their own, so that
        restoring one of them cannot restore the others (save_model, log_change)."""
        context = {"has_change_permission": self.has_change_permission(request)}
        context |= extra_context or {}
        return super(VersionAdmin, self).changelist_view(request, context)

    def save_model(self, request, obj, form, change):
        if change and not reversion.is_active():  # saved from the list
            revisions.keep_original_state(obj)
        super().save_model(request, obj, form, change)

    def log_change(self, request, obj, message):
        if reversion.is_active():
            return super().log_change(request, obj, message)
        with self.create_revision(request):  # saved from the list
            reversion.add_to_revision(obj)
            return super().log_change(request, obj, message)

    @contextmanager
    def create_revision(self, request):
        """A restore's revision says which version it brought back: django-reversion's own
        comment ("Reverted to previous version") is set after the form's, so this comes last."""
        with super().create_revision(request):
            yield
            if version := getattr(request, "restored_version", None):
                reversion.set_comment(f"Reverted to the version of {revisions.saved_on(version)}")

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = {
            "versions": self.versions_of(obj).order_by("-pk") if obj is not None else [],
            "may_restore": self.has_change_permission(request, obj),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore: the change form filled with the version; saving it makes a new revision.

        Only for those who may change the object, and only with one of its own versions
        (django-reversion would take any object's version with the same id).
        """
        obj = self.get_object(request, unquote(object_id))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with this id.")
        version = get_object_or_404(self.versions_of(obj), pk=version_id)
        request.restored_version = version
        context = {
            "title": f"Restore the version of {revisions.saved_on(version)}",
            "restored_version": version,
            "current_version": self.versions_of(obj).first(),
            **(extra_context or {}),
        }
        return super().revision_view(request, object_id, version_id, context)

    def compare_view(self, request, object_id):
        """What changed between two versions of an object, field by field."""
        obj = self.get_object(request, unquote(object_id))
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with this id.")
        form = revisions.VersionPairForm(request.GET)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare versions of “{obj}”",
            "subtitle": None,
            "opts": self.opts,
            "object": obj,
            "form": form,
        }
        request.current_app = self.admin_site.name
        if not form.is_valid():
            return TemplateResponse(request, self.compare_template, context, status=400)
        versions = self.versions_of(obj)
        old = get_object_or_404(versions, pk=form.cleaned_data["from"])
        new = get_object_or_404(versions, pk=form.cleaned_data["to"])
        context |= {
            "compared": [("From", old), ("To", new)],
            "changes": self.changes_between(request, obj, old, new),
            "may_restore": self.has_change_permission(request, obj),
            "current_version": versions.first(),
        }
        return TemplateResponse(request, self.compare_template, context)

    def changes_between(self, request, obj, old, new):
        """The fields that differ, in the order of the form, then those of its inlines."""
        fields = form_fields(self.model, self.get_fieldsets(request, obj))
        changes = revisions.field_changes(fields, old.field_dict, new.field_dict)
        for inline in self.get_inline_instances(request, obj):
            if type(inline) not in self.versioned_inlines:
                continue
            fields = form_fields(inline.model, inline.get_fieldsets(request, obj))
            changes += revisions.related_changes(inline.model, fields, old, new)
        return changes


def form_fields(model, fieldsets):
    """The model fields a form shows, in its order."""
    fields = []
    for name in flatten_fieldsets(fieldsets):
        try:
            fields.append(model._meta.get_field(name))
        except FieldDoesNotExist:
            continue  # a read-only value the admin computes, not a field
    return fields


@admin.register(Practice)
class PracticeAdmin(SingletonModelAdmin, MarkdownEditorAdmin):
    fieldsets = [
        (None, {"fields": ["name", "tagline"]}),
        (
            "Contact and location",
            {"fields": ["email", "phone", "address", "online_only", "opening_hours"]},
        ),
        ("Booking requests", {"fields": ["reply_within_working_days", "crisis_wording"]}),
        ("Home page", {"fields": ["home_heading", "home_intro", "sessions_text", "fees_line"]}),
    ]


class QuestionInline(admin.StackedInline):
    model = Question
    fields = ["question", "answer", "position"]
    extra = 0
    formfield_overrides = MarkdownEditorAdmin.formfield_overrides


@admin.register(Page)
class PageAdmin(PreviewLinkMixin, RevisionsAdmin, MarkdownEditorAdmin):
    list_display = ["title", "status", "navigation_position", "purpose", "updated"]
    list_editable = ["navigation_position"]
    list_filter = ["status"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = versioned_inlines = [QuestionInline]
    preview_url_name = "page_preview"
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "body"]}),
        ("Navigation", {"fields": ["navigation_position", "navigation_label"]}),
        ("Search engines", {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]}),
        ("What the site does with it", {"fields": ["purpose"], "classes": ["collapse"]}),
    ]

    @admin.display(ordering="updated_at")
    def updated(self, page):
        return list_datetime(page.updated_at)

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
    formfield_overrides = {
        **MarkdownEditorAdmin.formfield_overrides,
        models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple},
    }
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
        ("Writing", {"fields": ["user"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        """Only those who manage staff accounts tie an account to a therapist."""
        readonly = super().get_readonly_fields(request, obj)
        if not request.user.has_perm("auth.change_user"):
            return [*readonly, "user"]
        return readonly


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
