from django.contrib import admin
from markdownx.admin import MarkdownxModelAdmin

from .models import Therapist


class MarkdownEditorAdmin(MarkdownxModelAdmin):
    """An admin whose Markdown fields get the live-preview editor, which shows why the site
    refused a dropped image."""

    class Media:
        js = ["admin/markdown-editor-upload-errors.js"]


@admin.register(Therapist)
class TherapistAdmin(admin.ModelAdmin):
    list_display = ["name", "accepting_new_clients", "position"]
    list_editable = ["accepting_new_clients", "position"]
    prepopulated_fields = {"slug": ["name"]}
