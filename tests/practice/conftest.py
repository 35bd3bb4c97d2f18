"""Fixtures for the practice's own website: pages, services and a fuller therapist."""

import pytest

from practice.models import Page, Publication, Question, Service


@pytest.fixture
def make_page(db):
    def make(title="About the practice", slug="about", **fields):
        fields.setdefault("status", Publication.PUBLISHED)
        fields.setdefault("body", f"Welcome to *{title}*.")
        return Page.objects.create(title=title, slug=slug, **fields)

    return make


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
