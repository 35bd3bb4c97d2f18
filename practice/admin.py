from django.contrib import admin

from .models import Therapist


@admin.register(Therapist)
class TherapistAdmin(admin.ModelAdmin):
    list_display = ["name", "accepting_new_clients", "position"]
    list_editable = ["accepting_new_clients", "position"]
    prepopulated_fields = {"slug": ["name"]}
