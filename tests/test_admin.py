"""What a coordinator does in /admin/."""

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from actions.versions import record_version
from tests.factories import (
    ActionFactory,
    AxeFactory,
    ContactFactory,
    ProgrammationFactory,
    PublicFactory,
    complete_action,
)
from tests.livret_fiches import livret_fiche

pytestmark = pytest.mark.django_db

# The fiche page's inlines: the catalogue's, then the follow-ups the bilan adds.
INLINES = ["objectives", "operator_links", "contact_links", "resources", "follow_ups"]


def formset(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def fiche_form(**fields):
    data = {
        "programmation": ProgrammationFactory().pk,
        "number": 28,
        "title": "Ateliers parents-enfants",
        "slug": "ateliers-parents-enfants",
        "axe": AxeFactory().pk,
        "status": "draft",
        "description": "<p>Des ateliers.</p>",
        "perimeter_details": "",
        "editorial_note": "",
    }
    data.update(fields)
    for prefix in INLINES:
        data.update(formset(prefix, []))
    return data


def test_it_lists_fiches_with_their_completeness(coordinator_client):
    complete_action(title="Fiche complète")
    ActionFactory(title="Fiche sans public")
    response = coordinator_client.get(reverse("admin:actions_action_changelist"))
    assert response.status_code == 200
    assert "complète" in response.text
    assert "manque : public cible, périmètre, partenaires, contacts" in response.text


@pytest.mark.parametrize(
    "query", ["manque=tout", "manque=has_partners", "status=draft", "q=enfants"]
)
def test_it_filters_and_searches_the_fiche_list(coordinator_client, query):
    complete_action()
    ActionFactory()
    response = coordinator_client.get(reverse("admin:actions_action_changelist") + "?" + query)
    assert response.status_code == 200


def test_the_incompleteness_filter_keeps_only_incomplete_fiches(coordinator_client):
    complete_action(title="Fiche complète")
    ActionFactory(title="Fiche sans public")
    url = reverse("admin:actions_action_changelist") + "?manque=tout"
    response = coordinator_client.get(url)
    assert "Fiche sans public" in response.text
    assert "Fiche complète" not in response.text


def test_a_coordinator_creates_a_fiche_with_its_objectives_and_contacts(coordinator_client):
    contact = ContactFactory()
    public = PublicFactory()
    data = fiche_form(publics=[public.pk])
    data.update(
        formset(
            "objectives",
            [{"position": 1, "text": "Premier objectif"}, {"position": 2, "text": "Second"}],
        )
    )
    data.update(formset("contact_links", [{"position": 1, "contact": contact.pk, "role": "ville"}]))
    response = coordinator_client.post(reverse("admin:actions_action_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    action = Action.objects.get(slug="ateliers-parents-enfants")
    assert [objective.text for objective in action.objectives.all()] == [
        "Premier objectif",
        "Second",
    ]
    assert action.contact_links.get().role == "ville"
    assert list(action.publics.all()) == [public]


def test_a_coordinator_edit_is_recorded_in_history(coordinator_client, coordinator):
    action = ActionFactory(title="Titre d'origine")
    data = fiche_form(
        programmation=action.programmation_id,
        number=action.number,
        slug=action.slug,
        axe=action.axe_id,
        title="Titre corrigé",
    )
    response = coordinator_client.post(
        reverse("admin:actions_action_change", args=[action.pk]), data
    )
    assert response.status_code == 302
    latest = action.history.latest()
    assert latest.title == "Titre corrigé"
    assert latest.history_user == coordinator
    assert action.history.earliest().title == "Titre d'origine"


def test_the_history_page_lists_the_versions(coordinator_client):
    action = ActionFactory()
    action.title = "Nouveau titre"
    action.save()
    record_version(action)
    response = coordinator_client.get(reverse("admin:actions_action_history", args=[action.pk]))
    assert response.status_code == 200
    assert "Nouveau titre" in response.text


def test_a_refused_fiche_number_gets_a_french_message(coordinator_client):
    existing = ActionFactory(number=5)
    data = fiche_form(programmation=existing.programmation_id, number=5)
    response = coordinator_client.post(reverse("admin:actions_action_add"), data)
    assert response.status_code == 200
    assert "Ce numéro de fiche existe déjà dans la programmation." in response.text
    assert Action.objects.count() == 1


def test_it_duplicates_a_fiche_as_a_draft(coordinator_client):
    original = complete_action(number=3, title="Croisement des savoirs")
    response = coordinator_client.post(
        reverse("admin:actions_action_changelist"),
        {"action": "duplicate_as_draft", "_selected_action": [original.pk]},
    )
    assert response.status_code == 302
    copy = Action.objects.exclude(pk=original.pk).get()
    assert copy.status == Action.Status.DRAFT
    assert copy.number == 4
    assert copy.title == "Croisement des savoirs (copie)"
    assert copy.objectives.count() == original.objectives.count()
    assert list(copy.contacts.all()) == list(original.contacts.all())
    assert list(copy.publics.all()) == list(original.publics.all())


def test_it_publishes_selected_fiches(coordinator_client):
    draft = ActionFactory(status=Action.Status.DRAFT)
    coordinator_client.post(
        reverse("admin:actions_action_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.history.latest().status == Action.Status.PUBLISHED


def test_the_quality_page_lists_what_each_fiche_lacks(coordinator_client):
    # Checked today: not to be checked either.
    complete_action(title="Fiche complète", last_checked_at=timezone.now())
    ActionFactory(title="Fiche sans rien")
    response = coordinator_client.get(reverse("admin:actions_action_quality"))
    assert response.status_code == 200
    assert "Fiche sans rien" in response.text
    assert "public cible, périmètre, partenaires, contacts" in response.text
    assert "Fiche complète" not in response.text


def test_the_quality_page_is_for_staff_only(client):
    response = client.get(reverse("admin:actions_action_quality"))
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


@pytest.mark.parametrize(
    "model",
    [
        "actions.action",
        "livret.seminar",
        "actions.public",
        "actions.network",
        "contacts.contact",
        "partners.organisation",
        "livret.programmeitem",
    ],
)
def test_every_admin_page_opens(coordinator_client, catalogue, model):
    app_label, model_name = model.split(".")
    for view in ("changelist", "add"):
        url = reverse(f"admin:{app_label}_{model_name}_{view}")
        assert coordinator_client.get(url).status_code == 200, url


def test_a_fiche_change_page_opens_with_its_inlines(coordinator_client, catalogue):
    action = livret_fiche(2)
    response = coordinator_client.get(reverse("admin:actions_action_change", args=[action.pk]))
    assert response.status_code == 200
    assert "Construire et rendre durable" in response.text


def test_the_autocomplete_finds_contacts(coordinator_client, catalogue):
    response = coordinator_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "camus",
            "app_label": "contacts",
            "model_name": "actioncontact",
            "field_name": "contact",
        },
    )
    assert response.status_code == 200
    assert "Julia CAMUS" in response.text


def test_a_contact_history_speaks_french_and_never_says_none(coordinator_client):
    contact = ContactFactory(phone="03 20 00 00 00")
    contact.phone = "03 20 11 11 11"
    contact.save()
    url = reverse("admin:contacts_contact_history", args=[contact.pk])
    page = coordinator_client.get(url).text
    assert "Téléphone : « 03 20 00 00 00 » → « 03 20 11 11 11 »" in page
    assert "enregistrement automatique" in page
    for noise in ["None", "Changes", "Changed by", "Historical"]:
        assert noise not in page
