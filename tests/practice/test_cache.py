"""Production's cache is Redis, named by REDIS_URL; sessions go through it."""

import pytest
from django.core.cache import cache

from .test_settings import load_settings


def test_redis_url_selects_the_redis_cache(monkeypatch):
    settings = load_settings(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/15")

    assert settings["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
    }


@pytest.mark.django_db
def test_a_signed_in_session_is_cached(client, log_in):
    log_in("Editors")

    assert cache.get(f"django.contrib.sessions.cached_db{client.session.session_key}")
