import re

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from practice.models import PrivacyNoticeVersion

from .export import write_csv
from .models import BookingRequest, LookingForOption, StaffNote
from .notifications import save_status_change

Status = BookingRequest.Status


def describe_changes(booking_request, changed_fields):
    """Say what a change made of the request, for its history: new status, new assignee."""
    descriptions = []
    if {"status", "closed_reason"} & set(changed_fields):
        descriptions.append(f"status to “{booking_request.status_label}”")
    if "assigned_to" in changed_fields:
        descriptions.append(f"assignee to “{booking_request.assigned_to or 'nobody'}”")
    return descriptions


@admin.register(LookingForOption)
class LookingForOptionAdmin(admin.ModelAdmin):
    list_display = ["label", "offered", "position"]
    list_editable = ["offered", "position"]


class StaffNoteInline(admin.TabularInline):
    """Notes are added, not rewritten: without the change permission, past notes are read-only."""

    model = StaffNote
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]
    extra = 1


class BookingActionForm(ActionForm):
    closed_reason = forms.ChoiceField(
        label="Reason, when closing:",
        required=False,
        choices=[("", "---------"), *BookingRequest.ClosedReason.choices],
    )


def status_action(status, description):
    """An admin action moving each selected request to `status`, with a history entry each."""

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        modeladmin.change_status(request, queryset, status)

    action.__name__ = f"mark_{status}"
    return action


@admin.register(BookingRequest)
class BookingRequestAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "name",
        "therapist",
        "looking_for",
        "preferred_contact",
        "status_column",
        "assigned_to",
        "notification_state",
    ]
    list_display_links = ["created_at", "name"]
    list_filter = [
        "status",
        "therapist",
        "looking_for",
        "notification_state",
        ("assigned_to", admin.RelatedOnlyFieldListFilter),
        "created_at",
    ]
    list_select_related = ["therapist", "looking_for", "assigned_to"]
    search_fields = ["name", "email", "phone"]
    ordering = ["-created_at", "-pk"]
    inlines = [StaffNoteInline]
    action_form = BookingActionForm
    actions = [
        status_action(Status.CONTACTED, "Mark as contacted"),
        status_action(Status.CONSULTATION_SCHEDULED, "Mark as consultation scheduled"),
        "close",
        status_action(Status.SPAM, "Mark as spam"),
        "mark_not_spam",
        "export_csv",
    ]
    fieldsets = [
        (
            "What the client sent",
            {
                "fields": [
                    "created_at",
                    "therapist",
                    "name",
                    "email",
                    "phone",
                    "preferred_contact",
                    ("voicemail_ok", "texts_ok"),
                    "looking_for",
                    "session_format",
                    "availability_display",
                    "note",
                    ("consent_at", "privacy_notice"),
                ]
            },
        ),
        ("Follow-up", {"fields": ["status", "closed_reason", "assigned_to", "spam_reason"]}),
        (
            "Notification to the practice",
            {"fields": ["notification_state", "notification_attempts", "notification_last_error"]},
        ),
        ("History", {"fields": ["history"]}),
    ]
    # Staff follow a request up; what the client sent stays as they sent it.
    editable_fields = {"status", "closed_reason", "assigned_to"}

    def get_readonly_fields(self, request, obj=None):
        return [
            name for name in flatten_fieldsets(self.fieldsets) if name not in self.editable_fields
        ]

    def has_add_permission(self, request):
        return False  # requests come from the booking form only

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_export_permission(self, request):
        return request.user.has_perm("booking.export_bookingrequest")

    @admin.display(description="status", ordering="status")
    def status_column(self, booking_request):
        return booking_request.status_label

    @admin.display(description="privacy notice agreed to")
    def privacy_notice(self, booking_request):
        """The version, linked to its words when the site kept them (from November 2026)."""
        version = PrivacyNoticeVersion.objects.filter(
            version=booking_request.privacy_notice_version
        ).first()
        if version is None:
            return booking_request.privacy_notice_version
        url = reverse("admin:practice_privacynoticeversion_change", args=[version.pk])
        return format_html('<a href="{}">{}</a>', url, version.version)

    @admin.display(description="availability")
    def availability_display(self, booking_request):
        return booking_request.get_availability_display() or "Not given"

    @admin.display(description="history")
    def history(self, booking_request):
        entries = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(BookingRequest),
            object_id=str(booking_request.pk),
        ).select_related("user")
        rows = [(booking_request.created_at, "the booking form", "Received.")]
        rows += [
            (entry.action_time, entry.user, entry.get_change_message())
            for entry in entries.order_by("action_time", "pk")
        ]
        return format_html(
            '<ol class="booking-history">{}</ol>',
            format_html_join(
                "",
                "<li><time>{}</time> · {}: {}</li>",
                (
                    (date_format(timezone.localtime(when), "DATETIME_FORMAT"), who, what)
                    for when, who, what in rows
                ),
            ),
        )

    def get_search_results(self, request, queryset, search_term):
        """Phone numbers are stored as digits, so "(555) 123-4567" also finds 5551234567."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        digits = re.sub(r"\D", "", search_term)
        if digits and digits != search_term:
            results |= queryset.filter(phone__contains=digits)
        return results, may_have_duplicates

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        if not add and form.changed_data:
            message[0]["changed"]["fields"] = describe_changes(form.instance, form.changed_data)
        return message

    def save_model(self, request, obj, form, change):
        save_status_change(obj)

    def save_formset(self, request, form, formset, change):
        for new_note_form in formset.extra_forms:
            new_note_form.instance.author = request.user
        super().save_formset(request, form, formset, change)

    def change_status(self, request, queryset, status, closed_reason=""):
        """Move each request to the status, one at a time, each with its history entry."""
        changed = 0
        with transaction.atomic():
            for booking_request in queryset:
                if (booking_request.status, booking_request.closed_reason) == (
                    status,
                    closed_reason,
                ):
                    continue
                booking_request.set_status(status, closed_reason)
                save_status_change(
                    booking_request, update_fields=["status", "closed_reason", "spam_reason"]
                )
                self.log_change(
                    request,
                    booking_request,
                    [{"changed": {"fields": describe_changes(booking_request, ["status"])}}],
                )
                changed += 1
        label = BookingRequest(status=status, closed_reason=closed_reason).status_label
        self.message_user(request, f"{changed} request(s) moved to “{label}”.")

    @admin.action(description="Close, with the reason chosen", permissions=["change"])
    def close(self, request, queryset):
        reason = request.POST.get("closed_reason", "")
        if reason not in BookingRequest.ClosedReason.values:
            self.message_user(
                request, "Choose a reason for closing, then run the action again.", messages.ERROR
            )
            return
        self.change_status(request, queryset, Status.CLOSED, reason)

    @admin.action(description="Not spam: move back to new", permissions=["change"])
    def mark_not_spam(self, request, queryset):
        self.change_status(request, queryset.filter(status=Status.SPAM), Status.NEW)

    @admin.action(description="Export selected to CSV", permissions=["export"])
    def export_csv(self, request, queryset):
        filename = f"booking-requests-{timezone.localdate():%Y-%m-%d}.csv"
        response = HttpResponse(
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
        booking_requests = queryset.select_related("therapist", "looking_for", "assigned_to")
        write_csv(booking_requests, response)
        for booking_request in booking_requests:
            self.log_change(request, booking_request, "Exported to CSV.")
        return response
