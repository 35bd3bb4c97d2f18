"""Production's cache is Redis, named by REDIS_URL; sessions go through it."""

import pytest
from django.core.cache import cache

from .test_settings import load_settings


def test_redis_url_selects_the_redis_cache(monkeypatch):
    settings = load_settings(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/15")

    cache_settings = settings["CACHES"]["default"]
    assert cache_settings["BACKEND"] == "django_redis.cache.RedisCache"
    assert cache_settings["LOCATION"] == "redis://127.0.0.1:6379/15"
    # Whatever Redis does, a cache call costs at most a second and never an error.
    assert cache_settings["OPTIONS"] == {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": 1,
        "SOCKET_TIMEOUT": 1,
    }


@pytest.mark.django_db
def test_a_signed_in_session_is_cached(client, log_in):
    log_in("Editors")

    assert cache.get(f"django.contrib.sessions.cached_db{client.session.session_key}")


@pytest.mark.django_db
@pytest.mark.usefixtures("redis_down")
def test_staff_sign_in_and_work_while_the_cache_is_down(client, make_user):
    user = make_user("Editors", password="a long password for the test")

    response = client.post(
        "/admin/account/login/?next=/admin/",
        {
            "login_view-current_step": "auth",
            "auth-username": user.username,
            "auth-password": "a long password for the test",
        },
    )

    assert response.status_code == 302
    assert response.url == "/admin/"
    # The session was kept in the database, and is read from it on the next request.
    assert client.get("/admin/blog/post/").status_code == 200
