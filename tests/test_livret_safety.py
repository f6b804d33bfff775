"""Fiches are written by people: a render reads only the project's files, and has a time limit."""

import io
import secrets
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from actions.models import Action
from livret import rendering as livret
from pdfs import render as pdf_render
from pdfs.child import ProjectFilesFetcher
from tests.factories import ActionFactory

STATIC = Path(settings.BASE_DIR) / "static"


@pytest.fixture
def fetcher():
    return ProjectFilesFetcher([STATIC])


def test_the_fetcher_serves_the_project_font(fetcher):
    response = fetcher.fetch((STATIC / "fonts" / "lato" / "Lato-Regular.ttf").as_uri())
    assert response is not None


def test_the_fetcher_decodes_a_percent_encoded_project_file(fetcher):
    font = (STATIC / "fonts" / "lato" / "Lato-Regular.ttf").read_bytes()
    url = (STATIC / "fonts" / "lato").as_uri() + "/Lato%2DRegular.ttf?v=1#x"
    response = fetcher.fetch(url)
    try:
        assert response.read() == font
    finally:
        response.close()


SETTINGS = "citeeducative/settings.py"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        (STATIC / ".." / "citeeducative" / "settings.py").as_uri(),
        f"file://{STATIC}/../manage.py",
        "http://127.0.0.1:9/image.png",
        "https://example.org/tracker.png",
        "ftp://example.org/file",
        # Encoded, doubly encoded, in capitals, with backslashes: all decoded or refused.
        f"{STATIC.as_uri()}/%2e%2e/{SETTINGS}",
        f"{STATIC.as_uri()}/%2E%2E/{SETTINGS}",
        f"{STATIC.as_uri()}/.%2e/{SETTINGS}",
        f"{STATIC.as_uri()}/%2e%2e%2f{SETTINGS}",
        f"{STATIC.as_uri()}/fonts/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        f"{STATIC.as_uri()}/%252e%252e/{SETTINGS}",
        f"{STATIC.as_uri()}/%25%32%65%25%32%65/{SETTINGS}",
        f"{STATIC.as_uri()}/..%5c{SETTINGS}",
        f"{STATIC.as_uri()}\\..\\{SETTINGS}",
        f"{STATIC.as_uri()}/fonts%00/../../{SETTINGS}",
        f"FILE://{STATIC}/%2e%2e/{SETTINGS}",
        f"file://localhost{STATIC}/%2e%2e/{SETTINGS}",
        f"file://example.org{STATIC}/fonts/lato/Lato-Regular.ttf",
        "file:etc/passwd",
    ],
)
def test_the_fetcher_refuses_everything_else(fetcher, url):
    with pytest.raises(ValueError, match="URL refusée"):
        fetcher.fetch(url)


HOSTILE = """
<p>Texte</p>
<img src="file://{secret}">
<img src="http://127.0.0.1:9/pixel.png">
<link rel="attachment" href="file://{secret}" title="fuite">
<a rel="attachment" href="file://{secret}">pièce jointe</a>
<style>@import url("file://{secret}");</style>
<script>document.write("injecté")</script>
<iframe src="file://{secret}"></iframe>
"""


@pytest.fixture
def secret(tmp_path):
    """A file outside the project, its text long enough never to occur in a PDF by chance."""
    path = tmp_path / "secret.txt"
    path.write_text(f"secret-{secrets.token_hex(16)}")
    return path


@pytest.mark.django_db
def test_hostile_content_in_a_fiche_leaks_nothing_into_the_pdf(secret):
    action = ActionFactory(title="Fiche piégée")
    # Bypass the sanitising save, as a row written by another path would.
    Action.objects.filter(pk=action.pk).update(description=HOSTILE.format(secret=secret))
    html = livret.livret_html(actions=Action.objects.filter(pk=action.pk), fiche_only=True)
    pdf = pdf_render.render_pdf(html, stylesheet=livret.STYLESHEET).content
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    assert secret.read_bytes() not in pdf
    assert "injecté" not in reader.pages[0].extract_text()


@pytest.mark.django_db
def test_a_fiche_sanitised_on_save_keeps_no_hostile_markup(secret):
    action = ActionFactory(description=HOSTILE.format(secret=secret))
    assert "file://" not in action.description
    assert "<script" not in action.description
    assert "<link" not in action.description


def test_a_render_that_takes_too_long_is_stopped():
    pages = "".join(f"<p style='break-after: page'>Page {n}</p>" for n in range(3000))
    with pytest.raises(pdf_render.PdfError, match="dépassé"):
        pdf_render.render_pdf(
            f"<html><body>{pages}</body></html>", stylesheet=livret.STYLESHEET, timeout=0.5
        )
