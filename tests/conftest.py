"""Fixtures shared by every test: small factories for the site's content."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import Category, Post, Tag
from practice.models import Therapist

_sequence = itertools.count(1)


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
