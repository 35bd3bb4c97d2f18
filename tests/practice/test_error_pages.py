"""Error pages in the site's design; the 500 page renders without the database."""

import pytest
from django.db import connections
from django.test import Client
from django.urls import path


def broken_view(request):
    raise RuntimeError("something broke")


urlpatterns = [path("broken/", broken_view)]


@pytest.mark.django_db
def test_not_found_page_is_in_site_design(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "couldn’t find that page" in html
    assert "not for emergencies" in html
    assert 'href="/blog/"' in html


def test_server_error_page_renders_without_the_database(settings, monkeypatch):
    settings.ROOT_URLCONF = __name__

    def no_database(*args, **kwargs):
        raise AssertionError("the 500 page touched the database")

    for connection in connections.all():
        monkeypatch.setattr(connection, "cursor", no_database)
    response = Client(raise_request_exception=False).get("/broken/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "not for emergencies" in html
    assert "css/site" in html
