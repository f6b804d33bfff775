"""The bilan's documents (contract): ``/bilan/<programmation>.pdf``, the seminar's booklet, and
``/bilan/<programmation>.xlsx``, the revue de projet, for coordinators only."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from pypdf import PdfReader

from bilan.documents import BILAN_FOLLOW_UP
from pdfs import render as pdf_render
from pdfs.render import PdfError
from tests.factories import ActionFactory
from tests.factories_bilan import CofundingFactory, FollowUpFactory, FunderFactory, followed_action
from tests.livret_fiches import livret_fiche

pytestmark = pytest.mark.django_db


PDF = reverse("bilan:pdf", args=["2020-2022"])
XLSX = reverse("bilan:xlsx", args=["2020-2022"])


def workbook(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


def rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


# The booklet


def test_the_booklet_downloads_as_a_pdf_with_the_charts(client, catalogue, fake_render):
    response = client.get(PDF)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="bilan-2020-2022.pdf"' in response["Content-Disposition"]
    html = fake_render[0]
    assert html.count('<svg class="chart"') == 8
    assert 'font-family="Lato, sans-serif"' in html
    assert "Séminaire des acteurs et des actrices de la Cité éducative" in html
    assert "Poste liaison Familles-Écoles-Quartier" in html  # a fiche, in its axe's summary


def test_the_public_booklet_holds_no_follow_up(client, fake_render):
    follow_up = followed_action()
    CofundingFactory(follow_up=follow_up, amount=Decimal("98765"))
    client.get(PDF)
    assert "Le suivi et les financements" not in fake_render[0]
    assert "98" not in fake_render[0].split("<body>")[1].split("Édition du")[0]


def test_coordinators_get_the_follow_up_in_it_unless_they_ask_for_the_public_one(
    coordinator_client, fake_render
):
    follow_up = followed_action()
    follow_up.summary = "Les familles sont venues nombreuses."
    follow_up.save()
    response = coordinator_client.get(PDF)
    assert 'filename="bilan-2020-2022-suivi.pdf"' in response["Content-Disposition"]
    assert "Le suivi et les financements" in fake_render[-1]
    assert "Les familles sont venues nombreuses." in fake_render[-1]
    assert "document de travail de la coordination" in fake_render[-1]
    coordinator_client.get(PDF, {"suivi": "non"})
    assert "Les familles sont venues nombreuses." not in fake_render[-1]


def test_the_public_booklet_is_made_once_then_again_after_a_change(
    client, fake_render, django_capture_on_commit_callbacks
):
    ActionFactory()
    client.get(PDF)
    client.get(PDF)
    assert len(fake_render) == 1
    with django_capture_on_commit_callbacks(execute=True):
        ActionFactory()
    assert len(fake_render) == 2


def test_a_changed_follow_up_makes_the_coordinators_booklet_again(
    coordinator_client, fake_render, django_capture_on_commit_callbacks
):
    follow_up = followed_action()
    coordinator_client.get(PDF)
    with django_capture_on_commit_callbacks(execute=True):
        follow_up.summary = "Un bilan écrit après coup."
        follow_up.save()
    assert "Un bilan écrit après coup." in fake_render[-1]


def test_an_unknown_programmation_has_no_booklet(client):
    assert client.get(reverse("bilan:pdf", args=["1999-2001"])).status_code == 404


def test_a_failed_render_is_a_french_503(client, monkeypatch):
    def fail(html, **options):
        raise PdfError("Le rendu du document a dépassé 120 secondes.")

    ActionFactory()
    monkeypatch.setattr(pdf_render, "render_pdf", fail)
    response = client.get(PDF)
    assert response.status_code == 503
    assert "Bilan en préparation" in response.text
    assert "La préparation a échoué." in response.text
    assert "120 secondes" not in response.text


def test_the_real_booklet_has_its_contents_charts_and_axes(catalogue):
    follow_up = FollowUpFactory(action=livret_fiche(5), year=2021)
    CofundingFactory(follow_up=follow_up, funder=FunderFactory(name="Fonds d'essai"))
    edition = BILAN_FOLLOW_UP.request(follow_up.action.programmation.slug)
    reader = PdfReader(edition.file.open("rb"))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 12
    assert "Sommaire" in text
    assert "Fiches par tranche d'âge et par secteur" in text
    assert "Lutte contre tous les déterminismes" in text
    assert "Fonds d'essai" in text
    assert [item.title for item in reader.outline if not isinstance(item, list)][:2] == [
        "Sommaire",
        "La programmation en chiffres",
    ]


# The revue de projet


def test_visitors_are_asked_to_sign_in_for_the_revue_de_projet(client):
    response = client.get(XLSX)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={XLSX}"


def test_a_staff_member_without_the_permission_is_refused(client):
    client.force_login(User.objects.create_user("stagiaire", is_staff=True))
    assert client.get(XLSX).status_code == 403


def test_an_unknown_programmation_has_no_revue_de_projet(reader_client):
    assert reader_client.get(reverse("bilan:xlsx", args=["1999-2001"])).status_code == 404


def test_the_revue_de_projet_has_a_summary_a_sheet_per_axe_and_the_finances(
    reader_client, catalogue
):
    response = reader_client.get(XLSX)
    assert response.status_code == 200
    assert 'filename="revue-de-projet-2020-2022.xlsx"' in response["Content-Disposition"]
    book = workbook(response)
    assert book.sheetnames == ["Synthèse", "Axe 1", "Axe 2", "Axe 3", "Financements"]
    summary = rows(book["Synthèse"])
    assert summary[4][:2] == ["Fiches action publiées", 27]
    axe = rows(book["Axe 1"])
    assert axe[2][:4] == ["N°", "Fiche action", "Année", "État"]
    # Each fiche of the axe, each year of the programmation: 8 fiches × 3 years.
    assert len(axe) == 3 + 8 * 3
    assert axe[3][3] == "non renseigné"


def test_each_fiche_s_follow_up_is_on_its_axe_s_sheet(reader_client):
    follow_up = FollowUpFactory(year=2021, cite_amount=Decimal("1500.50"), dauphin_number="21-001")
    CofundingFactory(follow_up=follow_up, funder=FunderFactory(name="CAF"), amount=Decimal(500))
    follow_up.indicators.create(label="Ateliers", unit="séances", target=10, achieved=12)
    [line] = [row for row in rows(workbook(reader_client.get(XLSX))["Axe 1"]) if row[2] == 2021]
    assert line[3:10] == [
        "En cours",
        Decimal("1500.5"),
        Decimal(500),
        "CAF : 500,00\u00a0€",
        Decimal("2000.5"),
        "21-001",
        None,
    ]
    assert line[12] == "Ateliers : 12 / 10 séances (au-dessus de la cible : à vérifier)"


def test_the_finances_sheet_adds_up_each_funder_by_year(reader_client):
    follow_up = FollowUpFactory(year=2021, cite_amount=Decimal(1000))
    CofundingFactory(follow_up=follow_up, funder=FunderFactory(name="CAF"), amount=Decimal(250))
    sheet = rows(workbook(reader_client.get(XLSX))["Financements"])
    assert sheet[2] == ["Financeur", 2020, 2021, 2022, "Total", None, None]
    assert sheet[3][:5] == ["Crédits Cité éducative", 0, 1000, 0, 1000]
    assert sheet[4][:5] == ["CAF", 0, 250, 0, 250]
    assert sheet[5][:5] == ["Total", 0, 1250, 0, 1250]


def test_formulas_in_the_revue_de_projet_are_defused(reader_client):
    follow_up = FollowUpFactory(action=ActionFactory(title='=HYPERLINK("http://x")'))
    follow_up.summary = "+33 familles"
    follow_up.save()
    [line] = [row for row in rows(workbook(reader_client.get(XLSX))["Axe 1"]) if row[2] == 2021]
    assert line[1] == '\'=HYPERLINK("http://x")'
    assert line[13] == "'+33 familles"


@pytest.mark.parametrize("url", [reverse("bilan:current"), PDF, XLSX])
def test_the_bilan_s_pages_only_answer_reading(coordinator_client, url):
    assert coordinator_client.post(url).status_code == 405
