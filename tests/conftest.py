"""Fixtures shared by every test: small factories for the site's content."""

import io
import itertools
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from blog.models import Category, Post, Tag
from practice.models import Therapist

_sequence = itertools.count(1)


def pytest_collection_modifyitems(items):
    """Browser tests last: Playwright's event loop, once started, stays for the session."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture
def therapist(db):
    return Therapist.objects.create(
        name="Morgan", slug="morgan", notification_email="morgan@example.com"
    )


@pytest.fixture
def category(db):
    return Category.objects.create(
        name="Relationship Therapy",
        slug="relationship-therapy",
        description="Help for couples and partners.",
    )


@pytest.fixture
def make_tag(db):
    def make(name):
        return Tag.objects.get_or_create(name=name, slug=name.lower().replace(" ", "-"))[0]

    return make


@pytest.fixture
def make_post(therapist, category):
    """Create a post; published one hour ago unless told otherwise."""

    def make(title=None, *, tags=(), **fields):
        number = next(_sequence)
        title = title or f"Post {number}"
        fields.setdefault("slug", f"post-{number}")
        fields.setdefault("summary", f"Summary of {title}.")
        fields.setdefault("body", f"Body of *{title}*.")
        fields.setdefault("author", therapist)
        fields.setdefault("category", category)
        fields.setdefault("status", Post.Status.PUBLISHED)
        fields.setdefault("publish_at", timezone.now() - timedelta(hours=1))
        post = Post.objects.create(title=title, **fields)
        post.tags.set(tags)
        return post

    return make


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads go to a temporary folder, never into the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def log_in(client, django_user_model):
    """Log the test client in as one of: "anonymous" (nobody), "non-staff" (an account
    without admin access), a `setup_roles` group ("Intake", "Editors") or "superuser"."""
    call_command("setup_roles", stdout=io.StringIO())

    def log_in(role):
        if role == "anonymous":
            return None
        user = django_user_model.objects.create_user(
            username=f"{role.lower()}-{next(_sequence)}",
            is_staff=role != "non-staff",
            is_superuser=role == "superuser",
        )
        if role in {"Intake", "Editors"}:
            user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return user

    return log_in
