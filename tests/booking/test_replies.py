"""Intake answers a request by email from its page, starting from a template the practice
edits: the reply is recorded, sent from the practice, moves the request on, and is kept
to send again when it fails."""

import csv
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.management import call_command

from booking.models import BookingRequest, Reply, ReplyTemplate
from practice.models import Practice
from tests.parsing import find_all

pytestmark = pytest.mark.django_db
Status = BookingRequest.Status


def page_of(booking_request):
    return f"/admin/booking/bookingrequest/{booking_request.pk}/change/"


def reply_page(booking_request):
    return f"/admin/booking/bookingrequest/{booking_request.pk}/reply/"


@pytest.fixture
def practice(db):
    return Practice.objects.update_or_create(
        pk=1, defaults={"name": "Calm Harbour Therapy", "email": "hello@calmharbour.example"}
    )[0]


@pytest.fixture
def sam(make_booking_request, practice):
    return make_booking_request(name="Sam  Rivera", email="sam@example.com")


@pytest.fixture
def offer():
    return ReplyTemplate.objects.get(name="Offer a consultation")


def send(client, booking_request, template, capture, **changes):
    """Open the reply page from a template and send what it filled in, changed as told."""
    html = client.get(reply_page(booking_request), {"template": template.pk}).text
    [subject] = find_all(html, "input", name="subject")
    [body] = find_all(html, "textarea", name="body")
    data = {"template": template.pk, "subject": subject.attrs["value"], "body": body.text}
    with capture(execute=True):
        return client.post(reply_page(booking_request), {**data, **changes})


def test_the_practice_starts_with_templates_for_the_usual_answers():
    names = list(ReplyTemplate.objects.values_list("name", flat=True))

    assert names == [
        *("Offer a consultation", "Ask for times"),
        *("Referral", "Not accepting new clients"),
    ]


def test_a_template_fills_in_the_first_name_the_therapist_and_the_practice(sam, offer):
    offer.body = "Dear {first_name}, {therapist} at {practice} will call. {unknown} stays."

    subject, body = offer.fill(sam, "Calm Harbour Therapy")

    assert body == "Dear Sam, Morgan at Calm Harbour Therapy will call. {unknown} stays."
    assert subject == offer.subject


def test_a_template_with_an_unknown_placeholder_is_refused():
    template = ReplyTemplate(name="Oops", subject="Hi {name}", body="Dear {first_name}")

    with pytest.raises(ValidationError, match=r"\{name\}"):
        template.full_clean()


def test_a_template_that_closes_needs_a_reason():
    template = ReplyTemplate(name="Close", subject="Hi", body="Bye", moves_to="closed")

    with pytest.raises(ValidationError, match="why"):
        template.full_clean()


def test_intake_replies_from_a_template_and_the_reply_is_sent_recorded_and_moves_the_status(
    intake_client, sam, offer, mailoutbox, django_capture_on_commit_callbacks
):
    response = send(
        intake_client, sam, offer, django_capture_on_commit_callbacks, body="Dear Sam, hello."
    )

    assert response.status_code == 302
    assert response["Location"] == page_of(sam)
    [email] = mailoutbox
    assert email.to == ["sam@example.com"]
    assert email.from_email == "Calm Harbour Therapy <hello@localhost>"
    assert email.reply_to == ["hello@calmharbour.example"]
    assert email.subject == offer.subject
    assert email.body == "Dear Sam, hello."
    [reply] = Reply.objects.all()
    assert (reply.written_by.username, reply.template, reply.body) == ("alex", offer, email.body)
    assert reply.state == Reply.State.SENT
    sam.refresh_from_db()
    assert sam.status == Status.CONTACTED
    [entry] = LogEntry.objects.filter(object_id=str(sam.pk))
    assert entry.get_change_message() == (
        "Replied by email (Offer a consultation); status to “Contacted”."
    )
    assert "Sam" not in entry.get_change_message() + entry.object_repr


def test_the_reply_shows_on_the_requests_page(
    intake_client, sam, offer, django_capture_on_commit_callbacks
):
    send(intake_client, sam, offer, django_capture_on_commit_callbacks)

    html = intake_client.get(page_of(sam)).text

    [listed] = find_all(html, "ol", class_="replies")
    assert "alex · Offer a consultation · Sent" in listed.text
    assert "Morgan would be glad to meet you" in listed.text


def test_a_referral_closes_the_request_with_its_reason(
    intake_client, sam, django_capture_on_commit_callbacks
):
    referral = ReplyTemplate.objects.get(name="Referral")

    send(intake_client, sam, referral, django_capture_on_commit_callbacks)

    sam.refresh_from_db()
    assert sam.status_label == "Closed: referred out"


def test_a_reply_with_errors_comes_back_with_what_was_written(intake_client, sam, offer):
    response = intake_client.post(
        reply_page(sam), {"template": offer.pk, "subject": "", "body": "Kept, word for word."}
    )

    assert response.status_code == 200
    [body] = find_all(response.text, "textarea", name="body")
    assert body.text == "Kept, word for word."
    assert not Reply.objects.exists()


def test_no_email_is_offered_to_someone_who_asked_for_a_call(
    intake_client, make_booking_request, practice, offer, mailoutbox
):
    caller = make_booking_request(
        phone="5550102030", preferred_contact=BookingRequest.ContactMethod.PHONE
    )

    page = intake_client.get(page_of(caller)).text
    reply = intake_client.get(reply_page(caller)).text
    posted = intake_client.post(
        reply_page(caller), {"template": offer.pk, "subject": "Hi", "body": "Hello"}
    )

    assert not [link for link in find_all(page, "a") if link.text == "Reply by email"]
    assert find_all(reply, "a", href="tel:+15550102030")
    assert not find_all(reply, "textarea")
    assert posted.status_code == 200
    assert not Reply.objects.exists()
    assert mailoutbox == []


def test_someone_who_asked_for_email_is_offered_a_reply(intake_client, sam):
    page = intake_client.get(page_of(sam)).text

    [link] = [link for link in find_all(page, "a") if link.text == "Reply by email"]
    assert link.attrs["href"] == reply_page(sam)


def test_a_failed_reply_is_shown_kept_and_sent_again(
    intake_client, sam, offer, mail_server_down, mailoutbox, django_capture_on_commit_callbacks
):
    send(intake_client, sam, offer, django_capture_on_commit_callbacks)
    [reply] = Reply.objects.all()
    assert reply.state == Reply.State.FAILED
    assert "ConnectionRefusedError" in reply.last_error
    sam.refresh_from_db()
    assert sam.status == Status.NEW
    page = intake_client.get(page_of(sam)).text
    assert "Failed" in find_all(page, "ol", class_="replies")[0].text

    mail_server_down.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = intake_client.post(f"{reply_page(sam)}{reply.pk}/send-again/")

    assert response.status_code == 302
    reply.refresh_from_db()
    assert (reply.state, reply.attempts) == (Reply.State.SENT, 2)
    assert len(mailoutbox) == 1
    sam.refresh_from_db()
    assert sam.status == Status.CONTACTED


def test_a_sent_reply_is_not_sent_again(
    intake_client, sam, offer, mailoutbox, django_capture_on_commit_callbacks
):
    send(intake_client, sam, offer, django_capture_on_commit_callbacks)
    [reply] = Reply.objects.all()

    response = intake_client.post(f"{reply_page(sam)}{reply.pk}/send-again/")

    assert response.status_code == 404
    assert len(mailoutbox) == 1


def test_staff_who_may_not_change_requests_cannot_reply(client, log_in, sam):
    log_in("Editors")

    assert client.get(reply_page(sam)).status_code == 403


def test_the_csv_lists_the_replies(intake_client, sam, offer, django_capture_on_commit_callbacks):
    send(intake_client, sam, offer, django_capture_on_commit_callbacks)

    response = intake_client.post(
        "/admin/booking/bookingrequest/?status=all",
        {"action": "export_csv", "_selected_action": [sam.pk]},
    )

    header, row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    replies = row[header.index("Replies")]
    assert "alex: Offer a consultation, sent" in replies


def test_cron_sends_again_what_failed_and_never_what_went(
    intake_client, sam, offer, mail_server_down, mailoutbox, django_capture_on_commit_callbacks
):
    send(intake_client, sam, offer, django_capture_on_commit_callbacks)
    mail_server_down.undo()

    call_command("send_booking_notifications", stdout=io.StringIO())
    call_command("send_booking_notifications", stdout=io.StringIO())

    [reply] = Reply.objects.all()
    assert reply.state == Reply.State.SENT
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)  # its own transactions, as the worker's
def test_a_reply_is_sent_by_a_task_queued_after_the_save(
    intake_client, sam, settings, mailoutbox, django_capture_on_commit_callbacks, run_worker
):
    offer = ReplyTemplate.objects.create(
        name="Offer", subject="Hello", body="Dear {first_name}", moves_to="contacted"
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    send(intake_client, sam, offer, django_capture_on_commit_callbacks)

    [reply] = Reply.objects.all()
    assert reply.state == Reply.State.WAITING
    assert mailoutbox == []
    run_worker()
    reply.refresh_from_db()
    assert reply.state == Reply.State.SENT
    assert len(mailoutbox) == 1
