"""The back office as a coordinator expects it: the next number proposed, objectives placed
between others, a copy one click away, a rich description, French words, a favicon."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from actions.models import Action
from tests.factories import ActionFactory, ProgrammationFactory, complete_action
from tests.test_admin import fiche_form, formset

pytestmark = pytest.mark.django_db


def test_a_new_fiche_is_offered_the_next_free_number(coordinator_client):
    programmation = ProgrammationFactory()
    ActionFactory(programmation=programmation, number=1)
    ActionFactory(programmation=programmation, number=7)
    page = coordinator_client.get(reverse("admin:actions_action_add"))
    form = page.context["adminform"].form
    assert form.initial["number"] == 8
    assert form.initial["programmation"] == programmation.pk


def test_the_first_fiche_of_a_programmation_is_number_one(coordinator_client):
    ProgrammationFactory()
    page = coordinator_client.get(reverse("admin:actions_action_add"))
    assert page.context["adminform"].form.initial["number"] == 1


def save_objectives(client, action, rows):
    data = fiche_form(
        programmation=action.programmation_id,
        number=action.number,
        slug=action.slug,
        axe=action.axe_id,
        title=action.title,
    )
    existing = list(action.objectives.all())
    data.update(formset("objectives", rows, initial=len(existing)))
    response = client.post(reverse("admin:actions_action_change", args=[action.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return [objective.text for objective in action.objectives.all()]


def test_objectives_are_spread_ten_apart_so_that_one_goes_between_two(coordinator_client):
    action = ActionFactory()
    first = action.objectives.create(position=1, text="Premier")
    second = action.objectives.create(position=2, text="Deuxième")
    rows = [
        {"id": first.pk, "action": action.pk, "position": 1, "text": "Premier"},
        {"id": second.pk, "action": action.pk, "position": 2, "text": "Deuxième"},
    ]
    save_objectives(coordinator_client, action, rows)
    assert list(action.objectives.values_list("position", flat=True)) == [10, 20]
    rows = [
        {"id": first.pk, "action": action.pk, "position": 10, "text": "Premier"},
        {"id": second.pk, "action": action.pk, "position": 20, "text": "Deuxième"},
        {"position": 15, "text": "Entre les deux"},
    ]
    texts = save_objectives(coordinator_client, action, rows)
    assert texts == ["Premier", "Entre les deux", "Deuxième"]
    assert list(action.objectives.values_list("position", flat=True)) == [10, 20, 30]


def test_an_objective_without_position_goes_last(coordinator_client):
    action = ActionFactory()
    first = action.objectives.create(position=10, text="Premier")
    rows = [
        {"id": first.pk, "action": action.pk, "position": 10, "text": "Premier"},
        {"position": "", "text": "Ajouté"},
    ]
    assert save_objectives(coordinator_client, action, rows) == ["Premier", "Ajouté"]


def test_the_duplicate_message_links_to_the_copy(coordinator_client):
    original = complete_action(number=3, title="Croisement des savoirs")
    response = coordinator_client.post(
        reverse("admin:actions_action_changelist"),
        {"action": "duplicate_as_draft", "_selected_action": [original.pk]},
        follow=True,
    )
    copy = Action.objects.exclude(pk=original.pk).get()
    link = f'<a href="{reverse("admin:actions_action_change", args=[copy.pk])}">'
    assert link in response.text
    assert "1 fiche dupliquée en brouillon" in response.text


def test_a_plain_text_description_becomes_paragraphs_and_lists(coordinator_client):
    data = fiche_form(description="Des ateliers.\n\nAu programme :\n- contes\n- jeux")
    response = coordinator_client.post(reverse("admin:actions_action_add"), data)
    assert response.status_code == 302
    assert Action.objects.get().description == (
        "<p>Des ateliers.</p><p>Au programme :</p><ul><li>contes</li><li>jeux</li></ul>"
    )


def test_a_description_keeps_only_what_the_editor_offers(coordinator_client):
    data = fiche_form(description='<h2>Titre</h2><p onclick="x()">Lire <em>vite</em></p>')
    coordinator_client.post(reverse("admin:actions_action_add"), data)
    assert Action.objects.get().description == "Titre<p>Lire <em>vite</em></p>"


def test_the_fiche_page_loads_the_editor_with_the_page_nonce(coordinator_client):
    action = ActionFactory()
    page = coordinator_client.get(reverse("admin:actions_action_change", args=[action.pk]))
    nonce = page.context["csp_nonce"]
    assert f'<script type="importmap" nonce="{nonce}">' in page.text
    assert "data-django-prose-editor-configurable" in page.text
    assert "unsafe-inline" not in page["Content-Security-Policy"]


def test_the_delete_action_agrees_with_fiches(admin_client):
    ActionFactory()
    page = admin_client.get(reverse("admin:actions_action_changelist"))
    assert "Supprimer les fiches action sélectionnées" in page.text


def test_the_export_page_speaks_french(coordinator_client):
    page = coordinator_client.get(reverse("admin:actions_action_export"))
    assert "Tout sélectionner" in page.text
    assert "Select all" not in page.text


def test_the_import_page_offers_to_replace_newer_edits(coordinator_client):
    page = coordinator_client.get(reverse("admin:actions_action_import"))
    assert "Remplacer aussi les modifications plus récentes" in page.text


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.ico")
    assert finders.find("img/favicon.ico")
