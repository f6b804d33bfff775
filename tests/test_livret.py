"""The livret professionnel: what the PDF holds, where it comes from, and that it is safe."""

import io
import re

import pytest
from django.conf import settings
from django.db import transaction
from pypdf import PdfReader

from actions.models import Action
from citeeducative.loading import catalogue_load
from contacts.models import Contact
from livret import rendering as livret
from livret.models import Seminar
from pdfs import render as pdf_render
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def words(text):
    """One space between words; a word broken after its hyphen at a line end is whole again."""
    return re.sub(r"(?<=\w)- (?=\w)", "-", " ".join(text.split()))


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    """The 2020-2022 livret, rendered once for the module; the data is rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        catalogue_load(directory=settings.FIXTURES_DIR)
        seminar = Seminar.objects.get()
        html = livret.livret_html(seminar=seminar)
        pdf = pdf_render.render_pdf(html, stylesheet=livret.STYLESHEET)
        expected = {
            "fiches": [
                (
                    action.number,
                    action.title,
                    action.axe.title,
                    [objective.text for objective in action.objectives.all()],
                )
                for action in seminar.programmation.actions.published().order_by("number")
            ],
            "emails": list(Contact.objects.exclude(email="").values_list("email", flat=True)),
        }
        transaction.set_rollback(True)
    reader = PdfReader(io.BytesIO(pdf.content))
    pages = [words(page.extract_text()) for page in reader.pages]
    return {"pdf": pdf, "reader": reader, "pages": pages, "text": " ".join(pages), **expected}


def test_the_pdf_holds_every_fiche_title(rendered):
    for number, title, _axe, _objectives in rendered["fiches"]:
        assert words(title) in rendered["text"], number


def test_the_pdf_holds_every_objective(rendered):
    for number, _title, _axe, objectives in rendered["fiches"]:
        for objective in objectives:
            assert words(objective) in rendered["text"], number


def test_the_pdf_holds_every_contact_email(rendered):
    for email in rendered["emails"]:
        assert email in rendered["text"]


def test_the_pdf_has_the_cover_programme_and_indexes(rendered):
    pages = rendered["pages"]
    assert "Séminaire des acteurs et des actrices de la Cité éducative" in pages[0]
    assert "Mardi 11 octobre 2022" in pages[0]
    assert any("Programme du 11 octobre 2022" in page for page in pages)
    assert any("Index des contacts" in page for page in pages[-3:])
    assert any("Index des opérateurs et partenaires" in page for page in pages[-3:])


def test_the_outline_has_the_axes_then_their_fiches(rendered):
    outline = rendered["reader"].outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    for axe in {axe for _n, _t, axe, _o in rendered["fiches"]}:
        assert axe in titles
    children = [item for item in outline if isinstance(item, list)]
    fiche_titles = [child.title for group in children for child in group]
    for number, title, _axe, _objectives in rendered["fiches"]:
        assert words(f"Fiche n°{number} {title}") in [words(t) for t in fiche_titles]


def test_the_contents_point_to_the_page_of_each_fiche(rendered):
    pages = rendered["pages"]
    contents = next(
        page for page in pages if page.startswith("SOMMAIRE") or "Sommaire" in page[:40]
    )
    for number, _title, _axe, _objectives in rendered["fiches"]:
        listed = re.search(rf"\b{number}\. .*?(\d+)(?= \d+\. | Axe | Index |$)", contents)
        page_number = int(listed.group(1))
        assert f"Fiche n°{number} " in pages[page_number - 1], (number, page_number)


def test_every_fiche_starts_on_its_own_page_under_its_axe(rendered):
    numbers = [number for number, _title, _axe, _objectives in rendered["fiches"]]
    for number, title, axe, _objectives in rendered["fiches"]:
        page = next(page for page in rendered["pages"] if words(title) in page)
        assert axe.upper() in page.upper()
        others = [other for other in numbers if other != number and f"Fiche n°{other} " in page]
        assert others == [], number


def test_pages_are_numbered_n_of_total(rendered):
    total = len(rendered["pages"])
    assert f"2 / {total}" in rendered["pages"][1]
    assert rendered["pdf"].pages == total


def test_the_pdf_is_a4_tagged_and_french_with_metadata(rendered):
    reader = rendered["reader"]
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert reader.metadata.title.startswith("Séminaire des acteurs")
    assert reader.metadata.author == "Cité éducative de Roubaix"
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_the_pdf_embeds_the_vendored_font(rendered):
    fonts = set()
    for page in rendered["reader"].pages[:3]:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("Lato" in font for font in fonts)


def test_a_draft_is_left_out_of_the_livret_but_shown_in_the_preview(catalogue):
    seminar = Seminar.objects.get()
    draft = ActionFactory(
        programmation=seminar.programmation,
        number=28,
        title="Projet en préparation",
        status=Action.Status.DRAFT,
    )
    assert draft.title not in livret.livret_html(seminar=seminar)
    preview = livret.livret_html(seminar=seminar, include_drafts=True)
    assert draft.title in preview
    assert "Brouillon – fiche non publiée" in preview
