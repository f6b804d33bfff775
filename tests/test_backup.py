"""Backup and restore, as the README documents them: dumpdata, then loaddata into an empty base."""

import json
import re
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from actions.models import Action, Objective, SearchWord
from actions.search.query import matching
from citeeducative import backups
from citeeducative.management.commands.backup import EXCLUDED
from contacts.models import ActionContact, Contact
from tests.livret_fiches import livret_fiche


def page(url):
    """A public page, less the CSRF token that each visitor has of their own."""
    content = Client().get(url).content
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def snapshot():
    return {
        "fiches": sorted(Action.objects.values_list("slug", "title", "status")),
        "objectives": Objective.objects.count(),
        "contact_links": ActionContact.objects.count(),
        "fiche_history": sorted(Action.history.values_list("id", "title", "history_type")),
        "contact_history": Contact.history.count(),
    }


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_base_with_every_fiche_and_its_history(catalogue, tmp_path):
    fiche = livret_fiche(2)
    fiche.title = "Poste liaison Familles-Écoles-Quartier (modifié)"
    fiche.save()
    before = snapshot()
    page_before = page(fiche.get_absolute_url())
    backup = tmp_path / "sauvegarde.json"

    call_command("backup", "-o", str(backup), verbosity=0)
    call_command("flush", "--no-input", verbosity=0)
    assert not Action.objects.exists()
    call_command("restore", str(backup), verbosity=0)

    assert snapshot() == before
    assert page(fiche.get_absolute_url()) == page_before
    assert matching("liaison").apply(Action.objects.published()).filter(pk=fiche.pk).exists()
    assert SearchWord.objects.filter(word="liaison").exists()  # Not backed up: rebuilt.


def backed_up_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in EXCLUDED and model._meta.label_lower not in EXCLUDED
    ]


def every_backed_up_row():
    """Each backed-up table's rows, written in full (times to the microsecond), by natural
    keys where the restore gives new ids."""
    serializers.register_serializer(backups.FORMAT, "citeeducative.backups")
    rows = {}
    for model in backed_up_models():
        text = serializers.serialize(
            backups.FORMAT,
            model._base_manager.all(),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=True,
        )
        rows[model._meta.label] = sorted(
            json.dumps(row, sort_keys=True) for row in json.loads(text)
        )
    return rows


def timestamps_as_stored():
    tables = [
        ("django_admin_log", "action_time"),
        (Action.history.model._meta.db_table, "history_date"),
        (Action._meta.db_table, "updated_at"),
    ]
    with connection.cursor() as cursor:
        stored = {}
        for table, column in tables:
            cursor.execute(f"SELECT CAST({column} AS TEXT) FROM {table} ORDER BY {column}")
            stored[table] = [value for (value,) in cursor.fetchall()]
    return stored


@pytest.mark.django_db(transaction=True)
def test_a_restore_gives_back_every_table_it_backs_up_and_the_admin_log(
    catalogue, coordinator, tmp_path
):
    fiche = livret_fiche(2)
    fiche.title = "Poste liaison (modifié)"
    fiche.save()
    LogEntry.objects.create(
        user=coordinator,
        content_type=ContentType.objects.get_for_model(Action),
        object_id=str(fiche.pk),
        object_repr=str(fiche),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Titre"]}}]',
        action_time=datetime(2026, 3, 9, 14, 5, 7, 123456, tzinfo=UTC),
    )
    rows, stored = every_backed_up_row(), timestamps_as_stored()
    assert rows["admin.LogEntry"] and any(
        ".123456" in value for value in stored["django_admin_log"]
    )
    backup = tmp_path / "sauvegarde.json"

    call_command("backup", "-o", str(backup), verbosity=0)
    call_command("flush", "--no-input", verbosity=0)
    call_command("restore", str(backup), verbosity=0)

    assert every_backed_up_row() == rows
    assert timestamps_as_stored() == stored


@pytest.mark.django_db
def test_a_backup_is_never_restored_over_a_catalogue(catalogue, tmp_path):
    backup = tmp_path / "sauvegarde.json"
    call_command("backup", "-o", str(backup), verbosity=0)
    with pytest.raises(CommandError, match="La base n'est pas vide"):
        call_command("restore", str(backup))
