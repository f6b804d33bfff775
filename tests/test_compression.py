"""HTML and open data are gzipped for anonymous visitors; nothing that may hold a secret
(a signed-in coordinator's page) is, against BREACH."""

import gzip
import re

import pytest
from django.urls import reverse

from pdfs import render as pdf_render
from pdfs.child import RenderedPdf
from tests.factories import ActionFactory, complete_action

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_the_catalogue_is_gzipped_for_an_anonymous_visitor(client):
    complete_action(title="Lire ensemble")
    response = client.get(reverse("actions:list") + "?q=lire", **GZIP)
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "Lire ensemble" in html and html.rstrip().endswith("</html>")


def test_a_page_served_from_the_cache_is_gzipped_too(client):
    action = ActionFactory()
    client.get(action.get_absolute_url())
    response = client.get(action.get_absolute_url(), **GZIP)
    assert response["Content-Encoding"] == "gzip"


def test_nothing_is_gzipped_for_a_browser_that_does_not_ask(client):
    response = client.get(reverse("home"))
    assert not response.has_header("Content-Encoding")


def test_a_coordinators_pages_are_never_gzipped(coordinator_client):
    action = ActionFactory()
    for url in (action.get_absolute_url(), reverse("admin:index")):
        response = coordinator_client.get(url, **GZIP)
        assert response.status_code == 200
        assert not response.has_header("Content-Encoding"), url


def test_a_forms_csrf_token_is_masked_anew_in_each_gzipped_page(client):
    action = ActionFactory()
    pages = [client.get(action.get_absolute_url(), **GZIP) for _ in range(2)]
    tokens = []
    for page in pages:
        assert page["Content-Encoding"] == "gzip"
        html = gzip.decompress(page.content).decode()
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1))
    assert tokens[0] != tokens[1]


def test_the_open_data_stream_is_gzipped(client):
    complete_action()
    response = client.get(reverse("opendata:csv"), **GZIP)
    assert response["Content-Encoding"] == "gzip"
    content = gzip.decompress(b"".join(response.streaming_content))
    assert content.startswith("\ufeff".encode())


def test_a_pdf_is_left_as_it_is(client, monkeypatch):
    pdf = RenderedPdf(b"%PDF-1.7 " * 100, 1)
    monkeypatch.setattr(pdf_render, "render_pdf", lambda html, **options: pdf)
    action = ActionFactory()
    response = client.get(reverse("livret:fiche_pdf", args=[action.slug]), **GZIP)
    assert response["Content-Type"] == "application/pdf"
    assert not response.has_header("Content-Encoding")
