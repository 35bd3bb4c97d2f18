"""The production server, as `make serve` and the README run it: gunicorn with
gunicorn.conf.py, debug off, on the test database. Started once for the tests marked
`server`, which talk to it over real sockets."""

import socket

import pytest

from tests.network import unused_port

from .processes import Server, manage, production_environment, running


class ProductionServer(Server):
    def connect(self, timeout=5):
        return socket.create_connection(("127.0.0.1", self.port), timeout=timeout)


@pytest.fixture(scope="session")
def production_server(django_db_setup, tmp_path_factory):
    """gunicorn with the project's gunicorn.conf.py and one worker, so that one worker is
    seen keeping every connection apart."""
    environment = production_environment(tmp_path_factory.mktemp("staticfiles"))
    manage(environment, "collectstatic", "--no-input", "--verbosity", "0")
    log_path = tmp_path_factory.mktemp("server") / "stderr.log"
    server = ProductionServer(unused_port(), environment, log_path)
    with running(server):
        server.wait_until_answering()
        yield server
