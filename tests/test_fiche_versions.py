"""A fiche's versions: one per save of the whole fiche, its French history, the way back."""

import pytest
from django.urls import reverse

from actions.models import Action, FicheVersion
from actions.versions import record_version
from bilan.models import FollowUp
from tests.admin_forms import save_fiche
from tests.factories import (
    ActionFactory,
    ContactFactory,
    PublicFactory,
    complete_action,
)
from tests.factories_bilan import followed_action

pytestmark = pytest.mark.django_db


def history_page(client, fiche):
    return client.get(reverse("admin:actions_action_history", args=[fiche.pk]))


def messages_of(response):
    return " ".join(str(message) for message in response.context["messages"])


def revert(client, version, **data):
    url = reverse("admin:actions_action_revert", args=[version.fiche_id, version.pk])
    return client.post(url, data)


@pytest.fixture
def fiche():
    action = complete_action(title="Lire ensemble")
    action.objectives.all().delete()
    action.objectives.create(position=1, text="Donner le goût de lire")
    action.objectives.create(position=2, text="Ouvrir la médiathèque aux familles")
    return action


def test_one_save_of_the_change_form_is_one_version_of_the_whole_fiche(coordinator_client, fiche):
    added = ContactFactory(first_name="Nadia", last_name="Benali")
    response = save_fiche(
        coordinator_client,
        fiche,
        title="Lire ensemble en famille",
        **{
            "objectives-1-text": "Accueillir les familles à la médiathèque",
            "contact_links-TOTAL_FORMS": 2,
            "contact_links-1-contact": added.pk,
            "contact_links-1-role": "mediatheque",
            "contact_links-1-position": 2,
            "motif": "Relecture avec la médiathèque",
        },
    )
    assert response.status_code == 302
    # The state before the change, then the change itself: nothing per objective or contact.
    assert FicheVersion.objects.filter(fiche_id=fiche.pk).count() == 2
    latest = FicheVersion.objects.of(fiche.pk).first()
    assert latest.reason == "Relecture avec la médiathèque"
    assert latest.user.username == "coordinatrice"


def test_the_history_says_in_french_what_each_save_changed(coordinator_client, fiche):
    added = ContactFactory(first_name="Nadia", last_name="Benali")
    save_fiche(
        coordinator_client,
        fiche,
        status="draft",
        **{
            "objectives-1-text": "Accueillir les familles à la médiathèque",
            "contact_links-TOTAL_FORMS": 2,
            "contact_links-1-contact": added.pk,
            "contact_links-1-role": "mediatheque",
            "contact_links-1-position": 2,
            "motif": "Relecture avec la médiathèque",
        },
    )
    page = history_page(coordinator_client, fiche).text
    assert (
        "Objectif 2 : « Ouvrir la médiathèque aux familles » → "
        "« Accueillir les familles à la médiathèque »" in page.replace("&#x27;", "'")
    )
    assert "Contact ajouté : Nadia BENALI (Médiathèque)" in page
    assert "Statut : « Publiée » → « Brouillon »" in page
    assert "Relecture avec la médiathèque" in page
    assert "coordinatrice" in page
    for noise in ["None", "CHANGES", "Historical", "draft", "published"]:
        assert noise not in page


def test_a_save_that_changes_nothing_records_no_new_version(coordinator_client, fiche):
    save_fiche(coordinator_client, fiche, title="Lire ensemble en famille")
    save_fiche(coordinator_client, fiche)
    assert FicheVersion.objects.filter(fiche_id=fiche.pk).count() == 2


def test_reverting_brings_back_the_fields_the_parts_and_the_relations(coordinator_client, fiche):
    publics = set(fiche.publics.all())
    contacts = list(fiche.contact_links.values_list("contact", "role"))
    save_fiche(
        coordinator_client,
        fiche,
        title="Titre modifié",
        publics=[PublicFactory().pk],
        **{"objectives-0-text": "Objectif réécrit", "contact_links-0-DELETE": "on"},
    )
    assert fiche.contact_links.count() == 0
    before = FicheVersion.objects.of(fiche.pk).last()
    assert revert(coordinator_client, before).status_code == 302
    fiche.refresh_from_db()
    assert fiche.title == "Lire ensemble"
    assert set(fiche.publics.all()) == publics
    assert list(fiche.contact_links.values_list("contact", "role")) == contacts
    assert [objective.text for objective in fiche.objectives.all()] == [
        "Donner le goût de lire",
        "Ouvrir la médiathèque aux familles",
    ]


def test_a_revert_is_a_new_version_that_can_itself_be_reverted(coordinator_client, fiche):
    save_fiche(coordinator_client, fiche, **{"objectives-0-text": "Objectif réécrit"})
    edited, before = FicheVersion.objects.of(fiche.pk)
    revert(coordinator_client, before, motif="Erreur de saisie")
    latest = FicheVersion.objects.of(fiche.pk).first()
    assert latest.reason.startswith("Retour à la version du ")
    assert latest.reason.endswith(" : Erreur de saisie")
    revert(coordinator_client, edited)
    assert fiche.objectives.first().text == "Objectif réécrit"
    assert FicheVersion.objects.filter(fiche_id=fiche.pk).count() == 4


def test_the_follow_ups_are_part_of_the_fiche_version(coordinator_client):
    follow_up = followed_action(year=2021, state=FollowUp.State.RUNNING)
    fiche = follow_up.action
    save_fiche(coordinator_client, fiche, **{"follow_ups-0-state": FollowUp.State.DONE})
    assert "Suivi annuel 1 : « 2021 : En cours" in history_page(coordinator_client, fiche).text
    revert(coordinator_client, FicheVersion.objects.of(fiche.pk).last())
    follow_up.refresh_from_db()
    assert follow_up.state == FollowUp.State.RUNNING
    # Matched on its year: what hangs from the follow-up is still there.
    assert follow_up.cofundings.count() == 1


def test_a_deleted_fiche_is_listed_and_restored_whole(coordinator_client, fiche):
    objectives = [objective.text for objective in fiche.objectives.all()]
    delete = reverse("admin:actions_action_delete", args=[fiche.pk])
    coordinator_client.post(delete, {"post": "yes"})
    assert not Action.objects.filter(pk=fiche.pk).exists()
    listing = coordinator_client.get(reverse("admin:actions_action_deleted"))
    assert "Lire ensemble" in listing.text
    version = FicheVersion.objects.of_deleted_fiches().get()
    response = coordinator_client.post(reverse("admin:actions_action_recover", args=[version.pk]))
    assert response.status_code == 302
    restored = Action.objects.get(pk=fiche.pk)
    assert [objective.text for objective in restored.objectives.all()] == objectives
    assert restored.contact_links.count() == 1
    assert not FicheVersion.objects.of_deleted_fiches().exists()


def test_a_deleted_fiche_whose_number_was_taken_since_is_not_restored(coordinator_client, fiche):
    coordinator_client.post(
        reverse("admin:actions_action_delete", args=[fiche.pk]), {"post": "yes"}
    )
    ActionFactory(programmation=fiche.programmation, number=fiche.number)
    version = FicheVersion.objects.of_deleted_fiches().get()
    response = coordinator_client.post(
        reverse("admin:actions_action_recover", args=[version.pk]), follow=True
    )
    assert "La fiche n'a pas été restaurée" in messages_of(response)
    assert "Ce numéro de fiche existe déjà dans la programmation." in messages_of(response)
    assert not Action.objects.filter(pk=fiche.pk).exists()


def test_a_revert_names_the_links_to_records_deleted_since(coordinator_client, fiche):
    public = PublicFactory(label="Parents d'élèves")
    fiche.publics.add(public)
    record_version(fiche)
    fiche.publics.remove(public)
    record_version(fiche)
    public.delete()
    response = coordinator_client.post(
        reverse(
            "admin:actions_action_revert",
            args=[fiche.pk, FicheVersion.objects.of(fiche.pk).last().pk],
        ),
        follow=True,
    )
    assert "Supprimés depuis, donc non restaurés : Parents d'élèves." in messages_of(response)


def test_publishing_from_the_list_records_a_version(coordinator_client):
    draft = ActionFactory(status=Action.Status.DRAFT)
    coordinator_client.post(
        reverse("admin:actions_action_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    page = history_page(coordinator_client, draft).text
    assert "Statut : « Brouillon » → « Publiée »" in page


def test_record_version_outside_the_admin_keeps_who_and_why(coordinator, fiche):
    fiche.title = "Proposition de l'opérateur"
    fiche.save()
    version = record_version(fiche, user=coordinator, reason="Proposition acceptée")
    assert (version.user, version.reason) == (coordinator, "Proposition acceptée")
    assert version.data["fields"]["title"] == "Proposition de l'opérateur"
    # Recording an unchanged fiche again adds nothing.
    assert record_version(fiche) == version


def test_a_deleted_fiche_whose_axe_is_gone_is_not_restored(coordinator_client, fiche):
    axe, label = fiche.axe, str(fiche.axe)
    coordinator_client.post(
        reverse("admin:actions_action_delete", args=[fiche.pk]), {"post": "yes"}
    )
    axe.delete()
    version = FicheVersion.objects.of_deleted_fiches().get()
    response = coordinator_client.post(
        reverse("admin:actions_action_recover", args=[version.pk]), follow=True
    )
    assert f"Axe « {label} » n'existe plus." in messages_of(response)
    assert not Action.objects.filter(pk=fiche.pk).exists()
