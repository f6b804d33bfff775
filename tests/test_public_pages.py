"""Every public page answers, has one title, and costs a fixed number of queries."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import Action
from tests.factories import ActionFactory, ContactFactory, complete_action, many_complete_actions
from tests.livret_fiches import livret_fiche

pytestmark = pytest.mark.django_db


def public_urls():
    fiche = Action.objects.published().first()
    return [
        reverse("home"),
        reverse("actions:list"),
        fiche.get_absolute_url(),
        reverse("contacts:list"),
        reverse("partners:list"),
        reverse("selection:page"),
        reverse("selection:page") + f"?fiche={fiche.slug}",
        reverse("alerts:subscribe") + "?q=parents",
        reverse("alerts:privacy"),
    ]


def test_every_public_url_answers_with_exactly_one_h1(client, catalogue):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(re.findall(r"<h1[ >]", response.text)) == 1, url


def test_every_fiche_of_the_livret_opens(client, catalogue):
    for action in Action.objects.all():
        response = client.get(action.get_absolute_url())
        assert response.status_code == 200
        assert f"Fiche n°{action.number}" in response.text


def test_the_home_page_presents_the_three_axes_with_their_fiche_counts(client, catalogue):
    response = client.get(reverse("home"))
    assert "Axe 1 – La coopération entre acteurs" in response.text
    # The current programmation's: 8 of 2024-2026's 20 fiches are of the first axe.
    assert "fiches action en 2024-2026" in response.text
    assert "8 fiches" in response.text
    assert "12\u00a0890" in response.text or "12 890" in response.text


def test_the_catalogue_groups_fiches_by_axe(client, catalogue):
    response = client.get(reverse("actions:list"), {"programmation": "2020-2022"})
    text = response.text[response.text.index('id="resultats"') :]
    assert text.index("Axe 1 –") < text.index("Poste liaison") < text.index("Axe 2 –")
    assert "27 fiches action" in text


def test_the_fiche_page_shows_everything_the_livret_gives(client, catalogue):
    response = client.get(livret_fiche(2).get_absolute_url())
    text = response.text
    assert "Construire et rendre durable" in text
    assert "Enfants 2-18 ans" in text
    assert "CAF / Département" in text
    assert 'href="mailto:abelgaid@ville-roubaix.fr"' in text
    assert 'href="tel:+33359573175"' in text
    assert "https://www.ville-roubaix.fr/services-infos-pratiques/" in text


def test_the_fiche_page_links_to_the_previous_and_next_fiches(client, catalogue):
    text = client.get(livret_fiche(2).get_absolute_url()).text
    assert livret_fiche(1).get_absolute_url() in text
    assert livret_fiche(3).get_absolute_url() in text


def test_a_draft_is_hidden_from_the_public(client):
    draft = ActionFactory(status=Action.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_coordinator_previews_a_draft(coordinator_client):
    draft = ActionFactory(status=Action.Status.DRAFT)
    response = coordinator_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Brouillon" in response.text


def test_an_unknown_fiche_is_a_404(client):
    assert client.get(reverse("actions:detail", args=["nexiste-pas"])).status_code == 404


def test_the_editorial_note_is_for_coordinators_only(coordinator_client):
    action = ActionFactory(editorial_note="Titre reconstitué.")
    assert "Titre reconstitué." not in Client().get(action.get_absolute_url()).text
    assert "Titre reconstitué." in coordinator_client.get(action.get_absolute_url()).text


def test_the_directories_list_each_entry_with_its_fiches(client):
    action = complete_action(title="Action avec contacts")
    contact = action.contacts.get()
    organisation = action.partners.get()
    contacts_page = client.get(reverse("contacts:list")).text
    assert f'id="{contact.slug}"' in contacts_page
    assert action.get_absolute_url() in contacts_page
    partners_page = client.get(reverse("partners:list")).text
    assert f'id="{organisation.slug}"' in partners_page
    assert action.get_absolute_url() in partners_page


def test_the_directories_leave_out_what_only_drafts_mention(client):
    draft = complete_action(status=Action.Status.DRAFT)
    assert draft.contacts.get().slug not in client.get(reverse("contacts:list")).text
    assert draft.partners.get().slug not in client.get(reverse("partners:list")).text


@pytest.mark.parametrize(
    ("url_name", "max_queries"),
    # Each counts one query for the catalogue's version (citeeducative.caching) and one for the
    # Cité éducative, read once per version; the home page one for the current programmation.
    [("home", 6), ("actions:list", 15), ("contacts:list", 4), ("partners:list", 5)],
)
def test_a_list_page_costs_the_same_queries_for_3_or_300_fiches(
    client, url_name, max_queries, django_assert_max_num_queries
):
    many_complete_actions(3)
    with django_assert_max_num_queries(max_queries) as small:
        client.get(reverse(url_name))
    many_complete_actions(297)
    with django_assert_max_num_queries(len(small)):
        client.get(reverse(url_name))


def test_a_fiche_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    action = complete_action()
    # With its lineage: what it continues, what continues it, the programmations (archive?);
    # and the catalogue's version.
    with django_assert_max_num_queries(16):
        assert client.get(action.get_absolute_url()).status_code == 200


def test_a_public_page_is_served_from_the_cache(client, django_assert_num_queries):
    ActionFactory(title="Ateliers parents")
    client.get(reverse("actions:list"))
    with django_assert_num_queries(1):  # the catalogue's version, kept in the database
        response = client.get(reverse("actions:list"))
    assert "Ateliers parents" in response.text


def test_an_edit_shows_at_once_on_cached_pages(client):
    action = ActionFactory(title="Ancien titre")
    client.get(reverse("actions:list"))
    client.get(action.get_absolute_url())
    action.title = "Nouveau titre"
    action.save()
    assert "Nouveau titre" in client.get(reverse("actions:list")).text
    assert "Nouveau titre" in client.get(action.get_absolute_url()).text


def test_a_new_contact_shows_at_once_in_the_directory(client):
    action = complete_action()
    client.get(reverse("contacts:list"))
    contact = ContactFactory(first_name="Inès", last_name="Nouvelle")
    action.contact_links.create(contact=contact, role="ville")
    assert "Inès NOUVELLE" in client.get(reverse("contacts:list")).text


def test_a_coordinator_never_gets_the_visitors_cached_page(coordinator_client):
    draft = ActionFactory(status=Action.Status.DRAFT, title="Brouillon à relire")
    Client().get(reverse("actions:list"))
    Client().get(draft.get_absolute_url())
    assert coordinator_client.get(draft.get_absolute_url()).status_code == 200


def test_the_htmx_results_and_the_full_page_are_cached_apart(client):
    ActionFactory(title="Parentalité")
    full = client.get(reverse("actions:list"), {"q": "parentalite"}).text
    partial = client.get(
        reverse("actions:list"), {"q": "parentalite"}, headers={"HX-Request": "true"}
    ).text
    assert "<html" in full
    assert "<html" not in partial
