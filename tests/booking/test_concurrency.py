"""Many people sending the form at once: every request is stored, and stored once."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, build_opener

from booking.models import BookingRequest
from booking.spam import FormToken

THREADS = 10
SUBMISSIONS_PER_THREAD = 10
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


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
