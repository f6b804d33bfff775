"""The web's conventions: /robots.txt and /sitemap.xml for search engines; each page with its
own title, description, canonical address and Open Graph tags, at the public address."""

import datetime
import re
from html import unescape
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils.timezone import localdate

from actions.models import Action
from citeeducative.models import CiteEducative
from livret.models import Seminar
from tests.factories import (
    ActionFactory,
    CiteEducativeFactory,
    ProgrammationFactory,
    many_complete_actions,
)

pytestmark = pytest.mark.django_db

PUBLIC = "https://catalogue.example.org"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.SITE_URL = PUBLIC


def meta(page, attribute, name):
    """The content of ``<meta {attribute}="{name}">``, decoded, or None."""
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', page.text)
    return unescape(found[1]) if found else None


def canonical(page):
    return re.search(r'<link rel="canonical" href="([^"]*)">', page.text)[1]


def title(page):
    return unescape(re.search(r"<title>([^<]*)</title>", page.text)[1])


def sitemap(client):
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    tree = ElementTree.fromstring(response.content)
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in tree.iter(f"{SITEMAP}url")
    }


# robots.txt


def test_robots_txt_keeps_robots_out_of_the_back_office_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in lines


def test_robots_txt_refuses_post(client):
    assert client.post("/robots.txt").status_code == 405


# sitemap.xml


def test_the_sitemap_lists_every_published_fiche_with_its_last_change(client):
    published = ActionFactory(slug="lecture")
    ActionFactory(slug="brouillon", status=Action.Status.DRAFT)
    urls = sitemap(client)
    assert urls[f"{PUBLIC}/actions/lecture/"] == localdate(published.updated_at).isoformat()
    assert f"{PUBLIC}/actions/brouillon/" not in urls


def test_the_sitemap_lists_the_home_and_list_pages(client):
    ActionFactory()
    urls = sitemap(client)
    for path in ("/", "/actions/", "/contacts/", "/partenaires/", "/livret/"):
        assert f"{PUBLIC}{path}" in urls


def test_the_sitemap_lists_the_livrets_changed_with_their_fiches(client):
    programmation = ProgrammationFactory()
    Seminar.objects.create(
        slug="seminaire",
        title="Séminaire",
        date=datetime.date(2022, 10, 11),
        programmation=programmation,
    )
    Seminar.objects.filter(slug="seminaire").update(
        updated_at=datetime.datetime(2023, 1, 5, tzinfo=datetime.UTC)
    )
    action = ActionFactory(programmation=programmation)
    urls = sitemap(client)
    assert urls[f"{PUBLIC}/livret/seminaire.pdf"] == localdate(action.updated_at).isoformat()


def test_the_sitemap_gives_the_public_address_whatever_the_host_asked(client, settings):
    settings.ALLOWED_HOSTS = ["autre.example.org"]
    ActionFactory(slug="lecture")
    response = client.get(reverse("sitemap"), HTTP_HOST="autre.example.org")
    assert f"{PUBLIC}/actions/lecture/" in response.text
    assert "autre.example.org" not in response.text


@pytest.mark.parametrize("count", [3, 300])
def test_the_sitemap_costs_the_same_queries_for_few_or_many_fiches(
    client, count, django_assert_max_num_queries
):
    many_complete_actions(count)
    with django_assert_max_num_queries(8):
        assert len(sitemap(client)) == count + 5


# Each page's own head


@pytest.fixture
def fiche(db):
    CiteEducativeFactory()
    return ActionFactory(
        slug="lecture",
        title="Lire ensemble",
        description=(
            "<p>Des <strong>ateliers</strong> de lecture à voix haute pour les parents &amp; "
            "leurs enfants.</p><ul><li>Chaque semaine</li></ul>" + "<p>Suite. </p>" * 80
        ),
    )


def test_a_fiche_describes_itself_with_its_own_summary_in_plain_text(client, fiche):
    page = client.get(fiche.get_absolute_url())
    description = meta(page, "name", "description")
    assert description.startswith(
        "Des ateliers de lecture à voix haute pour les parents & leurs enfants. Chaque semaine"
    )
    assert len(description) <= 200
    assert "<" not in description
    assert meta(page, "property", "og:description") == description


def test_a_fiche_has_its_title_canonical_address_and_open_graph_tags(client, fiche):
    page = client.get(fiche.get_absolute_url() + "?retour=q%3Dlire")
    assert title(page) == f"Fiche n°{fiche.number} – Lire ensemble – Cité éducative de Valmont"
    assert canonical(page) == f"{PUBLIC}/actions/lecture/"
    assert meta(page, "property", "og:url") == f"{PUBLIC}/actions/lecture/"
    assert meta(page, "property", "og:title") == f"Fiche n°{fiche.number} – Lire ensemble"
    assert meta(page, "property", "og:type") == "article"
    assert meta(page, "property", "og:site_name") == "Cité éducative de Valmont"
    assert meta(page, "property", "og:locale") == "fr_FR"


def test_a_fiche_without_description_is_described_by_its_first_objective(client):
    action = ActionFactory(description="")
    action.objectives.create(text="Favoriser la lecture")
    page = client.get(action.get_absolute_url())
    assert meta(page, "name", "description") == "Favoriser la lecture"


PAGES = ["/", "/actions/", "/contacts/", "/partenaires/", "/livret/", "/actions/lecture/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_public_page_has_its_own_title_and_description(client, fiche, path):
    pages = {other: client.get(other) for other in PAGES}
    page = pages[path]
    assert page.status_code == 200
    others = [other for other in pages.values() if other is not page]
    assert title(page) not in [title(other) for other in others]
    assert meta(page, "name", "description")
    assert canonical(page) == PUBLIC + path
    assert meta(page, "property", "og:title") in title(page)


def test_searches_and_filters_point_to_the_catalogue_as_canonical(client, fiche):
    page = client.get("/actions/?q=lire&secteur=nord&page=2")
    assert canonical(page) == f"{PUBLIC}/actions/"


def test_a_page_of_the_whole_catalogue_is_its_own_canonical(client, settings):
    settings.CATALOGUE_PAGE_SIZE = 1
    ActionFactory()
    ActionFactory()
    page = client.get("/actions/?page=2")
    assert canonical(page) == f"{PUBLIC}/actions/?page=2"
    assert "page 2" in title(page)


def test_a_missing_page_asks_robots_not_to_index_it(client):
    page = client.get("/actions/introuvable/")
    assert page.status_code == 404
    assert meta(page, "name", "robots") == "noindex"


def test_the_cite_logo_is_the_open_graph_image(client, fiche):
    cite = CiteEducative.objects.get()
    cite.logo.name = "cite/logo.png"
    cite.save()
    page = client.get("/")
    assert meta(page, "property", "og:image") == f"{PUBLIC}/media/cite/logo.png"
