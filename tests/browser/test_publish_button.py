"""The post form's main button says what saving will do: publish now, schedule for later,
or save a draft; it follows the status and the publish time as the editor changes them."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from blog.models import Post

pytestmark = pytest.mark.browser


def admin_date_and_time(moment):
    """A moment as the editor types it in the admin: in the site's time zone."""
    local = timezone.localtime(moment)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


def test_the_button_reads_publish_schedule_or_save(page, sign_in, therapist, category):
    # The editor is far from the practice: the times typed are the site's, not the browser's.
    page.context.new_cdp_session(page).send(
        "Emulation.setTimezoneOverride", {"timezoneId": "Asia/Tokyo"}
    )
    sign_in("Editors")
    page.goto("/admin/blog/post/add/")
    button = page.locator('input[name="_save"]')
    status = page.get_by_label("Status:", exact=True)
    date, time = page.locator("#id_publish_at_0"), page.locator("#id_publish_at_1")

    expect(button).to_have_value("Save")
    status.select_option(label="Published")
    expect(button).to_have_value("Publish")

    soon = admin_date_and_time(timezone.now() + timedelta(minutes=10))
    date.fill(soon[0])
    time.fill(soon[1])
    expect(button).to_have_value("Schedule")

    publish_at = page.locator(".field-publish_at")
    publish_at.get_by_role("button", name="Today").click()
    publish_at.get_by_role("button", name="Now").click()
    expect(button).to_have_value("Publish")
    earlier = admin_date_and_time(timezone.now() - timedelta(minutes=10))
    time.fill(earlier[1])
    date.fill(earlier[0])
    expect(button).to_have_value("Publish")

    status.select_option(label="Draft")
    expect(button).to_have_value("Save")

    status.select_option(label="Published")
    tomorrow = admin_date_and_time(timezone.now() + timedelta(days=1))
    date.fill(tomorrow[0])
    time.fill(tomorrow[1])
    expect(button).to_have_value("Schedule")
    page.get_by_label("Title:", exact=True).fill("Before your first session")
    page.get_by_label("Summary:", exact=True).fill("What to expect.")
    page.locator("#id_body").fill("## Arriving\n\nTake your time.\n")
    page.get_by_label("Author:", exact=True).select_option(label=therapist.name)
    page.get_by_label("Category:", exact=True).select_option(label=category.name)
    button.click()

    expect(page.locator(".messagelist")).to_contain_text(
        "“Before your first session” is scheduled to be published at"
    )
    assert list(Post.objects.scheduled().values_list("title", flat=True)) == [
        "Before your first session"
    ]
