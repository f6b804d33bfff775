"""Rendering in a child process, stopped past a time limit."""

import multiprocessing
import time
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

from .child import render_in_child


class PdfError(Exception):
    """A document could not be rendered; the message is French."""


def allowed_roots():
    roots = [*settings.STATICFILES_DIRS, settings.STATIC_ROOT, settings.MEDIA_ROOT]
    return [str(root) for root in roots if Path(root).exists()]


def static_base_url(stylesheet):
    """The folder that relative URLs in a document (CSS, fonts) resolve against: that of its
    stylesheet, a static file such as ``livret/livret.css``."""
    return Path(finders.find(stylesheet)).parent.as_uri() + "/"


def render_pdf(html, *, stylesheet, timeout=None, on_laid_out=None):
    """HTML to PDF in a child process that is killed past ``timeout`` seconds (layout and
    writing together); ``on_laid_out(pages)`` is called here when the layout is done."""
    timeout = timeout or settings.PDF_RENDER_TIMEOUT
    context = multiprocessing.get_context("forkserver")
    # The fork server keeps WeasyPrint imported, so that a render does not pay for it.
    context.set_forkserver_preload(["pdfs.child"])
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=render_in_child,
        args=(sender, html, static_base_url(stylesheet), allowed_roots()),
        daemon=True,
    )
    deadline = time.monotonic() + timeout
    process.start()
    sender.close()
    try:
        while True:
            if not receiver.poll(max(0, deadline - time.monotonic())):
                raise PdfError(f"Le rendu du document a dépassé {timeout} secondes.")
            status, result = receiver.recv()
            if status != "laid-out":
                break
            if on_laid_out is not None:
                on_laid_out(result)
    except EOFError:
        raise PdfError("Le rendu du document s'est interrompu.") from None
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
    if status != "ok":
        raise PdfError(f"Le rendu du document a échoué : {result}")
    return result
