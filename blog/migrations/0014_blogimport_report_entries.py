"""An import's reports are kept as entries (ImportReport.as_data()) rather than as text,
and `report` becomes `failure`, which says why a run failed. The reports already kept are
read back into entries, which name no post's id. Going back leaves the reports empty."""

import re

from django.db import migrations, models

# ImportReport.as_text(): "Created (2):", then "  - title", then "      note" per note.
HEADING = re.compile(r"(Created|Updated|Unchanged|Skipped) \(\d+\):")


def entries_of(text):
    entries = []
    outcome = None
    for line in text.splitlines():
        if heading := HEADING.fullmatch(line):
            outcome = heading[1].lower()
        elif outcome and line.startswith("  - "):
            entries.append({"outcome": outcome, "title": line[4:], "notes": [], "post_id": None})
        elif entries and line.startswith("      "):
            entries[-1]["notes"].append(line.strip())
    return entries


def read_reports(apps, schema_editor):
    BlogImport = apps.get_model("blog", "BlogImport")
    for blog_import in BlogImport.objects.all():
        blog_import.dry_run_entries = entries_of(blog_import.dry_run_report)
        if blog_import.status == "done":
            blog_import.entries = entries_of(blog_import.failure)
            blog_import.failure = ""
        blog_import.save(update_fields=["dry_run_entries", "entries", "failure"])


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0013_blogimport_started_at"),
    ]

    operations = [
        migrations.RenameField(model_name="blogimport", old_name="report", new_name="failure"),
        migrations.AddField(
            model_name="blogimport",
            name="dry_run_entries",
            field=models.JSONField(default=list, editable=False),
        ),
        migrations.AddField(
            model_name="blogimport",
            name="entries",
            field=models.JSONField(default=list, editable=False),
        ),
        migrations.RunPython(read_reports, migrations.RunPython.noop),
        migrations.RemoveField(model_name="blogimport", name="dry_run_report"),
    ]
