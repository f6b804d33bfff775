"""load_catalogue: the fixtures are the first content of an empty catalogue, never an
authority over a live one (``make run`` calls it at every start)."""

import io

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from actions.models import Action, FicheVersion
from actions.versions import restore_version
from citeeducative.loading import catalogue_load
from contacts.models import Contact
from tests.livret_fiches import livret_fiche, livret_fiches

pytestmark = pytest.mark.django_db


def load(*args):
    output = io.StringIO()
    call_command("load_catalogue", *args, stdout=output)
    return output.getvalue()


@pytest.fixture
def edited(catalogue):
    """A fiche's title, one of its objectives and a contact's phone, as a coordinator edits."""
    fiche = livret_fiche(3)
    fiche.title = "Commission ECQ (titre revu)"
    fiche.save()
    objective = fiche.objectives.first()
    objective.text = "Mobiliser les partenaires (objectif revu)"
    objective.save()
    contact = Contact.objects.order_by("slug").first()
    contact.phone = "03 20 00 00 00"
    contact.save()
    return fiche, objective, contact


def test_loading_again_keeps_every_edit(edited):
    fiche, _objective, contact = edited
    output = load()
    fiche.refresh_from_db()
    contact.refresh_from_db()
    assert fiche.title == "Commission ECQ (titre revu)"
    assert fiche.objectives.first().text == "Mobiliser les partenaires (objectif revu)"
    assert contact.phone == "03 20 00 00 00"
    assert "0 création(s). Ce qui existait déjà est resté tel quel" in output


def test_loading_again_records_nothing_in_the_history(edited):
    _fiche, _objective, contact = edited
    versions, contact_rows = FicheVersion.objects.count(), contact.history.count()
    load()
    assert FicheVersion.objects.count() == versions
    assert contact.history.count() == contact_rows


def test_loading_creates_what_is_missing_and_only_that(edited):
    fiche, _objective, _contact = edited
    livret_fiche(5).delete()
    output = load()
    assert livret_fiches().filter(number=5).exists()
    assert "Création : fiche action « Fiche n°5" in output
    fiche.refresh_from_db()
    assert fiche.title == "Commission ECQ (titre revu)"


def test_a_new_catalogue_gives_each_fiche_its_first_version(catalogue):
    fiche = livret_fiche(3)
    version = FicheVersion.objects.of(fiche.pk).get()
    assert version.reason == "Fiche créée depuis les fichiers du catalogue"


def test_overwriting_rewrites_from_the_fixtures_signed_by_who_and_why(edited):
    fiche, _objective, contact = edited
    marie = User.objects.create_user("marie")
    load("--overwrite", "--user", "marie", "--reason", "Retour au texte du livret")
    fiche.refresh_from_db()
    contact.refresh_from_db()
    assert fiche.title.startswith("Commission Écoles-Collège-Quartier")
    assert contact.phone != "03 20 00 00 00"
    version = FicheVersion.objects.of(fiche.pk).first()
    assert (version.user, version.reason) == (marie, "Retour au texte du livret")
    latest = contact.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        marie,
        "Retour au texte du livret",
    )


def test_an_overwrite_can_be_undone_from_the_fiche_history(edited):
    fiche, _objective, _contact = edited
    User.objects.create_user("marie")
    load("--overwrite", "--user", "marie", "--reason", "Essai")
    before = FicheVersion.objects.of(fiche.pk)[1]
    restore_version(before, user=None)
    fiche.refresh_from_db()
    assert fiche.title == "Commission ECQ (titre revu)"
    assert fiche.objectives.first().text == "Mobiliser les partenaires (objectif revu)"


@pytest.mark.parametrize(
    "arguments",
    [["--overwrite"], ["--overwrite", "--user", "marie"], ["--overwrite", "--reason", "x"]],
)
def test_overwriting_needs_who_and_why(catalogue, arguments):
    User.objects.create_user("marie")
    with pytest.raises(CommandError, match="indiquez qui le demande"):
        load(*arguments)


def test_overwriting_for_an_unknown_user_is_refused(catalogue):
    with pytest.raises(CommandError, match="Aucun utilisateur « personne »"):
        load("--overwrite", "--user", "personne", "--reason", "x")


def test_a_dry_run_on_an_empty_database_says_what_it_would_create_and_writes_nothing(db):
    output = load("--dry-run")
    assert "Création : fiche action « Fiche n°1" in output
    assert "Création : contact « " in output
    assert "rien n'a été écrit" in output
    assert not Action.objects.exists()
    assert not Contact.objects.exists()
    assert not FicheVersion.objects.exists()


def test_a_dry_run_of_an_overwrite_says_what_would_change_and_changes_nothing(edited):
    fiche, _objective, contact = edited
    User.objects.create_user("marie")
    output = load("--overwrite", "--dry-run", "--user", "marie", "--reason", "Essai")
    assert "Titre : « Commission ECQ (titre revu) » → « Commission Écoles-Collège" in output
    assert "Objectif 1 : « Mobiliser les partenaires (objectif revu) » → " in output
    assert f"Modification : contact « {contact} » (téléphone)" in output
    fiche.refresh_from_db()
    contact.refresh_from_db()
    assert fiche.title == "Commission ECQ (titre revu)"
    assert contact.phone == "03 20 00 00 00"


def test_the_loader_returns_what_it_loaded(db):
    loading = catalogue_load(directory=settings.FIXTURES_DIR)
    assert len(loading.actions) == Action.objects.count() > 0
    assert len(loading.seminars) == 1
