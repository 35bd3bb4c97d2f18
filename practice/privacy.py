"""The privacy notice as clients are shown it, and its version.

The notice is the practice's own words (its Privacy page, edited in admin) followed by what
this website stores, how and for how long, which the code knows and so writes itself
(practice/includes/what_this_site_stores.html, with the retention settings). Its version is
a digest of the whole: no change to either part can be shown, or agreed to, under an
earlier version's name. Each version's text is kept (PrivacyNoticeVersion), so that what a
booking request agreed to can always be read again.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string

from .models import Page, PrivacyNoticeVersion


@dataclass(frozen=True)
class Notice:
    page: Page | None
    text_html: str
    version: PrivacyNoticeVersion


def current_notice(page=None):
    """The notice as it reads now (on `page`, the Privacy page, if already at hand)."""
    page = page or Page.objects.published().filter(purpose=Page.Purpose.PRIVACY).first()
    what_we_store = render_to_string(
        "practice/includes/what_this_site_stores.html",
        {
            "booking_retention_days": settings.BOOKING_RETENTION_DAYS,
            "spam_retention_days": settings.BOOKING_SPAM_RETENTION_DAYS,
            "notification_names_client": settings.BOOKING_NOTIFICATION_NAMES_CLIENT,
            "client_link_days": settings.BOOKING_CLIENT_LINK_DAYS,
            "waitlist_retention_days": settings.BOOKING_WAITLIST_RETENTION_DAYS,
        },
    )
    text_html = (page.body_html if page else "") + what_we_store
    digest = hashlib.sha256(text_html.encode()).hexdigest()[:12]
    version, _ = PrivacyNoticeVersion.objects.get_or_create(
        version=digest, defaults={"text_html": text_html}
    )
    return Notice(page, text_html, version)
