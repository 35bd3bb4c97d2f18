"""Fixtures for the practice's own website: pages, services and a fuller therapist."""

import pytest
from django.urls import reverse

from practice.models import Page, Publication, Question, Service
from tests.network import unused_port
from tests.parsing import form_data


@pytest.fixture
def make_page(db):
    def make(title="About the practice", slug="about", **fields):
        fields.setdefault("status", Publication.PUBLISHED)
        fields.setdefault("body", f"Welcome to *{title}*.")
        return Page.objects.create(title=title, slug=slug, **fields)

    return make


@pytest.fixture
def editor(client, log_in):
    """The test client, signed in as an editor."""
    log_in("Editors")
    return client


@pytest.fixture
def service(db):
    service = Service.objects.create(
        name="Relationship therapy",
        slug="relationship-therapy",
        summary="For couples who keep having the same argument.",
        who_for="- Couples after an affair\n- Partners who feel like roommates",
        how_it_works="Sessions are **80 minutes**, every week or two.",
        session_minutes=80,
        fee_line="$190 for an 80-minute session.",
        status=Publication.PUBLISHED,
    )
    Question.objects.create(
        service=service, question="Do we both have to come?", answer="Usually, *yes*."
    )
    return service


def admin_url(obj, view, *args):
    """The admin address of an object's view: "change", "history", "compare", "revision"."""
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk, *args])


@pytest.fixture
def save_in_admin(client):
    """Submit an object's admin form (its change form, or `url`) as the browser would, with
    some fields changed; the client must be logged in. Returns the response."""

    def save(obj, url=None, **changes):
        url = url or admin_url(obj, "change")
        page = client.get(url)
        assert page.status_code == 200, page.status_code
        data = form_data(page.content.decode(), f"{obj._meta.model_name}_form")
        data.update(changes)
        return client.post(url, data)

    return save


@pytest.fixture
def redis_down(settings):
    """The cache set up as production's, pointing at a port where no Redis listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{unused_port()}/0",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
