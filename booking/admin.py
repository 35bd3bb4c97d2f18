import re

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from practice.admin import list_datetime
from practice.fields import MultilineField
from practice.models import Practice, PrivacyNoticeVersion

from . import phone, replies, waiting
from .export import write_csv
from .forms import ReplyForm, ReplyTemplateChoiceForm
from .models import (
    BookingRequest,
    LookingForOption,
    Reply,
    ReplyTemplate,
    RequestView,
    StaffNote,
    WaitlistEntry,
    Withdrawal,
)
from .notifications import save_status_change

Status = BookingRequest.Status
# The latest openings of a request's page listed on it; older ones are counted.
OPENINGS_SHOWN = 10


def describe_changes(booking_request, changed_fields):
    """Say what a change made of the request, for its history: new status, new assignee."""
    descriptions = []
    if {"status", "closed_reason"} & set(changed_fields):
        descriptions.append(f"status to “{booking_request.status_label}”")
    if "assigned_to" in changed_fields:
        descriptions.append(f"assignee to “{booking_request.assigned_to or 'nobody'}”")
    return descriptions


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    """The replies Intake starts from: their words, and where each moves the request."""

    list_display = ["name", "subject", "moves_to", "position"]
    list_editable = ["position"]
    fields = ["name", "subject", "body", "moves_to", "closed_reason", "position"]


@admin.register(LookingForOption)
class LookingForOptionAdmin(admin.ModelAdmin):
    list_display = ["label", "offered", "position"]
    list_editable = ["offered", "position"]


class StaffNoteInline(admin.StackedInline):
    """Notes are added, not rewritten: without the change permission, past notes are read-only.

    Stacked, so that each note's box has its own label (a table's column heading is none).
    """

    model = StaffNote
    fields = ["text", ("author", "created_at")]
    readonly_fields = ["author", "created_at"]
    extra = 1
    formfield_overrides = {MultilineField: {"widget": forms.Textarea(attrs={"rows": 3})}}


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


class StatusFilter(admin.SimpleListFilter):
    """Open requests unless asked otherwise: the ones someone still has to act on."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("open", "Open"),
            ("overdue", "Overdue"),
            *Status.choices,
            ("all", "All"),
        ]

    def choices(self, changelist):
        current = self.value() or "open"
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        match self.value() or "open":
            case "open":
                return queryset.open()
            case "overdue":
                return queryset.overdue()
            case "all":
                return queryset
            case status if status in Status.values:
                return queryset.filter(status=status)
        raise IncorrectLookupParameters(f"No status “{self.value()}”.")


@admin.register(BookingRequest)
class BookingRequestAdmin(admin.ModelAdmin):
    list_display = [
        "received",
        "waited",
        "name_column",
        "preferred_contact",
        "status_column",
        "assigned_to",
    ]
    list_display_links = ["received", "name_column"]
    list_filter = [
        StatusFilter,
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
    # The notes (an inline) come right after what the client sent, in the page's template.
    fieldsets = [
        (
            "What they sent",
            {
                "fields": [
                    "therapist",
                    "how_to_reach",
                    "looking_for",
                    "session_format",
                    "availability_display",
                    "note",
                    ("consent_at", "privacy_notice"),
                ]
            },
        ),
        ("Follow-up", {"fields": ["status", "closed_reason", "assigned_to", "spam_reason"]}),
        ("History", {"fields": ["reply_list", "history", "opened_by"]}),
        (
            "Notification to the practice",
            {
                "fields": [
                    "notification_state",
                    "notification_attempts",
                    "notification_last_error",
                ],
                "classes": ["collapse"],
            },
        ),
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

    class Media:
        css = {"all": ["admin/booking.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_overdue_flag()

    @admin.display(ordering="created_at")
    def received(self, booking_request):
        return list_datetime(booking_request.created_at)

    @admin.display(description="waited")
    def waited(self, booking_request):
        """How long the person has waited for a first reply, flagged past the promise."""
        if booking_request.status in {Status.CONTACTED, Status.CONSULTATION_SCHEDULED}:
            return "replied"
        if booking_request.status != Status.NEW:
            return "—"
        how_long = waiting.waited(booking_request.created_at, timezone.now())
        if booking_request.is_overdue:
            return format_html('<strong class="overdue">Overdue</strong><br>{}', how_long)
        return how_long

    @admin.display(description="name", ordering="name")
    def name_column(self, booking_request):
        if booking_request.discreet:
            return format_html(
                '{} <strong class="discreet-flag">Discreet</strong>', booking_request.name
            )
        return booking_request.name

    @admin.display(description="status", ordering="status")
    def status_column(self, booking_request):
        return booking_request.status_label

    @admin.display(description="how to reach them")
    def how_to_reach(self, booking_request):
        """Their email and phone as links, within what they allowed: no text link unless
        texts are OK, and a plain "no voicemail" when messages are not."""
        ways = [
            format_html(
                "Prefers <strong>{}</strong>", booking_request.get_preferred_contact_display()
            ),
            format_html(
                'Email <a href="mailto:{}">{}</a>', booking_request.email, booking_request.email
            ),
        ]
        if booking_request.phone:
            number = phone.dialable(booking_request.phone)
            ways.append(
                format_html(
                    'Phone <a href="tel:{}">{}</a>', number, phone.readable(booking_request.phone)
                )
            )
            if booking_request.texts_ok:
                ways.append(format_html('Texts OK: <a href="sms:{}">send a text</a>', number))
            else:
                ways.append(mark_safe("<strong>No texts</strong>"))
            ways.append(
                "Voicemail OK"
                if booking_request.voicemail_ok
                else mark_safe("<strong>No voicemail</strong>")
            )
        return format_html(
            '<ul class="how-to-reach">{}</ul>', format_html_join("", "<li>{}</li>", zip(ways))
        )

    @admin.display(description="opened by")
    def opened_by(self, booking_request):
        views = booking_request.views.select_related("viewer")
        shown = list(views[:OPENINGS_SHOWN])
        if not shown:
            return "Nobody yet."
        rows = format_html_join(
            "",
            "<li><time>{}</time> · {}</li>",
            (
                (
                    date_format(timezone.localtime(view.viewed_at), "DATETIME_FORMAT"),
                    view.viewer or "a former user",
                )
                for view in shown
            ),
        )
        total = views.count()
        more = format_html("<p>and {} time(s) before</p>", total - len(shown))
        return format_html(
            '<ol class="booking-history">{}</ol>{}', rows, more if total > len(shown) else ""
        )

    @admin.display(description="replies")
    def reply_list(self, booking_request):
        replies = booking_request.replies.select_related("written_by", "template")
        if not replies:
            return "None yet."
        reply_page = reverse("admin:booking_bookingrequest_reply", args=[booking_request.pk])
        return format_html(
            '<ol class="replies">{}</ol>',
            format_html_join("", "{}", ((self.describe_reply(r, reply_page),) for r in replies)),
        )

    def describe_reply(self, reply, reply_page):
        when = date_format(timezone.localtime(reply.written_at), "DATETIME_FORMAT")
        state = reply.get_state_display()
        if reply.state == Reply.State.FAILED:
            state = format_html(
                '<strong class="overdue">Failed</strong> ({}). <a href="{}#reply-{}">Send it '
                "again…</a>",
                reply.last_error,
                reply_page,
                reply.pk,
            )
        return format_html(
            '<li id="reply-{}"><time>{}</time> · {} · {} · {}<details><summary>{}</summary>'
            '<pre class="reply-body">{}</pre></details></li>',
            reply.pk,
            when,
            reply.written_by or "a former user",
            reply.template or "written from scratch",
            state,
            reply.subject,
            reply.body,
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """Each opening of the page is recorded, by whom and when: here, once Django has
        fetched the request and checked who may see it."""
        if obj is not None and request.method == "GET":
            RequestView.objects.create(booking_request=obj, viewer=request.user)
        context["may_reply"] = (
            obj is not None and obj.may_be_emailed and self.has_change_permission(request, obj)
        )
        context["discreet_sender_name"] = settings.BOOKING_DISCREET_SENDER_NAME
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        reply = self.admin_site.admin_view(self.reply_view)
        send_again = self.admin_site.admin_view(require_POST(self.send_again_view))
        return [
            path("<path:object_id>/reply/", reply, name="booking_bookingrequest_reply"),
            path(
                "<path:object_id>/reply/<int:reply_id>/send-again/",
                send_again,
                name="booking_bookingrequest_send_again",
            ),
            *super().get_urls(),
        ]

    def request_to_answer(self, request, object_id):
        booking_request = self.get_object(request, unquote(object_id))
        if booking_request is None:
            raise Http404("No such booking request.")
        if not self.has_change_permission(request, booking_request):
            raise PermissionDenied
        return booking_request

    def reply_view(self, request, object_id):
        """Write a reply by email, starting from one of the practice's templates.

        Only for a client who asked to be reached by email; for the others the page says
        how they asked to be reached instead.
        """
        booking_request = self.request_to_answer(request, object_id)
        chooser = ReplyTemplateChoiceForm(request.GET or None)
        template = chooser.cleaned_data["template"] if chooser.is_valid() else None
        if request.method == "POST" and booking_request.may_be_emailed:
            form = ReplyForm(request.POST, booking_request=booking_request)
            if form.is_valid():
                replies.write_reply(
                    booking_request,
                    form.cleaned_data["template"],
                    form.cleaned_data["subject"],
                    form.cleaned_data["body"],
                    request.user,
                )
                self.message_user(
                    request,
                    "The reply is on its way: it is listed under Replies.",
                    messages.SUCCESS,
                )
                return redirect("admin:booking_bookingrequest_change", booking_request.pk)
        else:
            practice = Practice.get_solo()
            subject, body = template.fill(booking_request, practice.name) if template else ("", "")
            form = ReplyForm(
                initial={"template": template, "subject": subject, "body": body},
                booking_request=booking_request,
            )
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": booking_request,
            "title": "Reply by email",
            "chooser": chooser,
            "form": form,
            "how_to_reach": self.how_to_reach(booking_request),
            "discreet_sender_name": settings.BOOKING_DISCREET_SENDER_NAME,
            "sender": replies.message(
                Reply(booking_request=booking_request, to=booking_request.email)
            ),
            "replies": booking_request.replies.select_related("written_by", "template"),
        }
        return TemplateResponse(request, "admin/booking/bookingrequest/reply.html", context)

    def send_again_view(self, request, object_id, reply_id):
        """Send a reply that failed again, as it was written."""
        booking_request = self.request_to_answer(request, object_id)
        reply = get_object_or_404(booking_request.replies, pk=reply_id, state=Reply.State.FAILED)
        reply.state = Reply.State.WAITING
        reply.save(update_fields=["state"])
        replies.send_after_commit(reply)
        self.message_user(request, "The reply is being sent again.", messages.SUCCESS)
        return redirect("admin:booking_bookingrequest_change", booking_request.pk)

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

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        """A request its client withdrew is gone; the link in the practice's email to it
        says so, rather than that it may have been deleted."""
        number = unquote(object_id)
        withdrawal = number.isdecimal() and Withdrawal.objects.filter(request_number=number).first()
        if not withdrawal:
            return super()._get_obj_does_not_exist_redirect(request, opts, object_id)
        self.message_user(
            request,
            f"Request {withdrawal.request_number} was withdrawn by the client on "
            f"{date_format(timezone.localtime(withdrawal.withdrawn_at), 'DATETIME_FORMAT')}: "
            "it was deleted, with everything attached to it.",
            messages.INFO,
        )
        return redirect("admin:booking_bookingrequest_changelist")

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
        booking_requests = queryset.select_related(
            "therapist", "looking_for", "assigned_to"
        ).prefetch_related("notes__author", "replies__written_by", "replies__template")
        write_csv(booking_requests, response)
        for booking_request in booking_requests:
            self.log_change(request, booking_request, "Exported to CSV.")
        return response


@admin.register(Withdrawal)
class WithdrawalAdmin(admin.ModelAdmin):
    """That a request was withdrawn, and when: all that is kept of it."""

    list_display = ["request_number", "received_at", "withdrawn_at"]
    date_hierarchy = "withdrawn_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    """How many addresses wait for each therapist (the filter's counts), for whoever handles
    booking requests. Addresses come only from the booking page and are never listed or
    exported; one can be found by typing it exactly, to delete it when its owner asks."""

    list_display = ["therapist", "created_at"]
    list_display_links = None
    list_filter = ["therapist"]
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ["=email"]
    search_help_text = "The whole address, exactly."

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("booking.view_bookingrequest")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("booking.change_bookingrequest")
