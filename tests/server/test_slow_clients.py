"""Clients that connect and then dribble, stall or say nothing cannot hold up anyone else,
and the server lets go of them after its timeouts (gunicorn.conf.py)."""

import http.client
import time

import pytest

# The server reads the test database; each test leaves it as it found it.
pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]

IDLE_CONNECTIONS = 60
PROMPT_SECONDS = 1.0


def timed_get(server, path):
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, time.monotonic() - started


def stalled_connections(server):
    """As many connections as IDLE_CONNECTIONS, in four kinds of stall."""
    openings = [
        b"",  # connects and says nothing
        b"GET /blo",  # half a request line
        b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow",  # headers, unfinished
        # A form whose body stops after a few bytes, with the CSRF cookie that makes
        # Django read the body.
        b"POST /book/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n"
        b"Cookie: csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF\r\n\r\nname=x",
    ]
    connections = []
    for number in range(IDLE_CONNECTIONS):
        connection = server.connect()
        connection.sendall(openings[number % len(openings)])
        connections.append(connection)
    return connections


def closed_within(connection, seconds):
    """Read until the server closes the connection; the seconds it took, or None."""
    connection.settimeout(seconds)
    started = time.monotonic()
    try:
        while connection.recv(4096):
            pass
    except TimeoutError:
        return None
    return time.monotonic() - started


def test_other_clients_are_answered_promptly_while_connections_stall(production_server):
    stalled = stalled_connections(production_server)
    try:
        for path in ["/healthz", "/", "/blog/", "/healthz"]:
            status, seconds = timed_get(production_server, path)
            assert status == 200
            assert seconds < PROMPT_SECONDS, f"{path} took {seconds:.1f} s"
        # Dribbling one more byte now and then changes nothing.
        for connection in stalled[2::4]:
            connection.sendall(b"x")
        assert timed_get(production_server, "/healthz")[1] < PROMPT_SECONDS
    finally:
        for connection in stalled:
            connection.close()


UNFINISHED_HEADERS = {
    "silent": b"",
    "half a request line": b"GET /blo",
    "unfinished headers": b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow",
}


def test_connections_that_never_finish_their_headers_are_closed(production_server):
    connections = {}
    for kind, opening in UNFINISHED_HEADERS.items():
        connections[kind] = production_server.connect()
        connections[kind].sendall(opening)
    # keepalive (5 s) bounds the time to send the headers; two seconds to spare.
    closed = {
        kind: closed_within(connection, seconds=7) for kind, connection in connections.items()
    }
    for connection in connections.values():
        connection.close()
    assert [kind for kind, seconds in closed.items() if seconds is None] == []


def test_a_headers_dribble_is_cut_off_however_slowly_it_keeps_coming(production_server):
    connection = production_server.connect()
    connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    started = time.monotonic()
    try:
        while time.monotonic() - started < 10:
            connection.sendall(b"X-Slow: 1\r\n")
            time.sleep(1)
        pytest.fail("the server still took header lines after 10 seconds")
    except (BrokenPipeError, ConnectionResetError):
        assert time.monotonic() - started < 8
    finally:
        connection.close()


def test_a_body_that_stops_arriving_ends_its_request(production_server):
    connection = production_server.connect()
    connection.sendall(
        b"POST /book/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n"
        b"Cookie: csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF\r\n\r\nname=x"
    )
    # Ten seconds without a byte (gunicorn.conf.py) and the request is dropped.
    connection.settimeout(20)
    started = time.monotonic()
    answer = b""
    try:
        while chunk := connection.recv(4096):
            answer += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    assert time.monotonic() - started < 15
    assert not answer.startswith(b"HTTP/1.1 500")
    connection.close()
