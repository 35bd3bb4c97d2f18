"""Revisions of posts and pages, kept by django-reversion: what a revision holds, the state
an object had before its first change in admin, restoring one, and what differs between two.

Booking requests are never kept in revisions: their retention purge must delete every copy.
"""

from dataclasses import dataclass
from datetime import datetime

import reversion
from django import forms
from django.contrib.postgres.search import SearchVectorField
from django.db.models.fields.files import FieldFile
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from reversion.models import Version

from .text_diff import line_diff

ORIGINAL_STATE_COMMENT = "As it was before its first change in admin."


def derived_fields(model):
    """The fields a model computes from the others when it is saved (rendered HTML, the
    search document): revisions leave them out, as restoring saves the object again."""
    rendered = {f"{name}_html" for name in getattr(model, "markdown_fields", ())}
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.name in rendered or isinstance(field, SearchVectorField)
    ]


@receiver([pre_save, post_save])
def save_restored_as_usual(sender, instance, raw, using, **kwargs):
    """Save a restored object as usual too, on both sides of its raw write.

    django-reversion restores a revision by writing its stored fields as they are, without
    the model's save (as loaddata writes a fixture), so the fields revisions leave out would
    be left empty. Before that write, rules that compare with what is stored see the state
    being replaced (a published post whose slug changes keeps its old address); after it,
    the HTML and search document are made again from the restored text.
    """
    if raw and reversion.is_registered(sender):
        instance.save(using=using)


def keep_original_state(obj):
    """Record an object as it is now, unless it has a revision already.

    One made outside the admin (demo content, the shell, an import, a migration) has none:
    called before its first change in admin, so that its history starts with its original.
    """
    if Version.objects.get_for_object(obj).exists():
        return
    with reversion.create_revision():
        reversion.set_comment(ORIGINAL_STATE_COMMENT)
        reversion.add_to_revision(type(obj)._base_manager.get(pk=obj.pk))


def saved_on(version):
    """When a version was saved, as the admin writes dates."""
    return date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")


# django-reversion numbers versions with a 32-bit AutoField.
LARGEST_VERSION_ID = 2**31 - 1


class VersionPairForm(forms.Form):
    """The two versions to compare: `?from=<version id>&to=<version id>`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so the fields cannot be declared as class attributes.
        for name in ["from", "to"]:
            self.fields[name] = forms.IntegerField(min_value=1, max_value=LARGEST_VERSION_ID)


@dataclass(frozen=True)
class FieldChange:
    """A field that differs between two versions, with the lines of its difference."""

    label: str
    lines: list


def readable_value(field, value):
    """A field's value in a version, as an editor reads it: names, not ids."""
    if field.many_to_many:
        related = field.related_model._base_manager.filter(pk__in=value or [])
        return ", ".join(sorted(str(item) for item in related))
    if field.is_relation:
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related else ("" if value is None else f"(deleted, #{value})")
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    return "" if value is None else str(value)


def versions_in_revision(version, model):
    """The versions of `model`'s objects kept in the same revision as `version` (a page's
    questions), by object id."""
    versions = Version.objects.get_for_model(model).filter(revision_id=version.revision_id)
    return {other.object_id: other for other in versions}


def field_changes(fields, old, new, label_prefix=""):
    """What differs, field by field, between two versions' values (a `Version.field_dict`,
    or None for an object that is not in that version)."""
    changes = []
    for field in fields:
        before, after = (
            readable_value(field, values.get(field.attname)) if values is not None else ""
            for values in (old, new)
        )
        lines = line_diff(before, after)
        if any(line and line.change != "unchanged" for line in lines):
            changes.append(FieldChange(label_prefix + capfirst(field.verbose_name), lines))
    return changes


def related_changes(model, fields, old, new):
    """What differs in the objects of `model` kept with two versions (a page's questions):
    each one changed, added or removed."""
    before, after = versions_in_revision(old, model), versions_in_revision(new, model)
    changes = []
    for object_id in sorted(before.keys() | after.keys(), key=int):
        was, now = before.get(object_id), after.get(object_id)
        state = " (added)" if was is None else " (removed)" if now is None else ""
        name = f"{capfirst(model._meta.verbose_name)} “{now or was}”{state}: "
        changes += field_changes(fields, was and was.field_dict, now and now.field_dict, name)
    return changes
