"""Ma sélection: fiches gathered without an account, shared as a link, printed, and their
booklet at /actions/selection.pdf (contract)."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from actions.models import Action
from selection.chosen import COOKIE, MAX_FICHES
from tests.factories import ActionContactFactory, ActionFactory, many_complete_actions

pytestmark = pytest.mark.django_db
PAGE = reverse("selection:page")
ADD = reverse("selection:add")
REMOVE = reverse("selection:remove")
PDF = reverse("selection:pdf")
JSON = {"Accept": "application/json"}


def chosen_titles(client):
    return [fiche.title for fiche in client.get(PAGE).context["fiches"]]


def test_a_fiche_is_added_and_the_page_lists_it(client):
    action = ActionFactory(title="Ateliers parents")
    response = client.post(ADD, {"fiche": action.slug})
    assert response.status_code == 303
    assert response["Location"].startswith(PAGE)
    assert chosen_titles(client) == ["Ateliers parents"]


def test_without_javascript_the_page_says_what_happened_and_leads_back(client):
    action = ActionFactory()
    response = client.post(
        ADD, {"fiche": action.slug}, headers={"Referer": "http://testserver/actions/?q=parents"}
    )
    assert parse_qs(urlsplit(response["Location"]).query) == {"retour": ["/actions/?q=parents"]}
    page = client.get(response["Location"]).text
    assert "1 fiche ajoutée à votre sélection." in page
    assert 'href="/actions/?q=parents"' in page


def test_a_page_of_another_site_is_not_a_way_back(client):
    action = ActionFactory()
    response = client.post(
        ADD, {"fiche": action.slug}, headers={"Referer": "https://ailleurs.example/"}
    )
    assert response["Location"] == PAGE


def test_the_script_gets_the_selection_as_json(client):
    first, second = ActionFactory(), ActionFactory()
    client.post(ADD, {"fiche": first.slug}, headers=JSON)
    answer = client.post(ADD, {"fiche": second.slug}, headers=JSON).json()
    assert answer["ids"] == [first.pk, second.pk]
    assert answer["count_label"] == "2 fiches action"
    assert client.post(REMOVE, {"fiche": first.slug}, headers=JSON).json()["ids"] == [second.pk]


def test_adding_twice_keeps_one(client):
    action = ActionFactory()
    client.post(ADD, {"fiche": action.slug})
    answer = client.post(ADD, {"fiche": action.slug}, headers=JSON).json()
    assert answer["ids"] == [action.pk]
    assert answer["message"] == "Ces fiches sont déjà dans votre sélection."


def test_a_draft_or_unknown_fiche_cannot_be_added(client):
    draft = ActionFactory(status=Action.Status.DRAFT)
    for slug in [draft.slug, "inconnue"]:
        response = client.post(ADD, {"fiche": slug}, headers=JSON)
        assert response.status_code == 404
        assert response.json()["message"] == "Cette fiche n'existe pas ou n'est plus publiée."
    assert chosen_titles(client) == []


def test_a_fiche_unpublished_since_leaves_the_page(client):
    action = ActionFactory(title="Bientôt brouillon")
    client.post(ADD, {"fiche": action.slug})
    action.status = Action.Status.DRAFT
    action.save()
    assert chosen_titles(client) == []


def test_a_selection_holds_at_most_60_fiches(client):
    actions = many_complete_actions(MAX_FICHES + 1)
    for action in actions[:MAX_FICHES]:
        client.post(ADD, {"fiche": action.slug})
    response = client.post(ADD, {"fiche": actions[-1].slug}, headers=JSON)
    assert response.status_code == 400
    assert "au plus 60" in response.json()["message"]
    assert len(client.get(PAGE).context["fiches"]) == MAX_FICHES


def test_clearing_empties_the_selection(client):
    client.post(ADD, {"fiche": ActionFactory().slug})
    client.post(reverse("selection:clear"))
    assert chosen_titles(client) == []
    assert "Votre sélection est vide." in client.get(PAGE).text


def test_a_forged_cookie_reads_as_an_empty_selection(client):
    action = ActionFactory()
    client.cookies[COOKIE] = f"{action.pk}:forged:signature"
    assert chosen_titles(client) == []


def test_the_changes_are_posts(client):
    assert client.get(ADD).status_code == 405
    assert client.get(REMOVE).status_code == 405


def test_the_page_shares_the_selection_as_a_link(client):
    first, second = ActionFactory(number=1), ActionFactory(number=2)
    for action in (second, first):
        client.post(ADD, {"fiche": action.slug})
    context = client.get(PAGE).context
    share = urlsplit(context["share_url"])
    assert share.path == PAGE
    assert parse_qs(share.query) == {"fiche": [first.slug, second.slug]}
    assert context["pdf_url"] == f"{PDF}?fiche={first.slug}&fiche={second.slug}"


def test_a_shared_link_shows_its_fiches_to_anyone(client):
    first, second = ActionFactory(title="Un"), ActionFactory(title="Deux")
    response = Client().get(PAGE, {"fiche": [first.slug, second.slug]})
    assert [fiche.title for fiche in response.context["fiches"]] == ["Un", "Deux"]
    assert "Sélection partagée" in response.text
    assert "Ajouter ces fiches à ma sélection" in response.text


def test_a_shared_link_is_kept_in_one_click(client):
    first, second = ActionFactory(), ActionFactory()
    client.post(ADD, {"fiche": [first.slug, second.slug]})
    assert client.get(PAGE).context["chosen_ids"] == [first.pk, second.pk]


def test_a_shared_link_names_the_fiches_it_cannot_show(client):
    action = ActionFactory(title="Visible")
    draft = ActionFactory(status=Action.Status.DRAFT)
    response = client.get(PAGE, {"fiche": [action.slug, "inconnue", draft.slug]})
    assert [fiche.title for fiche in response.context["fiches"]] == ["Visible"]
    notice = f"2 fiches demandées n'existent pas ou ne sont pas publiées : inconnue, {draft.slug}."
    assert notice in html.unescape(response.text)


def test_a_link_of_more_than_60_fiches_says_so(client):
    slugs = [action.slug for action in many_complete_actions(MAX_FICHES + 2)]
    response = client.get(PAGE, {"fiche": slugs})
    assert len(response.context["fiches"]) == MAX_FICHES
    assert "seules les 60 premières de ce lien sont affichées" in response.text


def test_the_page_gives_whom_to_call(client):
    link = ActionContactFactory(contact__email="lea@example.org")
    response = client.get(PAGE, {"fiche": link.action.slug})
    assert "Qui contacter" in response.text
    assert 'href="mailto:lea@example.org"' in response.text


def test_the_page_prints(client):
    action = ActionFactory()
    page = client.get(PAGE, {"fiche": action.slug}).text
    assert "js/print.js" in page
    assert "data-print" in page


@pytest.mark.parametrize("count", [3, MAX_FICHES])
def test_the_page_costs_a_fixed_number_of_queries(client, count, django_assert_max_num_queries):
    slugs = [action.slug for action in many_complete_actions(count)]
    client.get(PAGE, {"fiche": slugs[:1]})  # The Cité, read once per catalogue version.
    with django_assert_max_num_queries(6):
        response = client.get(PAGE, {"fiche": slugs})
    assert len(response.context["fiches"]) == count


# The buttons on the cached pages


def test_every_card_and_fiche_page_has_the_button(client):
    action = ActionFactory(title="Ateliers")
    for url in [reverse("actions:list"), action.get_absolute_url()]:
        page = client.get(url).text
        assert f'data-fiche-id="{action.pk}"' in page
        assert "Ajouter à ma sélection" in page


def test_a_draft_seen_by_a_coordinator_has_no_button(coordinator_client):
    draft = ActionFactory(status=Action.Status.DRAFT)
    assert "data-selection-toggle" not in coordinator_client.get(draft.get_absolute_url()).text


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_cached_page_gives_each_visitor_a_token_of_their_own():
    action = ActionFactory()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page = first.get(reverse("actions:list")).text
    cached = second.get(reverse("actions:list")).text
    assert csrf_token(page) != csrf_token(cached)
    response = second.post(ADD, {"fiche": action.slug, "csrfmiddlewaretoken": csrf_token(cached)})
    assert response.status_code == 303


def test_a_post_without_the_visitor_s_token_is_refused():
    action = ActionFactory()
    client = Client(enforce_csrf_checks=True)
    assert client.post(ADD, {"fiche": action.slug}).status_code == 403


# The booklet


def test_the_booklet_has_a_cover_contents_the_fiches_and_their_contacts(client, fake_render):
    first = ActionContactFactory(action__title="Ateliers parents", contact__last_name="Durand")
    second = ActionFactory(title="Sport au collège")
    response = client.get(PDF, {"fiche": [first.action.slug, second.slug]})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="ma-selection.pdf"' in response["Content-Disposition"]
    booklet = fake_render[0]
    assert 'class="cover"' in booklet and "Ma sélection de fiches action" in booklet
    assert 'id="sommaire"' in booklet
    assert "Ateliers parents" in booklet and "Sport au collège" in booklet
    assert 'id="index-contacts"' in booklet and "DURAND" in booklet


def test_the_booklet_names_the_unknown_fiches_and_never_includes_a_draft(client, fake_render):
    action = ActionFactory(title="Publiée")
    draft = ActionFactory(title="Brouillon secret", status=Action.Status.DRAFT)
    client.get(PDF, {"fiche": [action.slug, "inconnue", draft.slug]})
    booklet = html.unescape(fake_render[0])
    assert "Brouillon secret" not in booklet
    notice = f"2 fiches demandées n'existent pas ou ne sont pas publiées : inconnue, {draft.slug}."
    assert notice in booklet


def test_a_booklet_of_more_than_60_fiches_is_refused_in_french(client, fake_render):
    slugs = [action.slug for action in many_complete_actions(MAX_FICHES + 1)]
    response = client.get(PDF, {"fiche": slugs})
    assert response.status_code == 400
    assert "au plus 60 fiches" in response.text
    assert fake_render == []


@pytest.mark.parametrize("query", [{}, {"fiche": "inconnue"}])
def test_a_booklet_of_nothing_is_a_french_404(client, fake_render, query):
    response = client.get(PDF, query)
    assert response.status_code == 404
    assert "Aucune des fiches demandées" in response.text


def test_the_real_booklet_renders(client, catalogue):
    from io import BytesIO

    from pypdf import PdfReader

    slugs = list(Action.objects.filter(number__in=[2, 9, 24]).values_list("slug", flat=True))
    response = client.get(PDF, {"fiche": slugs})
    reader = PdfReader(BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Ma sélection de fiches action" in text
    assert "Sommaire" in text
    assert "Poste liaison Familles-Écoles-Quartier" in text
    assert "Index des contacts" in text
    assert "abelgaid@ville-roubaix.fr" in text
