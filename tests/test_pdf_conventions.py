"""The PDFs (livret, fiche) are accessible documents: they declare PDF/UA-1, their headings
nest one level at a time, e-mails are links; the programme reads as the printed one did, and
dates are written in French."""

import datetime
import io
import itertools

import pytest
from django.conf import settings
from django.db import transaction
from pypdf import PdfReader

from actions.models import Action
from citeeducative.loading import catalogue_load
from citeeducative.text import long_date
from contacts.models import Contact
from livret import rendering as livret
from livret.models import Contribution, ProgrammeItem, Seminar
from pdfs import render as pdf_render
from tests.factories import ActionFactory, ProgrammationFactory
from tests.livret_fiches import livret_fiche

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def pdfs(django_db_setup, django_db_blocker):
    """The 2020-2022 livret and fiche n°2 alone, rendered once; the data is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        catalogue_load(directory=settings.FIXTURES_DIR)
        fiche = livret_fiche(2)
        htmls = {
            "livret": livret.livret_html(seminar=Seminar.objects.get()),
            "fiche": livret.livret_html(
                actions=Action.objects.filter(pk=fiche.pk), title=str(fiche), fiche_only=True
            ),
        }
        emails = set(Contact.objects.exclude(email="").values_list("email", flat=True))
        transaction.set_rollback(True)
    readers = {
        name: PdfReader(
            io.BytesIO(pdf_render.render_pdf(html, stylesheet=livret.STYLESHEET).content)
        )
        for name, html in htmls.items()
    }
    return {"readers": readers, "html": htmls, "emails": emails}


def headings(reader):
    """[(level, levels of the headings it sits in)…] in the order of the structure tree."""
    found = []

    def walk(node, ancestors):
        node = node.get_object()
        tag = str(node.get("/S", ""))
        if tag[:2] == "/H" and tag[2:].isdigit():
            found.append((int(tag[2:]), list(ancestors)))
            ancestors = [*ancestors, int(tag[2:])]
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                walk(kid, ancestors)

    walk(reader.trailer["/Root"]["/StructTreeRoot"], [])
    return found


def link_targets(reader):
    return {
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/URI" in annotation.get_object().get("/A", {})
    }


@pytest.mark.parametrize("name", ["livret", "fiche"])
def test_the_pdf_declares_pdf_ua_1(pdfs, name):
    reader = pdfs["readers"][name]
    metadata = reader.xmp_metadata.rdf_root.toxml()
    assert 'pdfuaid:part="1"' in metadata
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


@pytest.mark.parametrize("name", ["livret", "fiche"])
def test_no_heading_sits_inside_another(pdfs, name):
    assert [level for level, ancestors in headings(pdfs["readers"][name]) if ancestors] == []


@pytest.mark.parametrize("name", ["livret", "fiche"])
def test_headings_go_down_one_level_at_a_time(pdfs, name):
    levels = [level for level, _ancestors in headings(pdfs["readers"][name])]
    assert levels[0] == 1
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))


def test_a_fiche_pdf_starts_at_h1_with_its_title(pdfs):
    levels = [level for level, _ancestors in headings(pdfs["readers"]["fiche"])]
    assert levels == [1, 2, 2, 2]  # the title; Objectifs, Contacts, Ressources complémentaires
    assert '<h1 class="fiche__title">' in pdfs["html"]["fiche"]


def test_a_fiche_in_the_livret_is_one_h2_under_its_axe(pdfs):
    html = pdfs["html"]["livret"]
    assert html.count('<h2 class="fiche__title">') == 27
    assert '<h1 class="fiche__title">' not in html


@pytest.mark.parametrize("name", ["livret", "fiche"])
def test_every_email_is_a_mailto_link(pdfs, name):
    mailto = {uri.removeprefix("mailto:") for uri in link_targets(pdfs["readers"][name])}
    text = " ".join(page.extract_text() for page in pdfs["readers"][name].pages)
    shown = {email for email in pdfs["emails"] if email in text}
    assert shown and shown <= mailto


def test_the_programme_gives_a_shared_testimony_once_with_both_speakers(pdfs):
    html = pdfs["html"]["livret"]
    assert html.count("Témoignages d&#x27;action : Espace numérique de proximité") == 1
    assert "Faïza BOUFERKAS, poste liaison familles-écoles-quartier" in html
    assert "Aldjia ABES, Responsable de projet chez Emmaüs Connect" in html


def test_speakers_sharing_a_function_are_named_together_as_in_the_programme(pdfs):
    assert (
        "Guillaume ROUX et Michaël LIBESSART, chefs de file Éducation Nationale"
        in pdfs["html"]["livret"]
    )


def contributions(item, *people):
    for position, (topic, name, function) in enumerate(people):
        Contribution.objects.create(
            item=item, position=position, topic=topic, name=name, function=function
        )


def december_seminar():
    return Seminar.objects.create(
        slug="s",
        title="Séminaire",
        date=datetime.date(2022, 12, 1),
        programmation=ProgrammationFactory(),
    )


def programme_item():
    return ProgrammeItem.objects.create(seminar=december_seminar(), title="Plénière")


def test_interventions_group_contributions_in_a_row_on_one_topic():
    item = programme_item()
    contributions(
        item,
        ("Témoignage", "Ana", "directrice"),
        ("Témoignage", "Bea", "animatrice"),
        ("Débat", "", ""),
        ("Témoignage", "Cleo", ""),
    )
    assert item.interventions() == [
        ("Témoignage", ["Ana, directrice", "Bea, animatrice"]),
        ("Débat", []),
        ("Témoignage", ["Cleo"]),
    ]


def test_three_speakers_of_one_function_read_as_a_list():
    item = programme_item()
    contributions(item, *[("Regard", name, "principaux") for name in ("Ana", "Bea", "Cleo")])
    assert item.interventions() == [("Regard", ["Ana, Bea et Cleo, principaux"])]


@pytest.mark.parametrize(
    ("day", "weekday", "written"),
    [
        (datetime.date(2022, 12, 1), False, "1er décembre 2022"),
        (datetime.date(2022, 12, 1), True, "jeudi 1er décembre 2022"),
        (datetime.date(2022, 10, 11), True, "mardi 11 octobre 2022"),
        (datetime.date(2023, 2, 21), False, "21 février 2023"),
    ],
)
def test_dates_are_written_in_french(day, weekday, written):
    assert long_date(day, weekday=weekday) == written


def test_the_livret_of_a_seminar_on_the_first_writes_1er():
    seminar = december_seminar()
    ActionFactory(programmation=seminar.programmation)
    html = livret.livret_html(seminar=seminar)
    assert "Jeudi 1er décembre 2022" in html
    assert "Programme du 1er décembre 2022" in html
