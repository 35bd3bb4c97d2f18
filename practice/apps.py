from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = "Practice"

    def ready(self):
        from . import page_cache, revisions  # noqa: F401  revisions connects its receiver
        from .models import Page, Practice, Question, Service, Therapist

        page_cache.watch(Practice, Page, Service, Question, Therapist)
        post_migrate.connect(page_cache.forget_version, sender=self)
