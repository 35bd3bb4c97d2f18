"""Intake staff find, follow up and export booking requests in admin; each step is recorded."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.utils import timezone

from booking.models import BookingRequest, LookingForOption, StaffNote
from tests.parsing import find_all

CHANGELIST = "/admin/booking/bookingrequest/"
Status = BookingRequest.Status


def change_url(booking_request):
    return f"{CHANGELIST}{booking_request.pk}/change/"


def listed_names(response):
    return [row.name for row in response.context["cl"].result_list]


def run_action(client, action, booking_requests, **extra):
    """Run an action from the list of every request (the default list shows open ones)."""
    return client.post(
        f"{CHANGELIST}?status=all",
        {
            "action": action,
            "_selected_action": [booking_request.pk for booking_request in booking_requests],
            **extra,
        },
    )


def action_names(client):
    """The actions the signed-in user is offered on the list."""
    form = client.get(CHANGELIST).context["action_form"]
    return [value for value, _ in form.fields["action"].choices]


def history_messages(booking_request):
    return [
        entry.get_change_message()
        for entry in LogEntry.objects.filter(object_id=str(booking_request.pk)).order_by("pk")
    ]


def test_the_list_shows_requests_newest_first_with_their_follow_up(
    intake_client, make_booking_request
):
    make_booking_request(name="Older")
    make_booking_request(
        name="Newer", status=Status.CLOSED, closed_reason=BookingRequest.ClosedReason.REFERRED_OUT
    )

    response = intake_client.get(CHANGELIST, {"status": "all"})

    assert response.status_code == 200
    assert listed_names(response) == ["Newer", "Older"]
    cells = [cell.text for cell in find_all(response.text, "td")]
    assert "Closed: referred out" in cells
    assert "Email" in cells


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=spam", ["Spam"]),
        ("notification_state__exact=failed", ["Failed"]),
        ("therapist__id__exact={riley}", ["Riley's"]),
        ("looking_for__id__exact={couples}", ["Couples"]),
        ("assigned_to__id__exact={alex}", ["Assigned"]),
    ],
)
def test_filters_narrow_the_list(
    intake_client, make_booking_request, other_therapist, query, expected
):
    alex = intake_client.session["_auth_user_id"]
    couples = LookingForOption.objects.get(label="Couples or relationship therapy")
    old = make_booking_request(name="Last year")
    old.created_at = timezone.now() - timedelta(days=365)
    old.save()
    make_booking_request(name="Assigned", assigned_to_id=alex)
    make_booking_request(name="Couples", looking_for=couples)
    make_booking_request(name="Riley's", therapist=other_therapist)
    make_booking_request(name="Failed", notification_state="failed")
    make_booking_request(name="Spam", status=Status.SPAM, spam_reason="honeypot")

    url = f"{CHANGELIST}?" + query.format(riley=other_therapist.pk, couples=couples.pk, alex=alex)

    assert listed_names(intake_client.get(url)) == expected


def test_the_date_filter_lists_todays_requests(intake_client, make_booking_request):
    old = make_booking_request(name="Last year")
    old.created_at = timezone.now() - timedelta(days=365)
    old.save()
    make_booking_request(name="Today")
    today_link = next(
        link
        for link in find_all(intake_client.get(CHANGELIST).text, "a")
        if link.text == "Today" and "created_at__gte" in link.attrs["href"]
    )

    assert listed_names(intake_client.get(CHANGELIST + today_link.attrs["href"])) == ["Today"]


@pytest.mark.parametrize("term", ["Rivera", "sam@example", "(555) 123-4567", "5551234567"])
def test_search_finds_by_name_email_or_phone_as_typed(intake_client, make_booking_request, term):
    make_booking_request(name="Sam Rivera", email="sam@example.com", phone="5551234567")
    make_booking_request(name="Jo Bloggs", email="jo@example.net", phone="5559876543")

    assert listed_names(intake_client.get(CHANGELIST, {"q": term})) == ["Sam Rivera"]


def test_the_admin_index_shows_how_many_requests_are_new(intake_client, make_booking_request):
    make_booking_request()
    make_booking_request()
    make_booking_request(status=Status.CONTACTED)

    (notice,) = find_all(intake_client.get("/admin/").text, "p", class_="booking-new-requests")

    assert notice.text == "2 new booking requests"


def test_the_change_page_shows_what_was_sent_read_only(intake_client, make_booking_request):
    booking_request = make_booking_request(note="Ramp access, please.")

    html = intake_client.get(change_url(booking_request)).text

    assert "Ramp access, please." in html
    editable = {element.attrs["name"] for element in find_all(html, "select")}
    editable |= {element.attrs["name"] for element in find_all(html, "textarea")}
    # The last is the blank note the "Add another" link copies.
    assert editable == {
        "status",
        "closed_reason",
        "assigned_to",
        "notes-0-text",
        "notes-__prefix__-text",
    }


def test_staff_change_the_status_and_add_a_note_and_the_history_tells_it(
    intake_client, make_booking_request
):
    booking_request = make_booking_request()
    page = intake_client.get(change_url(booking_request))
    alex = page.context["request"].user

    response = intake_client.post(
        change_url(booking_request),
        {
            "status": Status.CONTACTED,
            "closed_reason": "",
            "assigned_to": alex.pk,
            "notes-TOTAL_FORMS": "1",
            "notes-INITIAL_FORMS": "0",
            "notes-0-text": "Left a voicemail; will try again Friday.",
        },
    )

    assert response.status_code == 302
    booking_request.refresh_from_db()
    assert booking_request.status == Status.CONTACTED
    assert booking_request.assigned_to == alex
    note = StaffNote.objects.get()
    assert (note.author, note.text) == (alex, "Left a voicemail; will try again Friday.")
    assert history_messages(booking_request) == [
        "Changed status to “Contacted” and assignee to “alex”. Added staff note “note by alex”."
    ]
    history = intake_client.get(change_url(booking_request)).text
    assert "alex: Changed status to “Contacted”" in history


def test_closing_needs_a_reason(intake_client, make_booking_request):
    booking_request = make_booking_request()

    response = intake_client.post(
        change_url(booking_request),
        {
            "status": Status.CLOSED,
            "closed_reason": "",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert "Choose why the request was closed." in response.text
    booking_request.refresh_from_db()
    assert booking_request.status == Status.NEW


def test_changing_the_status_records_when(intake_client, make_booking_request):
    booking_request = make_booking_request()
    booking_request.status_changed_at = timezone.now() - timedelta(days=3)
    booking_request.save()

    run_action(intake_client, "mark_contacted", [booking_request])

    booking_request.refresh_from_db()
    assert timezone.now() - booking_request.status_changed_at < timedelta(minutes=1)


STATUS_ACTIONS = {
    "mark_contacted": ({}, "Contacted"),
    "mark_consultation_scheduled": ({}, "Consultation scheduled"),
    "close": ({"closed_reason": "became_client"}, "Closed: became a client"),
    "mark_spam": ({}, "Spam: marked as spam by staff"),
}


@pytest.mark.parametrize(("action", "extra", "label"), [(a, *v) for a, v in STATUS_ACTIONS.items()])
def test_status_actions_move_each_request_with_a_history_entry(
    intake_client, make_booking_request, action, extra, label
):
    selected = [make_booking_request(), make_booking_request()]
    untouched = make_booking_request()

    run_action(intake_client, action, selected, **extra)

    for booking_request in selected:
        booking_request.refresh_from_db()
        assert booking_request.status_label == label
        assert history_messages(booking_request) == [f"Changed status to “{label}”."]
    untouched.refresh_from_db()
    assert untouched.status == Status.NEW


def test_closing_without_a_reason_changes_nothing(intake_client, make_booking_request):
    booking_request = make_booking_request()

    response = run_action(intake_client, "close", [booking_request], closed_reason="")

    booking_request.refresh_from_db()
    assert booking_request.status == Status.NEW
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == ["Choose a reason for closing, then run the action again."]


def test_an_action_leaves_requests_already_in_that_status_alone(
    intake_client, make_booking_request
):
    booking_request = make_booking_request(status=Status.CONTACTED)
    earlier = booking_request.status_changed_at

    run_action(intake_client, "mark_contacted", [booking_request])

    booking_request.refresh_from_db()
    assert booking_request.status_changed_at == earlier
    assert history_messages(booking_request) == []


def test_not_spam_moves_spam_back_to_new_and_tells_the_practice(
    intake_client, make_booking_request, mailoutbox, django_capture_on_commit_callbacks
):
    spam = make_booking_request(status=Status.SPAM, spam_reason="too_fast")
    real = make_booking_request(status=Status.CONTACTED)

    with django_capture_on_commit_callbacks(execute=True):
        run_action(intake_client, "mark_not_spam", [spam, real])

    spam.refresh_from_db()
    real.refresh_from_db()
    assert (spam.status, spam.spam_reason) == (Status.NEW, "")
    assert real.status == Status.CONTACTED
    assert spam.notification_state == BookingRequest.NotificationState.SENT
    assert mailoutbox[0].subject == "A new request is waiting"


def export(client, booking_requests):
    response = run_action(client, "export_csv", booking_requests)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="booking-requests-')
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_export_writes_a_header_and_the_selected_requests_in_utf8(
    intake_client, make_booking_request
):
    chosen = make_booking_request(name="Zoë Ångström", phone="5551234567", note="Ramp, please")
    make_booking_request(name="Not chosen")

    header, *rows = export(intake_client, [chosen])

    assert header[:4] == ["Reference", "Received", "Therapist", "Name"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert (row["Name"], row["Phone"], row["Anything practical"]) == (
        "Zoë Ångström",
        "5551234567",
        "Ramp, please",
    )


@pytest.mark.parametrize(
    ("name", "cell"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tTabbed", "'\tTabbed"),
        ("\rReturned", "'\rReturned"),
        # Full-width signs, as East Asian keyboards type them, which some spreadsheets run.
        ('\uff1dHYPERLINK("http://evil.example")', '\'\uff1dHYPERLINK("http://evil.example")'),
        ("\uff0bSUM(A1)", "'\uff0bSUM(A1)"),
        ("\uff0d2", "'\uff0d2"),
        ("\uff20cmd", "'\uff20cmd"),
        ("Ann = Bea", "Ann = Bea"),
    ],
)
def test_export_defuses_cells_a_spreadsheet_would_run(
    intake_client, make_booking_request, name, cell
):
    header, row = export(intake_client, [make_booking_request(name=name)])

    assert row[header.index("Name")] == cell


def test_export_carries_the_staff_notes_each_on_a_line_of_its_own(
    intake_client, make_booking_request
):
    booking_request = make_booking_request()
    alex = booking_request.notes.model.author.field.related_model.objects.get(username="alex")
    with time_machine.travel(datetime(2026, 11, 2, 15, 0, tzinfo=UTC), tick=False):
        StaffNote.objects.create(booking_request=booking_request, author=alex, text="Called.")
    with time_machine.travel(datetime(2026, 11, 3, 15, 0, tzinfo=UTC), tick=False):
        StaffNote.objects.create(booking_request=booking_request, author=None, text="=1+1")

    header, row = export(intake_client, [booking_request])

    assert row[header.index("Staff notes")] == (
        "2026-11-02 10:00 alex: Called.\n2026-11-03 10:00 a former user: =1+1"
    )


def test_export_carries_the_wish_for_discretion(intake_client, make_booking_request):
    booking_request = make_booking_request(
        discreet=True, safe_times="After 6 pm", may_name_practice=False
    )

    header, row = export(intake_client, [booking_request])

    cells = dict(zip(header, row, strict=True))
    assert cells["Asked for discretion"] == "yes"
    assert cells["Safe times to call"] == "After 6 pm"
    assert cells["May name the practice"] == "no"


def test_export_is_recorded_in_each_requests_history(intake_client, make_booking_request):
    booking_request = make_booking_request()

    export(intake_client, [booking_request])

    assert history_messages(booking_request) == ["Exported to CSV."]


def test_export_needs_its_own_permission(
    client, make_user, make_booking_request, give_second_factor
):
    reviewer = make_user("staff", "rowan")
    reviewer.user_permissions.set(
        Permission.objects.filter(codename__in=["view_bookingrequest", "change_bookingrequest"])
    )
    client.force_login(reviewer)
    give_second_factor(reviewer)
    booking_request = make_booking_request()

    actions = action_names(client)
    response = run_action(client, "export_csv", [booking_request])

    assert "export_csv" not in actions
    assert "mark_contacted" in actions
    assert response["Content-Type"].startswith("text/html")


def test_intake_may_not_delete_requests(intake_client, make_booking_request):
    booking_request = make_booking_request()

    actions = action_names(intake_client)
    response = intake_client.post(f"{CHANGELIST}{booking_request.pk}/delete/", {"post": "yes"})

    assert "delete_selected" not in actions
    assert response.status_code == 403
    assert BookingRequest.objects.filter(pk=booking_request.pk).exists()


def test_a_superuser_may_delete_a_request(admin_client, make_booking_request):
    booking_request = make_booking_request()

    response = admin_client.post(f"{CHANGELIST}{booking_request.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not BookingRequest.objects.exists()


def test_nobody_adds_requests_in_admin(admin_client, therapist):
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403


@pytest.mark.parametrize("url", ["/admin/booking/", CHANGELIST, "/admin/booking/lookingforoption/"])
def test_editors_see_nothing_of_booking(editor_client, url):
    assert editor_client.get(url).status_code in {403, 404}


def test_editors_admin_index_names_no_booking(editor_client, make_booking_request):
    make_booking_request()

    html = editor_client.get("/admin/").text

    assert "booking" not in html.lower()
    assert "Posts" in html


def test_not_spam_does_not_announce_a_request_twice(
    intake_client, make_booking_request, mailoutbox, django_capture_on_commit_callbacks
):
    announced = make_booking_request(
        status=Status.SPAM, notification_state=BookingRequest.NotificationState.SENT
    )

    with django_capture_on_commit_callbacks(execute=True):
        run_action(intake_client, "mark_not_spam", [announced])

    announced.refresh_from_db()
    assert announced.status == Status.NEW
    assert mailoutbox == []


def test_intake_can_open_every_admin_link_on_a_request(intake_client, make_booking_request):
    booking_request = make_booking_request()

    page = intake_client.get(change_url(booking_request)).text
    related = [
        link.attrs["href"]
        for link in find_all(page, "a")
        if link.is_inside("div", class_="readonly") and link.attrs["href"].startswith("/admin/")
    ]

    assert len(related) == 2, "the therapist and the looking-for answer"
    assert [intake_client.get(href).status_code for href in related] == [200, 200]
