"""Backup and restore, as the README documents them: dumpdata, then loaddata into an empty base."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from actions.models import Action, Objective, SearchWord
from actions.search.query import matching
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


@pytest.mark.django_db
def test_a_backup_is_never_restored_over_a_catalogue(catalogue, tmp_path):
    backup = tmp_path / "sauvegarde.json"
    call_command("backup", "-o", str(backup), verbosity=0)
    with pytest.raises(CommandError, match="La base n'est pas vide"):
        call_command("restore", str(backup))
