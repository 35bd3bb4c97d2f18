"""gunicorn's settings, for production and `make serve` alike (gunicorn reads this file from
the directory it starts in; `-c gunicorn.conf.py` names it explicitly).

With no proxy in front, the site faces slow and idle clients directly. gunicorn's sync
workers give each connection a whole process, so three connections that stop half-way
through a request line held the site for 30 seconds. Its gevent workers, the model
gunicorn recommends for serving the internet directly, give each connection a greenlet:
a worker holds a thousand connections, and the timeouts below close those that idle or
dribble. `--bind` and `--workers` (or WEB_CONCURRENCY) come from the command line.
"""

import os

from practice.logging import logging_config

worker_class = "gevent"
worker_connections = 1000
# Seconds a connection may take to send its request line and headers, and may then idle
# between requests, before it is closed.
keepalive = 5
# Seconds a request body may pause, or a client may stop reading the answer, before the
# connection is dropped (the request then gets a 400, read as far as it came).
STALLED_CLIENT_SECONDS = 10
# A worker busy for longer than this on one request is restarted.
timeout = 30
graceful_timeout = 30

# gunicorn's control socket (~/.gunicorn/gunicorn.ctl) is not used: systemd runs the server.
control_socket_disable = True

# Logs: JSON lines on stderr through the site's own logging (practice/logging.py), without
# client addresses; no access log, since the proxy or load balancer keeps one if needed.
logconfig_dict = logging_config(os.environ.get("DJANGO_LOG_LEVEL", "INFO"))
accesslog = None


def pre_request(worker, req):
    """Bound every read and write of this connection from now on (its headers are in)."""
    req.unreader.sock.settimeout(STALLED_CLIENT_SECONDS)
