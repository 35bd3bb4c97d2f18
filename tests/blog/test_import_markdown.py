"""`manage.py import_markdown` brings posts over from Markdown files with front matter."""

import io

import pytest
from django.core.management import CommandError, call_command

from blog.models import Post

TOML_POST = """+++
title = "Listening to Understand"
author = "morgan"
category = "Relationship Therapy"
tags = ["Couples"]
publish_at = 2026-01-20T09:00:00-05:00
+++
## The exercise

1. Listen.
2. Sum up.
"""
YAML_POST = """---
title: "Café – ‘quotes’ 日本"
slug: cafe
summary: A short one.
---
A draft, written in YAML.
"""


@pytest.fixture
def run(therapist, tmp_path):
    def run(files, *options):
        for name, text in files.items():
            (tmp_path / name).write_text(text, encoding="utf-8")
        output = io.StringIO()
        call_command("import_markdown", str(tmp_path), *options, stdout=output)
        return output.getvalue()

    return run


def test_toml_and_yaml_front_matter_make_posts(run):
    run({"listening-to-understand.md": TOML_POST, "second.md": YAML_POST}, "--author", "morgan")

    listening = Post.objects.get(slug="listening-to-understand")
    assert listening.is_published
    assert listening.publish_at.isoformat() == "2026-01-20T14:00:00+00:00"
    assert listening.body.startswith("## The exercise")
    assert listening.summary == "The exercise Listen. Sum up."
    assert listening.category.slug == "relationship-therapy"
    assert [tag.name for tag in listening.tags.all()] == ["Couples"]
    cafe = Post.objects.get(slug="cafe")
    assert (cafe.title, cafe.status, cafe.summary) == (
        "Café – ‘quotes’ 日本",
        Post.Status.DRAFT,
        "A short one.",
    )


def test_running_again_changes_nothing(run):
    run({"listening.md": TOML_POST})
    report = run({"listening.md": TOML_POST})

    assert Post.objects.count() == 1
    assert "Unchanged (1)" in report


def test_a_file_without_front_matter_or_title_is_skipped(run):
    report = run({"no-front-matter.md": "Just text.", "untitled.md": "+++\n+++\nText."})

    assert not Post.objects.exists()
    assert "no-front-matter.md" in report
    assert "+++ (TOML)" in report
    assert "It has no title: give it one" in report


def test_a_missing_folder_is_refused(therapist, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_markdown", str(tmp_path / "nowhere"), stdout=io.StringIO())
