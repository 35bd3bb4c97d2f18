"""Sockets for the tests."""

import socket


def unused_port():
    """A local port where nothing listens (until someone binds it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
