"""Render every Markdown field again, for when the renderer, the sanitiser or the picture
markup changed: pages show what was rendered when each was last saved."""

from django.apps import apps
from django.core.management.base import BaseCommand

from practice.markdown import RendersMarkdown


class Command(BaseCommand):
    help = "Render the Markdown of every post, page, service and profile again."

    def handle(self, *args, **options):
        rendered = 0
        for model in apps.get_models():
            if not issubclass(model, RendersMarkdown):
                continue
            for instance in model._base_manager.iterator():
                instance.save(update_fields=list(model.markdown_fields))
                rendered += 1
        self.stdout.write(f"Rendered {rendered} record(s) again.")
