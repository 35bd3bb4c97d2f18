from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Page, Practice, Therapist


def canonical_url(request):
    """The page's address without tracking or other query parameters, except its page number."""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    return f"{url}?page={page}" if page.isdigit() and page != "1" else url


class SitePages:
    """The pages the site's header and footer link to, read with the practice's details."""

    def __init__(self, pages):
        self.navigation = sorted(
            (page for page in pages if page.navigation_position is not None),
            key=lambda page: (page.navigation_position, page.title),
        )
        self.by_purpose = {page.purpose: page for page in pages if page.purpose}

    @property
    def privacy(self):
        return self.by_purpose.get(Page.Purpose.PRIVACY)

    @property
    def good_faith_estimate(self):
        return self.by_purpose.get(Page.Purpose.GOOD_FAITH_ESTIMATE)

    @property
    def fees(self):
        return self.by_purpose.get(Page.Purpose.FEES)

    @property
    def services(self):
        return self.by_purpose.get(Page.Purpose.SERVICES)


def practice(request):
    """The practice's details and pages for the site's chrome, each queried when first shown,
    and where "Exit this page" leaves for."""
    return {
        # Lazy: error pages, answered even for a disallowed Host header, never ask for it.
        "canonical_url": SimpleLazyObject(lambda: canonical_url(request)),
        "practice": SimpleLazyObject(lambda: Practice.for_request(request)),
        "site_pages": SimpleLazyObject(
            lambda: SitePages(Practice.for_request(request).chrome_pages)
        ),
        "default_therapist": SimpleLazyObject(lambda: Therapist.objects.default_for(request)),
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
    }
