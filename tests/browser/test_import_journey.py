"""An editor brings the old blog over in a real browser: uploads its export, reads what the
import would do, runs it and reads its report, on pages with no WCAG 2.2 AA violation and
no breach of the Content Security Policy (the `page` fixture checks it)."""

import pytest
from playwright.sync_api import expect

from blog.models import Post
from tests.blog.test_import_admin import wxr

pytestmark = pytest.mark.browser


def test_an_editor_imports_the_old_blog(
    page, sign_in, assert_accessible, transactional_db, therapist, tmp_path
):
    export = tmp_path / "old-blog.xml"
    export.write_bytes(wxr("Grief at work", "Sleep and worry"))
    sign_in("Editors")

    page.goto("/admin/blog/blogimport/add/")
    assert_accessible(page)
    page.get_by_label("Export file").set_input_files(export)
    page.get_by_role("button", name="Check the file").click()

    expect(page.locator("#import-status")).to_have_text("Checked, not imported")
    expect(page.locator("#dry-run-report")).to_contain_text("Grief at work")
    assert not Post.objects.exists()
    assert_accessible(page)
    page.get_by_role("button", name="Run the import").click()

    expect(page.locator("#import-status")).to_have_text("Imported")
    report = page.locator("#import-report")
    expect(report).to_contain_text("2 posts created, 0 updated, 0 unchanged, 0 skipped.")
    expect(report.get_by_role("link", name="Sleep and worry")).to_be_visible()
    assert set(Post.objects.values_list("title", flat=True)) == {
        "Grief at work",
        "Sleep and worry",
    }
    assert_accessible(page)
