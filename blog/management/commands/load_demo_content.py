"""Load the demo site from blog/demo_content/: the practice's details, its pages, services
and therapist (practice.toml), the blog's categories and the posts (*.md)."""

import tomllib
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from blog.importing import import_markdown
from blog.models import Category
from practice.models import Page, Practice, Publication, Question, Service, Therapist

CONTENT_DIR = Path(__file__).resolve().parents[2] / "demo_content"


def add_questions(owner, questions):
    for position, question in enumerate(questions, start=1):
        Question.objects.create(**{owner._meta.model_name: owner}, position=position, **question)


class Command(BaseCommand):
    help = (
        "Create the demo practice, pages, services, therapist, categories and posts. "
        "What already exists is left as it is, so edits made in admin survive."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        site = tomllib.loads((CONTENT_DIR / "practice.toml").read_text(encoding="utf-8"))
        self.load_practice(site["practice"])
        self.load_services(site["services"])
        self.load_therapists(site["therapists"])
        self.load_pages(site["pages"])
        for category in site["categories"]:
            service = Service.objects.filter(slug=category.pop("service", None)).first()
            Category.objects.get_or_create(
                slug=category.pop("slug"), defaults={**category, "service": service}
            )
        created = self.load_posts()
        self.stdout.write(f"Demo content ready: {created} new post(s).")

    def load_practice(self, details):
        """The practice's details, unless someone has edited them since they were made."""
        practice = Practice.get_solo()
        editable = [
            field
            for field in Practice._meta.concrete_fields
            if field.editable and not field.primary_key
        ]
        if all(getattr(practice, field.attname) == field.get_default() for field in editable):
            for name, value in details.items():
                setattr(practice, name, value)
            practice.save()

    def load_services(self, services):
        for service in services:
            questions = service.pop("questions", [])
            service, created = Service.objects.get_or_create(
                slug=service.pop("slug"), defaults={**service, "status": Publication.PUBLISHED}
            )
            if created:
                add_questions(service, questions)

    def load_therapists(self, therapists):
        for position, therapist in enumerate(therapists):
            services = therapist.pop("services", [])
            photo = therapist.pop("photo", None)
            therapist, created = Therapist.objects.get_or_create(
                slug=therapist.pop("slug"), defaults={"position": position, **therapist}
            )
            if created:
                therapist.services.set(Service.objects.filter(slug__in=services))
                if photo:
                    with (CONTENT_DIR / photo).open("rb") as file:
                        therapist.photo.save(photo, File(file))

    def load_pages(self, pages):
        for page in pages:
            questions = page.pop("questions", [])
            if Page.objects.filter(slug=page["slug"]).exists():
                continue
            if page.get("purpose") and Page.objects.filter(purpose=page["purpose"]).exists():
                continue
            page = Page.objects.create(**page, status=Publication.PUBLISHED)
            add_questions(page, questions)

    def load_posts(self):
        """The posts, through the importer of Markdown files: one that exists already is
        left as it is unless its file changed, so edits made in admin survive."""
        report = import_markdown(CONTENT_DIR)
        if report.of("skipped"):
            raise CommandError(report.as_text())
        return len(report.of("created"))
