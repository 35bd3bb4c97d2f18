"""Many people sending the form at once: every request is stored, and stored once; one
client sending many at once is held to the rate limit."""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

import pytest

from booking.models import BookingRequest
from booking.spam import FormToken

THREADS = 10
SUBMISSIONS_PER_THREAD = 10
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.mark.load
def test_100_submissions_from_10_threads_are_all_stored_once(
    live_server, therapist, looking_for, booking_data, settings
):
    settings.BOOKING_RATE_LIMIT = 0  # every submission comes from 127.0.0.1
    sent_tokens = []
    lock = threading.Lock()

    def person():
        browser = build_opener(HTTPCookieProcessor(CookieJar()))
        page = browser.open(f"{live_server.url}/book/").read().decode()
        csrf_token = CSRF_FIELD.search(page).group(1)
        landed = []
        for _ in range(SUBMISSIONS_PER_THREAD):
            data = booking_data(csrfmiddlewaretoken=csrf_token)
            with lock:
                sent_tokens.append(FormToken.read(data["form_token"]).id)
            response = browser.open(
                f"{live_server.url}/book/", urlencode(data, doseq=True).encode()
            )
            landed.append((response.status, response.url))
        return landed

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = [
            landing for landed in pool.map(lambda _: person(), range(THREADS)) for landing in landed
        ]

    assert results == [(200, f"{live_server.url}/book/thanks/")] * 100
    stored = list(BookingRequest.objects.values_list("token", "status"))
    assert len(stored) == 100
    assert sorted(token for token, _ in stored) == sorted(sent_tokens)
    assert {status for _, status in stored} == {BookingRequest.Status.NEW}


def test_the_rate_limit_holds_when_one_client_sends_many_at_once(
    live_server, therapist, looking_for, booking_data, settings
):
    """Counting and storing take turns per client, so 40 requests sent at the same moment
    from one address store exactly the limit (once, 40 stored 6)."""
    settings.BOOKING_RATE_LIMIT = 5
    clients = 40
    start_together = threading.Barrier(clients)

    def client_sending_once():
        browser = build_opener(HTTPCookieProcessor(CookieJar()))
        page = browser.open(f"{live_server.url}/book/").read().decode()
        data = booking_data(csrfmiddlewaretoken=CSRF_FIELD.search(page).group(1))
        body = urlencode(data, doseq=True)
        start_together.wait()
        # The test server queues few connections; one it turned away never arrived.
        for _ in range(20):
            try:
                return browser.open(f"{live_server.url}/book/", body.encode()).status
            except HTTPError as refused:
                return refused.code
            except (ConnectionError, URLError):
                time.sleep(0.05)
        raise AssertionError("the test server turned the request away 20 times")

    with ThreadPoolExecutor(max_workers=clients) as pool:
        statuses = list(pool.map(lambda _: client_sending_once(), range(clients)))

    assert sorted(statuses) == [200] * 5 + [429] * 35
    assert BookingRequest.objects.count() == 5
