from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "practice"
    verbose_name = "Practice"

    def ready(self):
        from . import revisions  # noqa: F401  connects the receiver for restored revisions
