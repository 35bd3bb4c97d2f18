"""Render every post's and page's Markdown again (and every other Markdown field's).

Pages show the HTML rendered when each was last saved, so a change to the renderer, the
sanitiser, the picture markup or the renditions reaches old posts only through this.
Only what renders differently is written, and nothing else about it changes (not its
"updated" time), so running it again changes nothing.
"""

from django.apps import apps
from django.core.management.base import BaseCommand

from practice import page_cache
from practice.markdown import RendersMarkdown


class Command(BaseCommand):
    help = (
        "Render the Markdown of every post, page, service, question, profile and the "
        "practice's details again; report what now renders differently."
    )

    def handle(self, *args, **options):
        checked = changed = 0
        for model in apps.get_models():
            if not issubclass(model, RendersMarkdown):
                continue
            html_fields = [f"{name}_html" for name in model.markdown_fields]
            for record in model._default_manager.iterator():
                stored = {name: getattr(record, name) for name in html_fields}
                record.render_markdown_fields()
                rendered = {name: getattr(record, name) for name in html_fields}
                checked += 1
                if rendered != stored:
                    model._default_manager.filter(pk=record.pk).update(**rendered)
                    changed += 1
                    self.stdout.write(f"Changed: {model._meta.verbose_name} “{record}”")
        if changed:
            # update() sends no signal: pages kept whole would go on showing the old HTML.
            page_cache.content_changed()
        self.stdout.write(f"Rendered {checked} record(s) again; {changed} changed.")
