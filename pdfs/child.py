"""WeasyPrint behind a safe URL fetcher. Imports nothing from Django: it runs in the child
process that ``pdfs.render`` starts for each render, so that a render can be stopped."""

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.urls import URLFetcher


class ProjectFilesFetcher(URLFetcher):
    """Serves only files under the given folders, and ``data:`` URLs; refuses the rest.

    A ``file:`` URL is decoded once (as opening it would), normalised, then checked, and the
    file is fetched by the URL of the path that was checked: ``%2e%2e`` can no more climb out
    of a folder than ``..``. What one decoding leaves ambiguous is refused: a ``%`` left (a
    doubly encoded URL), a backslash, a NUL, a host other than this machine."""

    def __init__(self, roots, **kwargs):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, **kwargs)
        self.roots = [Path(root).resolve() for root in roots]

    def fetch(self, url, headers=None):
        address = urlsplit(url)
        if address.scheme == "file":
            url = self._checked_file(url, address).as_uri()
        elif address.scheme != "data":
            raise ValueError(f"URL refusée : {url}")
        return super().fetch(url, headers)

    def _checked_file(self, url, address):
        path = unquote(address.path, errors="strict")
        if address.netloc not in ("", "localhost") or any(c in path for c in "%\\\0"):
            raise ValueError(f"URL refusée : {url}")
        resolved = Path(os.path.normpath(path)).resolve()
        if not path.startswith("/") or not any(resolved.is_relative_to(r) for r in self.roots):
            raise ValueError(f"URL refusée (hors des fichiers du projet) : {url}")
        return resolved


PDF_VARIANT = "pdf/ua-1"


@dataclass
class RenderedPdf:
    content: bytes
    pages: int


def write_pdf(html, *, base_url, roots, on_laid_out=None):
    """HTML to a tagged PDF that declares PDF/UA-1 (accessible PDF: XMP identification,
    structure tags, document title shown), reading only files under ``roots``;
    ``on_laid_out(pages)`` is called between the layout and the writing of the file."""
    fetcher = ProjectFilesFetcher(roots)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(pdf_tags=True)
    if on_laid_out is not None:
        on_laid_out(len(document.pages))
    pdf = document.write_pdf(pdf_tags=True, pdf_variant=PDF_VARIANT)
    return RenderedPdf(pdf, len(document.pages))


def render_in_child(connection, html, base_url, roots):
    """Sends ``("laid-out", pages)`` once the pages are known, then ``("ok", RenderedPdf)``
    or ``("error", message)``."""

    def laid_out(pages):
        connection.send(("laid-out", pages))

    try:
        pdf = write_pdf(html, base_url=base_url, roots=roots, on_laid_out=laid_out)
        connection.send(("ok", pdf))
    except Exception as error:
        connection.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        connection.close()
