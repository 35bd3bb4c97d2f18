"""While a therapist takes no new clients, a reader may leave an email address to be told
once when they do; that one email goes when the switch flips back, and the address is
deleted. Leaving the list is one click, and nothing else is ever sent."""

import email.policy
import time
import uuid
from io import StringIO

import pytest
from django.core.mail import EmailMultiAlternatives
from django.core.management import CommandError, call_command
from django.core.signing import Signer
from django.test import Client

from booking import waitlist
from booking.models import WaitlistEntry
from booking.spam import FormToken
from practice.models import Therapist
from tests.booking.conftest import signed_token
from tests.concurrency import at_once
from tests.parsing import find_all

JOIN_URL = "/book/morgan/waitlist/"


@pytest.fixture
def waitlist_data():
    def make(**overrides):
        return {"email": "sam@example.com", "website": "", "form_token": signed_token()} | overrides

    return make


@pytest.fixture
def join(client, closed_therapist, waitlist_data, django_capture_on_commit_callbacks):
    """Leave an address from the booking page, running what waits for the commit."""

    def send(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(JOIN_URL, waitlist_data(**changes))

    return send


@pytest.fixture
def reopen(django_capture_on_commit_callbacks):
    """Flip a therapist back to accepting new clients as admin does: loaded, changed, saved."""

    def flip(therapist, accepting=True):
        therapist = Therapist.objects.get(pk=therapist.pk)
        therapist.accepting_new_clients = accepting
        with django_capture_on_commit_callbacks(execute=True):
            therapist.save()

    return flip


def waiting_addresses():
    return sorted(WaitlistEntry.objects.values_list("email", flat=True))


def main_text(response):
    (main,) = find_all(response.content.decode(), "main")
    return main.text


def leave_url(entry):
    return f"/book/waitlist/leave/{waitlist.unsubscribe_token(entry)}/"


# Joining


def test_the_closed_booking_page_offers_a_form_for_just_an_email_address(client, closed_therapist):
    html = client.get("/book/morgan/").content.decode()

    (heading,) = find_all(html, "h2", id="waitlist-heading")
    assert heading.text == "Tell me when Morgan is taking new clients"
    (form,) = find_all(html, "form", action=f"{JOIN_URL}#waitlist")
    assert form.attrs["method"] == "post"
    fields = [
        element.attrs["name"]
        for element in find_all(html, "input")
        if element.is_inside("form", action=form.attrs["action"])
    ]
    assert fields == ["csrfmiddlewaretoken", "form_token", "email", "website"]
    (email,) = find_all(html, "input", name="email")
    assert email.attrs["type"] == "email"
    assert email.attrs["autocomplete"] == "email"
    (label,) = find_all(html, "label", for_=email.attrs["id"])
    assert label.text == "Your email address"


def test_an_open_booking_page_has_the_booking_form_and_no_waitlist(client, therapist):
    html = client.get("/book/morgan/").content.decode()

    assert find_all(html, "input", name="consent")
    assert find_all(html, "section", id="waitlist") == []


def test_joining_stores_the_address_and_says_what_happens_next(join, client):
    response = join(email="Sam@Example.com")

    assert response.status_code == 302
    assert response.url == "/book/morgan/waitlist/joined/"
    assert waiting_addresses() == ["sam@example.com"]
    page = client.get(response.url)
    text = main_text(page)
    assert "we will send you one email" in text
    assert "Then we delete your address" in text
    assert "a link that takes your address off the list at once" in text
    assert "no-store" in page["Cache-Control"]
    assert find_all(page.content.decode(), "meta", name="robots", content="noindex")


def test_joining_twice_is_no_error_and_keeps_one_address_and_one_confirmation(join, mailoutbox):
    first = join(email="sam@example.com")
    second = join(email="SAM@example.com")

    assert second.status_code == 302
    assert second.url == first.url
    assert waiting_addresses() == ["sam@example.com"]
    assert len(mailoutbox) == 1


def test_one_address_may_wait_for_two_therapists(join, client, other_therapist, waitlist_data):
    other_therapist.accepting_new_clients = False
    other_therapist.save()

    join()
    client.post("/book/riley/waitlist/", waitlist_data())

    assert WaitlistEntry.objects.count() == 2


def test_an_invalid_address_comes_back_on_the_booking_page_with_its_error(join):
    response = join(email="sam at example")

    assert response.status_code == 200
    html = response.content.decode()
    (email,) = find_all(html, "input", name="email")
    assert email.attrs["value"] == "sam at example"
    assert email.attrs["aria-invalid"] == "true"
    (summary,) = find_all(html, "div", class_="error-summary", role="alert")
    assert "Please enter an email address like name@example.com." in summary.text
    assert find_all(html, "h1")[0].text == "Book therapy with Morgan"
    assert waiting_addresses() == []


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": ""},
        {"email": ["a@example.com", "b@example.com"]},
        {"email": "x" * 300 + "@example.com"},
        {"email": "sam@example.com\r\nBcc: everyone@example.com"},
        {"email": "sam@example.com", "form_token": "forged"},
    ],
)
def test_bad_input_never_breaks_the_page_nor_joins(client, closed_therapist, data):
    response = client.post(JOIN_URL, data)

    assert response.status_code == 200
    assert find_all(response.content.decode(), "div", class_="error-summary", role="alert")
    assert waiting_addresses() == []


@pytest.mark.parametrize(
    "body", [b"email=%ff%fe%40example.com", b"email=sam%00@example.com", b"\xff\xfe\x00"]
)
def test_a_malformed_body_is_answered_without_a_server_error(client, closed_therapist, body):
    response = client.post(JOIN_URL, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code in {200, 400}
    assert waiting_addresses() == []


@pytest.mark.parametrize(
    "changes",
    [lambda: {"website": "https://spam.example"}, lambda: {"form_token": signed_token(0)}],
    ids=["hidden field filled in", "sent at once"],
)
def test_a_bot_is_welcomed_like_a_person_but_nothing_is_stored_or_sent(join, mailoutbox, changes):
    response = join(**changes())

    assert response.url == "/book/morgan/waitlist/joined/"
    assert waiting_addresses() == []
    assert mailoutbox == []


def test_a_page_left_open_overnight_asks_for_one_more_press_then_joins(
    join, closed_therapist, waitlist_data
):
    stale = FormToken(uuid.uuid4(), time.time() - 2 * 24 * 60 * 60).sign()

    response = join(form_token=stale)

    assert response.status_code == 200
    assert waitlist.PRESS_AGAIN in main_text(response)
    assert waiting_addresses() == []
    (renewed,) = find_all(response.content.decode(), "input", name="form_token")
    assert join(form_token=renewed.attrs["value"]).status_code == 302
    assert waiting_addresses() == ["sam@example.com"]


def test_one_connection_may_leave_only_a_few_addresses_an_hour(join, settings, mailoutbox):
    settings.BOOKING_RATE_LIMIT = 2

    for number in range(3):
        response = join(email=f"person{number}@example.com")

    assert response.status_code == 200
    assert waitlist.TOO_MANY in main_text(response)
    assert waiting_addresses() == ["person0@example.com", "person1@example.com"]
    assert len(mailoutbox) == 2


def test_joining_needs_the_csrf_token(closed_therapist, waitlist_data):
    response = Client(enforce_csrf_checks=True).post(JOIN_URL, waitlist_data())

    assert response.status_code == 403
    assert waiting_addresses() == []


def test_once_the_therapist_is_accepting_the_address_is_not_taken(join, reopen, therapist):
    reopen(therapist)

    response = join()

    assert response.url == "/book/morgan/"
    assert waiting_addresses() == []


def test_the_join_address_opened_in_a_browser_leads_to_the_booking_page(client, closed_therapist):
    response = client.get(JOIN_URL)

    assert response.status_code == 302
    assert response.url == "/book/morgan/"


# The confirmation


def test_the_confirmation_is_plain_discreet_and_unsubscribes_in_one_click(
    join, mailoutbox, settings
):
    settings.SITE_URL = "https://practice.example"

    join(email="sam@example.com")

    (message,) = mailoutbox
    url = f"https://practice.example{leave_url(WaitlistEntry.objects.get())}"
    assert message.to == ["sam@example.com"]
    assert message.subject == "We will tell you when Morgan has space"
    assert "therap" not in (message.subject + message.from_email).lower()
    assert message.content_subtype == "plain"
    assert not isinstance(message, EmailMultiAlternatives)
    assert url in message.body
    assert "one email" in message.body
    # As the mail server receives them: a long link folded into encoded words would be
    # ignored by mail clients.
    sent = message.message(policy=email.policy.SMTP).as_bytes().decode()
    assert f"\r\nList-Unsubscribe: <{url}>\r\n" in sent
    assert "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in sent


def test_a_failed_confirmation_still_leaves_the_address_waiting(join, mail_server_down):
    response = join()

    assert response.status_code == 302
    assert waiting_addresses() == ["sam@example.com"]


def test_while_email_is_off_nothing_is_sent(join, mailoutbox, settings):
    settings.EMAIL_ENABLED = False

    join()

    assert mailoutbox == []
    assert waiting_addresses() == ["sam@example.com"]


# Leaving the list


def test_opening_the_link_asks_and_removes_nothing(client, make_waitlist_entry):
    entry = make_waitlist_entry()

    response = client.get(leave_url(entry))

    assert response.status_code == 200
    html = response.content.decode()
    (button,) = find_all(html, "button")
    assert button.text == "Remove my address"
    assert button.is_inside("form", method="post")
    assert waiting_addresses() == ["sam@example.com"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert find_all(html, "meta", name="robots", content="noindex")


def test_the_button_removes_the_address(client, make_waitlist_entry):
    entry = make_waitlist_entry()

    response = client.post(leave_url(entry))

    assert response.status_code == 200
    assert "Your address is off the list" in main_text(response)
    assert response["Referrer-Policy"] == "no-referrer"
    assert waiting_addresses() == []


def test_a_mail_clients_one_click_post_removes_it_without_a_csrf_token(make_waitlist_entry):
    entry = make_waitlist_entry()

    response = Client(enforce_csrf_checks=True).post(
        leave_url(entry), {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    assert waiting_addresses() == []


def test_a_forged_or_used_link_gets_one_page_that_reveals_nothing(client, make_waitlist_entry):
    kept = make_waitlist_entry("kept@example.com")
    used = make_waitlist_entry("used@example.com")
    used_url = leave_url(used)
    client.post(used_url)
    forged = Signer(salt="another purpose").sign_object(kept.pk)
    cut_short = leave_url(kept)[:-8] + "/"

    pages = [
        client.generic(method, url)
        for url in [used_url, f"/book/waitlist/leave/{forged}/", cut_short]
        for method in ["GET", "POST"]
    ]

    assert {page.status_code for page in pages} == {404}
    assert len({main_text(page) for page in pages}) == 1
    assert "This link does not work" in main_text(pages[0])
    assert {page["Referrer-Policy"] for page in pages} == {"no-referrer"}
    assert waiting_addresses() == ["kept@example.com"]


# The reopening


def test_reopening_sends_each_address_one_email_and_keeps_none(
    make_waitlist_entry, other_therapist, reopen, mailoutbox, settings
):
    settings.SITE_URL = "https://practice.example"
    make_waitlist_entry("sam@example.com")
    make_waitlist_entry("alex@example.com")
    make_waitlist_entry("sam@example.com", therapist=other_therapist)
    therapist = Therapist.objects.get(slug="morgan")

    reopen(therapist)

    assert sorted(message.to[0] for message in mailoutbox) == [
        "alex@example.com",
        "sam@example.com",
    ]
    for message in mailoutbox:
        assert message.subject == "Morgan is taking new clients again"
        assert "https://practice.example/book/morgan/" in message.body
        assert "deleted" in message.body
    assert list(WaitlistEntry.objects.values_list("therapist__slug", flat=True)) == ["riley"]


def test_reopening_in_the_admins_list_tells_the_list(
    client, log_in, make_waitlist_entry, mailoutbox, django_capture_on_commit_callbacks
):
    make_waitlist_entry()
    log_in("Editors")
    therapist = Therapist.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/practice/therapist/",
            {
                "form-TOTAL_FORMS": "1",
                "form-INITIAL_FORMS": "1",
                "form-0-id": str(therapist.pk),
                "form-0-accepting_new_clients": "on",
                "form-0-position": "0",
                "_save": "Save",
            },
        )

    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [["sam@example.com"]]
    assert waiting_addresses() == []


@pytest.mark.parametrize("accepting", [False, True])
def test_a_save_that_does_not_reopen_sends_nothing(
    make_waitlist_entry, closed_therapist, reopen, mailoutbox, accepting
):
    make_waitlist_entry()
    if accepting:  # open already: an address from before reopening waits for cron
        Therapist.objects.update(accepting_new_clients=True)

    reopen(closed_therapist, accepting=accepting)

    assert mailoutbox == []
    assert waiting_addresses() == ["sam@example.com"]


def test_closing_again_sends_nothing(make_waitlist_entry, closed_therapist, reopen, mailoutbox):
    reopen(closed_therapist)
    make_waitlist_entry()

    reopen(closed_therapist, accepting=False)

    assert mailoutbox == []
    assert waiting_addresses() == ["sam@example.com"]


def test_a_failed_email_keeps_the_address_for_cron_to_send_once(
    make_waitlist_entry, closed_therapist, reopen, mail_server_down, mailoutbox
):
    make_waitlist_entry()

    reopen(closed_therapist)

    assert waiting_addresses() == ["sam@example.com"]
    with pytest.raises(CommandError, match="1 email"):
        call_command("send_booking_notifications", stdout=StringIO())
    assert waiting_addresses() == ["sam@example.com"]

    mail_server_down.undo()
    output = StringIO()
    call_command("send_booking_notifications", stdout=output)
    call_command("send_booking_notifications", stdout=StringIO())

    assert "and 1 waitlist email(s)" in output.getvalue()
    assert [message.to for message in mailoutbox] == [["sam@example.com"]]
    assert waiting_addresses() == []


def test_cron_tells_the_list_of_a_therapist_reopened_without_a_save(
    make_waitlist_entry, mailoutbox
):
    make_waitlist_entry()
    Therapist.objects.update(accepting_new_clients=True)

    call_command("send_booking_notifications", stdout=StringIO())

    assert [message.to for message in mailoutbox] == [["sam@example.com"]]
    assert waiting_addresses() == []


def test_cron_leaves_the_list_of_a_therapist_still_closed_alone(make_waitlist_entry, mailoutbox):
    make_waitlist_entry()

    call_command("send_booking_notifications", stdout=StringIO())

    assert mailoutbox == []
    assert waiting_addresses() == ["sam@example.com"]


def test_running_the_sender_twice_sends_once(make_waitlist_entry, closed_therapist, mailoutbox):
    entry = make_waitlist_entry()
    Therapist.objects.update(accepting_new_clients=True)

    results = [waitlist.send_reopening_email(entry.pk) for _ in range(2)]
    waitlist.send_reopening_news.call(closed_therapist.pk)

    assert results == [True, None]
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_senders_on_several_servers_at_once_send_each_address_once(mailoutbox):
    """Four workers told of the same reopening at the same moment (the task, cron, a
    second queuing), each with its own database connection."""
    therapist = Therapist.objects.create(
        name="Morgan", slug="morgan", notification_email="morgan@example.com"
    )
    for number in range(20):
        WaitlistEntry.objects.create(
            therapist=therapist, email=f"person{number}@example.com", client_hash="0" * 64
        )
    Therapist.objects.update(accepting_new_clients=True)

    at_once(*[lambda: waitlist.send_reopening_news.call(therapist.pk)] * 4)

    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        f"person{number}@example.com" for number in range(20)
    )
    assert waiting_addresses() == []


# Admin


def test_intake_sees_how_many_wait_for_each_therapist_and_no_address(
    intake_client, make_waitlist_entry, other_therapist
):
    make_waitlist_entry("sam@example.com")
    make_waitlist_entry("alex@example.com")
    make_waitlist_entry("sam@example.com", therapist=other_therapist)

    response = intake_client.get("/admin/booking/waitlistentry/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Morgan (2)" in " ".join(link.text for link in find_all(html, "a"))
    assert "Riley (1)" in " ".join(link.text for link in find_all(html, "a"))
    assert "@example.com" not in html
    assert find_all(html, "a", href="/admin/booking/waitlistentry/add/") == []


def test_intake_finds_an_address_only_by_typing_it_whole(intake_client, make_waitlist_entry):
    make_waitlist_entry("sam@example.com")

    def rows_found(term):
        response = intake_client.get("/admin/booking/waitlistentry/", {"q": term})
        return len(find_all(response.content.decode(), "input", name="_selected_action"))

    assert rows_found("sam@example.com") == 1
    assert rows_found("sam") == 0


def test_nobody_adds_or_changes_an_address_in_admin(intake_client, make_waitlist_entry):
    entry = make_waitlist_entry()

    assert intake_client.get("/admin/booking/waitlistentry/add/").status_code == 403
    intake_client.post(
        f"/admin/booking/waitlistentry/{entry.pk}/change/", {"email": "other@example.com"}
    )
    assert waiting_addresses() == ["sam@example.com"]


def test_editors_do_not_see_the_list(editor_client, make_waitlist_entry):
    make_waitlist_entry()

    assert editor_client.get("/admin/booking/waitlistentry/").status_code == 403
