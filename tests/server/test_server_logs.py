"""The production server's log: JSON lines, no client address, and no noise a client can
cause: a HEAD request is quiet, a bad Host header one short warning."""

import http.client
import json
import time

import pytest

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def new_log_lines(production_server):
    """The log lines the server writes during the test, each parsed from JSON."""
    already = len(production_server.log_lines())

    def read():
        time.sleep(0.5)  # let the worker finish writing
        return [json.loads(line) for line in production_server.log_lines()[already:]]

    return read


def request(server, method, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_a_head_request_is_answered_without_a_body_and_logs_nothing(
    production_server, new_log_lines
):
    response, body = request(production_server, "HEAD", "/")
    _, page = request(production_server, "GET", "/")

    assert response.status == 200
    assert body == b""
    assert int(response.headers["Content-Length"]) == len(page)
    assert new_log_lines() == []


def test_a_disallowed_host_is_one_short_warning(production_server, new_log_lines):
    response, _ = request(production_server, "GET", "/", {"Host": "h" * 5000 + ".example"})

    assert response.status == 400
    [entry] = new_log_lines()
    assert (entry["level"], entry["logger"]) == ("WARNING", "django.security.DisallowedHost")
    assert entry["message"].startswith("Invalid HTTP_HOST header: 'hhhh")
    assert len(entry["message"]) <= 200
    assert "exception" not in entry


def test_a_malformed_request_is_logged_without_the_clients_address(
    production_server, new_log_lines
):
    connection = production_server.connect()
    connection.sendall(b"GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n")
    answer = connection.recv(4096)
    connection.close()

    assert answer.startswith(b"HTTP/1.1 400")
    entries = new_log_lines()
    assert [entry["logger"] for entry in entries] == ["gunicorn.error"]
    assert "Invalid request from ip=[address]" in entries[0]["message"]
    assert "127.0.0.1" not in json.dumps(entries)


def test_every_line_the_server_wrote_is_json_without_an_address(production_server):
    lines = production_server.log_lines()

    assert lines  # at least gunicorn's own start-up lines
    for line in lines:
        entry = json.loads(line)
        assert {"time", "level", "logger", "message"} <= set(entry)
        assert "127.0.0.1" not in line
