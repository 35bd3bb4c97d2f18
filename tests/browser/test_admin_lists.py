"""The post and page lists fit a 1280 px screen: no column is cut off or scrolled away."""

import pytest

from .conftest import DESKTOP

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "columns"),
    [
        ("/admin/blog/post/", ["Title", "Status", "Publish time", "Category", "Updated"]),
        (
            "/admin/practice/page/",
            ["Title", "Status", "Place in the main navigation", "Purpose", "Updated"],
        ),
    ],
    ids=["posts", "pages"],
)
def test_the_list_fits_a_laptop_screen(page, sign_in, demo_content, path, columns):
    page.set_viewport_size(DESKTOP)
    sign_in("Editors")

    page.goto(path)

    headers = page.locator("#result_list thead th .text").all_inner_texts()
    assert [header.strip().lower() for header in headers[1:]] == [c.lower() for c in columns]
    results = page.locator(".results")
    assert results.evaluate("box => box.scrollWidth <= box.clientWidth")
    last_header = page.locator("#result_list thead th").last.bounding_box()
    assert last_header["x"] + last_header["width"] <= DESKTOP["width"]
