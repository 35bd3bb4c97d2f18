"""Logging for the site and for gunicorn alike: one JSON object per line on stderr, for the
host's log collector, never a client's address, and no noise a client can cause."""

import ipaddress
import json
import logging
import re
from datetime import UTC, datetime

# Runs of characters an IP address is written with; ipaddress then decides.
ADDRESS_LIKE = re.compile(r"[0-9A-Fa-f:.]*[0-9A-Fa-f][:.][0-9A-Fa-f:.]*")
HIDDEN_ADDRESS = "[address]"
SECURITY_EVENT_LENGTH = 200


def without_addresses(text):
    """The text with every IPv4 or IPv6 address, with or without a port, hidden."""

    def hide(match):
        candidate = match[0].rstrip(":.")
        for address in (candidate, candidate.rpartition(":")[0]):
            try:
                ipaddress.ip_address(address)
            except ValueError:
                continue
            return match[0].replace(address, HIDDEN_ADDRESS)
        return match[0]

    return ADDRESS_LIKE.sub(hide, text)


class JSONFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": without_addresses(record.getMessage()),
        }
        if record.exc_info:
            entry["exception"] = without_addresses(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class BriefSecurityEvents(logging.Filter):
    """Django's security events (a disallowed Host header, a malformed upload) are what a
    client sent, not a fault of the site: one short WARNING line each, without the
    traceback, however long the header that caused it."""

    def filter(self, record):
        if record.name.startswith("django.security."):
            message = record.getMessage()
            if len(message) > SECURITY_EVENT_LENGTH:
                message = message[: SECURITY_EVENT_LENGTH - 1] + "…"
            record.msg, record.args = message, ()
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info = record.exc_text = None
        return True


def logging_config(level):
    """The dictConfig of both Django (settings.LOGGING) and gunicorn (gunicorn.conf.py)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JSONFormatter}},
        "filters": {"brief_security_events": {"()": BriefSecurityEvents}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["brief_security_events"],
            }
        },
        "root": {"handlers": ["stderr"], "level": level},
        # Django's and gunicorn's own loggers write through the root handler, once.
        "loggers": {
            "django": {"handlers": [], "level": "INFO"},
            # gunicorn stops its loggers propagating; its error log must reach the root.
            "gunicorn.error": {"handlers": [], "level": level, "propagate": True},
            "gunicorn.access": {"handlers": [], "propagate": False},
        },
    }
