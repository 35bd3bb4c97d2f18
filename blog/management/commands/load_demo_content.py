"""Load the demo site's therapist, categories and posts from blog/demo_content/."""

import tomllib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from blog.models import Category, Post, Tag
from practice.models import Therapist

CONTENT_DIR = Path(__file__).resolve().parents[2] / "demo_content"
FRONT_MATTER_FENCE = "+++"


def read_post_file(path):
    """Split a Markdown file into its TOML front matter and its body."""
    text = path.read_text(encoding="utf-8")
    fence, front_matter, body = text.split(FRONT_MATTER_FENCE + "\n", 2)
    if fence:
        raise CommandError(f"{path.name} must start with a {FRONT_MATTER_FENCE} front matter line")
    return tomllib.loads(front_matter), body.strip() + "\n"


class Command(BaseCommand):
    help = "Create the demo therapist, categories and posts. Existing records are left as they are."

    @transaction.atomic
    def handle(self, *args, **options):
        site = tomllib.loads((CONTENT_DIR / "practice.toml").read_text(encoding="utf-8"))
        for position, therapist in enumerate(site["therapists"]):
            Therapist.objects.get_or_create(
                slug=therapist.pop("slug"), defaults={"position": position, **therapist}
            )
        for category in site["categories"]:
            Category.objects.get_or_create(slug=category.pop("slug"), defaults=category)

        created = 0
        for path in sorted(CONTENT_DIR.glob("*.md")):
            front_matter, body = read_post_file(path)
            post, was_created = Post.objects.get_or_create(
                slug=path.stem,
                defaults={
                    "title": front_matter["title"],
                    "summary": front_matter["summary"],
                    "body": body,
                    "author": Therapist.objects.get(slug=front_matter["author"]),
                    "category": Category.objects.get(slug=front_matter["category"]),
                    "status": Post.Status.PUBLISHED,
                    "publish_at": front_matter["publish_at"],
                },
            )
            if was_created:
                created += 1
                post.tags.set(
                    Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
                    for name in front_matter.get("tags", [])
                )
        self.stdout.write(f"Demo content ready: {created} new post(s).")
