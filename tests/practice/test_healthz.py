"""/healthz tells load balancers whether the site can reach its database."""

import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_healthz_answers_200_while_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
