"""Create the staff groups and give each exactly the permissions listed here.

Safe to run again and again (`make run` does): each run makes the groups match this
table, so a permission granted to a group by hand elsewhere is taken away. To change
what a role may do, change its line here.
"""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Deleting booking requests is left to superusers: no group may do it.
ROLES = {
    "Intake": [
        "booking.view_bookingrequest",
        "booking.change_bookingrequest",
        "booking.export_bookingrequest",
        "booking.view_staffnote",
        # That a client withdrew a request, and when; nothing else of it is kept.
        "booking.view_withdrawal",
        "booking.add_staffnote",
        # The answers the form offers under "What are you looking for?".
        "booking.view_lookingforoption",
        "booking.add_lookingforoption",
        "booking.change_lookingforoption",
        # The replies Intake sends from a request's page start from these.
        "booking.view_replytemplate",
        "booking.add_replytemplate",
        "booking.change_replytemplate",
        "booking.delete_replytemplate",
        # Whom a request is for, linked from the request's page.
        "practice.view_therapist",
        # The privacy notice each request agreed to, word for word.
        "practice.view_privacynoticeversion",
    ],
    "Editors": [
        "blog.add_post",
        "blog.change_post",
        "blog.delete_post",
        "blog.view_post",
        "blog.add_category",
        "blog.change_category",
        "blog.delete_category",
        "blog.view_category",
        "blog.add_tag",
        "blog.change_tag",
        "blog.delete_tag",
        "blog.view_tag",
        # Links that let someone without an account read a draft.
        "blog.add_reviewlink",
        "blog.change_reviewlink",
        "blog.delete_reviewlink",
        "blog.view_reviewlink",
        # Bringing the posts of another blog over, from its export file.
        "blog.run_import",
        # The practice's own website: its details, pages, services and profiles.
        "practice.change_practice",
        "practice.view_practice",
        "practice.add_page",
        "practice.change_page",
        "practice.delete_page",
        "practice.view_page",
        "practice.add_service",
        "practice.change_service",
        "practice.delete_service",
        "practice.view_service",
        "practice.add_question",
        "practice.change_question",
        "practice.delete_question",
        "practice.view_question",
        "practice.add_therapist",
        "practice.change_therapist",
        "practice.view_therapist",
        "practice.view_privacynoticeversion",
    ],
}


def find_permission(name):
    app_label, codename = name.split(".")
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise CommandError(f"No permission {name}: has `manage.py migrate` run?") from None


class Command(BaseCommand):
    help = "Create the Intake and Editors groups with their permissions (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        for role, permission_names in ROLES.items():
            group, created = Group.objects.get_or_create(name=role)
            group.permissions.set([find_permission(name) for name in permission_names])
            verb = "Created" if created else "Updated"
            self.stdout.write(f"{verb} {role}: {len(permission_names)} permissions.")
