"""The practice's details (one record, so that no page view ever has to create it) and the
two pages every page's footer links to, the privacy notice and the Good Faith Estimate
notice, with wording the practice can then edit in admin."""

from django.db import migrations

from practice.markdown import render_markdown

PRIVACY = """This notice explains what this website stores about you, why, and for how long. The practice that runs this website is responsible for what it holds about you.

## Your rights

You may ask what we hold about you, and ask us to correct it or delete it. Write to us at the address at the foot of every page, and we will reply within a month.
"""

GOOD_FAITH_ESTIMATE = """If you do not have health insurance, or you choose not to use it for therapy, you have the right to receive a Good Faith Estimate of what your care will cost. This right comes from the federal No Surprises Act.

- You can ask us for a Good Faith Estimate at any time, including before you book a first session.
- After you book, we give you a Good Faith Estimate in writing before your first session takes place.
- The estimate lists the services we expect to provide and their fees. It is an estimate: how many sessions are right for you may change as therapy goes on, and we will tell you if the estimate changes.
- If you receive a bill that is at least $400 more than your Good Faith Estimate, you can dispute the bill.
- Keep a copy or a photo of your Good Faith Estimate.

For questions, or to learn more about your right to a Good Faith Estimate, visit [cms.gov/nosurprises](https://www.cms.gov/nosurprises) or call 1-800-985-3059.
"""

NOTICES = [
    ("privacy", "Privacy notice", "privacy", PRIVACY),
    ("good_faith_estimate", "Good Faith Estimate", "good-faith-estimate", GOOD_FAITH_ESTIMATE),
]


def create_details_and_notice_pages(apps, schema_editor):
    apps.get_model("practice", "Practice").objects.get_or_create(pk=1)
    Page = apps.get_model("practice", "Page")
    for purpose, title, slug, body in NOTICES:
        if not Page.objects.filter(purpose=purpose).exists():
            Page.objects.create(
                purpose=purpose,
                title=title,
                slug=slug,
                body=body,
                body_html=render_markdown(body),
                status="published",
            )


class Migration(migrations.Migration):
    dependencies = [("practice", "0005_website")]

    operations = [migrations.RunPython(create_details_and_notice_pages, migrations.RunPython.noop)]
