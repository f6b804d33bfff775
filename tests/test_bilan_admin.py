"""The follow-ups in the back office: a block per year on the fiche, the lines on the
follow-up's page, French refusals, a warning above target, read-only for the read-only group."""

import pytest
from django.contrib import admin
from django.urls import reverse

from actions.admin import ActionAdmin
from actions.models import Action
from bilan.admin import FicheWithFollowUpAdmin, FollowUpInline
from bilan.models import FollowUp
from tests.factories import ActionFactory, PublicFactory
from tests.factories_bilan import FollowUpFactory, FunderFactory, followed_action

pytestmark = pytest.mark.django_db


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def follow_up_form(follow_up, **lines):
    data = {
        "action": str(follow_up.action_id),
        "year": str(follow_up.year),
        "state": follow_up.state,
        "cite_amount": "1000",
        "dauphin_number": "",
        "summary": "",
        **management("cofundings"),
        **management("beneficiaries"),
        **management("indicators"),
    }
    for prefix, rows in lines.items():
        data.update(management(prefix, total=len(rows)))
        for index, values in enumerate(rows):
            data.update({f"{prefix}-{index}-{name}": value for name, value in values.items()})
    return data


def test_the_fiche_admin_is_the_catalogue_s_with_the_follow_ups():
    registered = admin.site._registry[Action]
    assert isinstance(registered, FicheWithFollowUpAdmin)
    assert isinstance(registered, ActionAdmin)
    inlines = registered.get_inlines(None, None)
    assert inlines[-1] is FollowUpInline
    assert set(ActionAdmin.inlines) < set(inlines)


def test_the_fiche_page_shows_each_year_s_follow_up_with_a_link_to_its_lines(coordinator_client):
    follow_up = followed_action()
    page = coordinator_client.get(
        reverse("admin:actions_action_change", args=[follow_up.action_id])
    )
    assert "Suivi annuel (bilan)" in page.text
    assert (
        "1 co-financement(s) (2\u00a0500,00\u00a0€), 1 public(s) : 100 prévus, 80 atteints"
        in page.text
    )
    assert reverse("admin:bilan_followup_change", args=[follow_up.pk]) in page.text


def test_a_follow_up_is_added_from_the_fiche_page(coordinator_client):
    action = ActionFactory()
    data = {
        "programmation": action.programmation_id,
        "number": action.number,
        "title": action.title,
        "slug": action.slug,
        "axe": action.axe_id,
        "status": action.status,
        "description": action.description,
        "perimeter_details": "",
        "editorial_note": "",
        "follow_ups-0-year": "2021",
        "follow_ups-0-state": "en-cours",
        "follow_ups-0-cite_amount": "5 000,50 €",
        "follow_ups-0-dauphin_number": "21-0042",
        "follow_ups-0-summary": "",
    }
    for prefix in ("objectives", "operator_links", "contact_links", "resources"):
        data.update(management(prefix))
    data.update(management("follow_ups", total=1))
    url = reverse("admin:actions_action_change", args=[action.pk])
    response = coordinator_client.post(url, data)
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert (follow_up.action, follow_up.year, follow_up.dauphin_number) == (action, 2021, "21-0042")
    assert str(follow_up.cite_amount) == "5000.50"


def test_the_follow_up_page_saves_its_lines(coordinator_client):
    follow_up = FollowUpFactory()
    funder, public = FunderFactory(), PublicFactory()
    url = reverse("admin:bilan_followup_change", args=[follow_up.pk])
    response = coordinator_client.post(
        url,
        follow_up_form(
            follow_up,
            cofundings=[{"position": "1", "funder": funder.pk, "amount": "1 500,00"}],
            beneficiaries=[
                {"position": "1", "public": public.pk, "planned": "40", "reached": "35"}
            ],
            indicators=[
                {"position": "1", "label": "Séances", "unit": "", "target": "10", "achieved": "8"}
            ],
        ),
    )
    assert response.status_code == 302
    assert [str(line.amount) for line in follow_up.cofundings.all()] == ["1500.00"]
    assert follow_up.beneficiaries.get().reached == 35
    assert follow_up.indicators.get().achieved == 8


def test_a_negative_amount_is_refused_in_french_on_the_follow_up_page(coordinator_client):
    follow_up = FollowUpFactory()
    url = reverse("admin:bilan_followup_change", args=[follow_up.pk])
    response = coordinator_client.post(
        url,
        follow_up_form(
            follow_up, cofundings=[{"position": "1", "funder": FunderFactory().pk, "amount": "-3"}]
        ),
    )
    assert response.status_code == 200
    assert "Un montant ne peut pas être négatif." in response.text
    assert not follow_up.cofundings.exists()


def test_an_indicator_above_its_target_is_saved_with_a_warning(coordinator_client):
    follow_up = FollowUpFactory()
    url = reverse("admin:bilan_followup_change", args=[follow_up.pk])
    response = coordinator_client.post(
        url,
        follow_up_form(
            follow_up,
            indicators=[
                {"position": "1", "label": "Familles", "unit": "", "target": "10", "achieved": "30"}
            ],
        ),
        follow=True,
    )
    assert follow_up.indicators.get().achieved == 30
    assert "Indicateur au-dessus de sa cible : « Familles »" in response.text
    page = coordinator_client.get(url)
    assert "au-dessus de la cible" in page.text


def test_adding_a_follow_up_from_a_fiche_link_chooses_the_fiche(coordinator_client):
    action = ActionFactory()
    page = coordinator_client.get(reverse("admin:bilan_followup_add") + f"?fiche={action.pk}")
    assert page.context["adminform"].form.initial["action"] == str(action.pk)


def test_the_read_only_group_sees_the_follow_ups_and_changes_nothing(reader_client):
    follow_up = followed_action()
    url = reverse("admin:bilan_followup_change", args=[follow_up.pk])
    assert reader_client.get(url).status_code == 200
    assert reader_client.post(url, follow_up_form(follow_up)).status_code == 403
    assert reader_client.get(reverse("admin:bilan_followup_add")).status_code == 403


def test_the_follow_up_list_filters_by_year_and_state(coordinator_client):
    FollowUpFactory(year=2020, state=FollowUp.State.DONE)
    FollowUpFactory(year=2021)
    page = coordinator_client.get(reverse("admin:bilan_followup_changelist"), {"year": "2020"})
    assert page.context["cl"].result_count == 1


def test_the_follow_up_history_is_shown(coordinator_client):
    follow_up = FollowUpFactory()
    page = coordinator_client.get(reverse("admin:bilan_followup_history", args=[follow_up.pk]))
    assert page.status_code == 200
    assert "Création" in page.text or "Créé" in page.text
