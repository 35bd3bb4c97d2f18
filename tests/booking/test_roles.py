"""`manage.py setup_roles` makes the Intake and Editors groups, and makes them again safely."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def permissions_of(group_name):
    group = Group.objects.get(name=group_name)
    return sorted(
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in group.permissions.select_related("content_type")
    )


def setup_roles():
    output = StringIO()
    call_command("setup_roles", stdout=output)
    return output.getvalue()


def test_intake_may_review_change_note_and_export_booking_requests():
    setup_roles()

    assert permissions_of("Intake") == [
        "booking.add_lookingforoption",
        "booking.add_replytemplate",
        "booking.add_staffnote",
        "booking.change_bookingrequest",
        "booking.change_lookingforoption",
        "booking.change_replytemplate",
        "booking.delete_replytemplate",
        "booking.export_bookingrequest",
        "booking.view_bookingrequest",
        "booking.view_lookingforoption",
        "booking.view_replytemplate",
        "booking.view_staffnote",
        "booking.view_withdrawal",
        "practice.view_privacynoticeversion",
        "practice.view_therapist",
    ]


def test_editors_may_edit_the_blog_and_the_practices_pages_and_nothing_of_booking():
    setup_roles()

    permissions = permissions_of("Editors")
    assert {name.split(".")[0] for name in permissions} == {"blog", "practice"}
    for model in ["blog.post", "blog.category", "blog.tag", "practice.page", "practice.service"]:
        app_label, model_name = model.split(".")
        for action in ["add", "change", "delete", "view"]:
            assert f"{app_label}.{action}_{model_name}" in permissions
    assert "practice.change_practice" in permissions
    assert "practice.change_therapist" in permissions
    assert "blog.run_import" in permissions
    # Therapists and the practice's details are never deleted by editors.
    assert "practice.delete_therapist" not in permissions
    assert "practice.delete_practice" not in permissions


def test_no_group_may_delete_booking_requests():
    setup_roles()

    assert not Group.objects.filter(permissions__codename="delete_bookingrequest").exists()


def test_running_it_again_changes_nothing():
    first = setup_roles()
    intake, editors = permissions_of("Intake"), permissions_of("Editors")

    second = setup_roles()

    assert "Created Intake" in first
    assert "Updated Intake" in second
    assert Group.objects.count() == 2
    assert (permissions_of("Intake"), permissions_of("Editors")) == (intake, editors)


def test_a_permission_granted_by_hand_is_taken_back():
    setup_roles()
    Group.objects.get(name="Intake").permissions.add(
        Permission.objects.get(codename="delete_bookingrequest")
    )

    setup_roles()

    assert "booking.delete_bookingrequest" not in permissions_of("Intake")
