"""What is new: the latest changes page, the Atom feed, the livret's « Nouveautés »."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from actions.models import Action
from actions.services import carry_over
from livret.models import Seminar
from livret.rendering import livret_html
from tests.factories import ActionFactory, ProgrammationFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEED = "/actions/flux.atom"


def test_the_feed_is_atom_with_one_entry_per_published_fiche_latest_first(client):
    older = ActionFactory(title="Ancienne")
    newer = ActionFactory(title="Récente")
    ActionFactory(title="Brouillon caché", status=Action.Status.DRAFT)
    Action.objects.filter(pk=older.pk).update(updated_at="2026-01-05T10:00:00Z")
    Action.objects.filter(pk=newer.pk).update(updated_at="2026-03-05T10:00:00Z")
    response = client.get(FEED)
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        f"Fiche n°{newer.number} – Récente (2020-2022)",
        f"Fiche n°{older.number} – Ancienne (2020-2022)",
    ]
    assert entries[0].find(f"{ATOM}updated").text == "2026-03-05T10:00:00+00:00"


def test_each_entry_links_to_its_fiche_page(client):
    fiche = ActionFactory()
    entry = ET.fromstring(client.get(FEED).content).find(f"{ATOM}entry")
    link = entry.find(f"{ATOM}link").get("href")
    assert link == f"http://testserver{fiche.get_absolute_url()}"
    assert client.get(fiche.get_absolute_url()).status_code == 200
    assert entry.find(f"{ATOM}summary").text == "Une action pour les enfants du quartier."


def test_the_feed_names_the_cite_and_is_valid_with_nothing_published(client):
    feed = ET.fromstring(client.get(FEED).content)
    assert feed.find(f"{ATOM}title").text == "Les actions de la Cité éducative : nouveautés"
    assert feed.find(f"{ATOM}id").text
    assert feed.find(f"{ATOM}author/{ATOM}name").text == "Cité éducative"
    assert feed.findall(f"{ATOM}entry") == []


def test_every_page_points_to_the_feed(client):
    page = client.get(reverse("home")).text
    assert f'<link rel="alternate" type="application/atom+xml" href="{FEED}"' in page


def test_the_changes_page_lists_new_and_updated_fiches(client):
    new = ActionFactory(title="Toute nouvelle")
    updated = ActionFactory(title="Revue et corrigée")
    Action.objects.filter(pk=updated.pk).update(
        created_at="2025-01-05T10:00:00Z", updated_at="2026-03-05T10:00:00Z"
    )
    page = client.get(reverse("actions:changes")).text
    assert page.index("Toute nouvelle") < page.index("Revue et corrigée")
    assert "Nouvelle fiche" in page
    assert "Mise à jour · 5 mars 2026 · Programmation 2020-2022" in page
    assert new.get_absolute_url() in page


def test_the_changes_page_leaves_drafts_out(client):
    ActionFactory(title="Brouillon caché", status=Action.Status.DRAFT)
    page = client.get(reverse("actions:changes")).text
    assert "Brouillon caché" not in page
    assert "Aucune fiche publiée pour le moment." in page


@pytest.fixture
def two_seminars():
    """A seminar of 2020-2022, then one of 2024-2026 whose livret tells what changed."""
    old = ProgrammationFactory()
    new = ProgrammationFactory(
        slug="2024-2026", name="Programmation 2024-2026", start_year=2024, end_year=2026
    )
    Seminar.objects.create(
        slug="seminaire-2022",
        title="Séminaire 2022",
        date=datetime.date(2022, 6, 1),
        programmation=old,
    )
    seminar = Seminar.objects.create(
        slug="seminaire-2025",
        title="Séminaire 2025",
        date=datetime.date(2025, 6, 1),
        programmation=new,
        include_changes=True,
    )
    same = ActionFactory(number=1, title="Reconduite telle quelle")
    revised = ActionFactory(number=2, title="Ancien titre")
    ActionFactory(number=3, title="Arrêtée en 2022")
    for copy in carry_over(
        actions=Action.objects.filter(pk__in=[same.pk, revised.pk]), programmation=new
    ):
        copy.status = Action.Status.PUBLISHED
        copy.save()
    Action.objects.filter(predecessors=revised).update(title="Nouveau titre")
    ActionFactory(programmation=new, number=10, title="Toute nouvelle")
    return seminar


def _changes_section(html):
    start = html.index('<section class="changes" id="nouveautes">')
    return html[start : html.index("</section>", start)]


def test_the_livret_tells_new_changed_and_ended_fiches(two_seminars):
    section = " ".join(_changes_section(livret_html(seminar=two_seminars)).split())
    assert "Nouveautés depuis le livret précédent" in section
    assert "Par rapport au livret du séminaire « Séminaire 2022 » du 1 juin 2022." in section
    assert (
        '1 nouvelle fiche</h2> <ul><li><a href="#fiche-10">Fiche n°10 – Toute nouvelle' in section
    )
    assert "1 fiche reconduite avec des changements" in section
    assert "Nouveau titre</a> (suite de la fiche n°2, 2020-2022)" in section
    assert "1 fiche reconduite sans changement." in section
    assert "1 fiche arrêtée</h2> <ul><li>Fiche n°3 – Arrêtée en 2022 (2020-2022)" in section


def test_the_contents_lead_to_the_changes(two_seminars):
    assert '<a href="#nouveautes">Nouveautés depuis le livret précédent</a>' in livret_html(
        seminar=two_seminars
    )


def test_without_the_checkbox_the_livret_has_no_changes(two_seminars):
    two_seminars.include_changes = False
    two_seminars.save()
    assert 'id="nouveautes"' not in livret_html(seminar=two_seminars)


def test_the_first_seminar_has_nothing_to_compare_with(db):
    seminar = Seminar.objects.create(
        slug="premier",
        title="Premier",
        date=datetime.date(2022, 6, 1),
        programmation=ProgrammationFactory(),
        include_changes=True,
    )
    ActionFactory()
    assert 'id="nouveautes"' not in livret_html(seminar=seminar)


def test_within_one_programmation_the_dates_tell_new_and_changed(db):
    programmation = ProgrammationFactory()
    Seminar.objects.create(
        slug="s1", title="Premier", date=datetime.date(2021, 6, 1), programmation=programmation
    )
    seminar = Seminar.objects.create(
        slug="s2",
        title="Second",
        date=datetime.date(2022, 6, 1),
        programmation=programmation,
        include_changes=True,
    )
    kept = ActionFactory(title="Inchangée")
    changed = ActionFactory(title="Changée")
    added = ActionFactory(title="Ajoutée")
    Action.objects.filter(pk__in=[kept.pk, changed.pk]).update(created_at="2021-01-01T10:00Z")
    Action.objects.filter(pk=kept.pk).update(updated_at="2021-02-01T10:00Z")
    Action.objects.filter(pk__in=[changed.pk, added.pk]).update(updated_at="2022-01-01T10:00Z")
    Action.objects.filter(pk=added.pk).update(created_at="2022-01-01T10:00Z")
    section = " ".join(_changes_section(livret_html(seminar=seminar)).split())
    assert f'1 nouvelle fiche</h2> <ul><li><a href="#fiche-{added.number}">' in section
    assert "Changée</a></li>" in section
    assert "1 fiche reconduite sans changement." in section
    assert "arrêtée" not in section
