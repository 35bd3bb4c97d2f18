"""The site's icon is served from the site itself: browsers ask for /favicon.ico and
/apple-touch-icon.png whatever a page says, and every page names its icons."""

import pytest

from tests.parsing import find_all


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/favicon.ico", "image/"), ("/apple-touch-icon.png", "image/png")],
)
def test_the_icons_are_served_at_the_sites_root(client, path, content_type):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert b"".join(response.streaming_content)


@pytest.mark.django_db
def test_every_page_names_its_icons(client):
    html = client.get("/").text

    icons = [
        (link.attrs["rel"], link.attrs["href"])
        for link in find_all(html, "link")
        if "icon" in link.attrs["rel"]
    ]
    assert icons == [
        ("icon", "/favicon.ico"),
        ("icon", "/static/icons/icon.svg"),
        ("apple-touch-icon", "/apple-touch-icon.png"),
    ]
