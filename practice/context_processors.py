from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .models import Therapist


def canonical_url(request):
    """The page's address without tracking or other query parameters, except its page number."""
    url = request.build_absolute_uri(request.path)
    page = request.GET.get("page", "")
    return f"{url}?page={page}" if page.isdigit() and page != "1" else url


def practice(request):
    """The practice's details for the site chrome; the therapist is only queried when shown."""
    return {
        # Lazy: error pages, answered even for a disallowed Host header, never ask for it.
        "canonical_url": SimpleLazyObject(lambda: canonical_url(request)),
        "practice": {
            "name": settings.PRACTICE_NAME,
            "tagline": settings.PRACTICE_TAGLINE,
            "email": settings.PRACTICE_EMAIL,
            "phone": settings.PRACTICE_PHONE,
            "address": settings.PRACTICE_ADDRESS,
        },
        "default_therapist": SimpleLazyObject(Therapist.objects.default),
    }
