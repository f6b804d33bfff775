"""Documents rendered to PDF off the request, by the task worker: *editions*.

Generic machinery: it imports no domain code. An app declares each kind of document it
offers in its ``documents`` module (found at start-up)::

    # bilan/documents.py
    from editions.kinds import Document, DocumentError, DocumentKind

    def build_bilan(key):                       # runs in the worker
        programmation = Programmation.objects.filter(slug=key).first()
        if programmation is None:
            raise DocumentError("Cette programmation n'existe plus.")   # not retried
        return Document(html=..., stylesheet="bilan/bilan.css", items=fiche_count)

    BILAN = DocumentKind("bilan", build_bilan)  # keep=2; keep_days=1 for one-off documents

``key`` (a string) names one document of the kind; ``params`` (JSON), given with a request,
reach the builder as keyword arguments for what is too long for a key (a selection's slugs).
Then, in the app's views, after checking who may read the document:

- ``editions.views.download(request, BILAN, key, filename=..., template=..., context=...)``:
  the whole download view: the freshest edition at once, or, with none yet, a waiting page
  (503, ``Retry-After``) that follows a new one and opens the file when it is ready.
- ``BILAN.freshest(key)``: the newest good edition (``Edition``), or None. Serve it at once
  with ``editions.views.serve(request, edition, filename)``: never render in a request.
- ``BILAN.coming(key)``: the edition waiting or being made, newer than the freshest, or None.
- ``BILAN.request(key, params=None)``: the edition to wait for: the waiting one if any, else a
  new one, queued to start at once. Show it with ``editions.views.progress(request, edition,
  template=..., redirect_when_ready=download_url)``: a page whose template includes
  ``editions/includes/progress.html`` (stage, fiche and page counts, share done, French error),
  refreshed by htmx every two seconds, with a plain refresh link without JavaScript.
- ``BILAN.refresh(key)`` / ``BILAN.refresh_all()``: what the document shows changed (call it
  from a signal): once the transaction commits, a document that already has editions gets a new
  one, the freshest serving meanwhile. Requests coalesce: one per document per transaction, and
  any number while the edition waits; it starts ``EDITIONS_DELAY`` seconds later, and no sooner
  than ``EDITIONS_MIN_INTERVAL`` seconds after the document's previous render began.

The task (``editions.tasks.make_edition``) goes through three stages (HTML, layout, PDF); an
unchanged HTML (same SHA-256 as the freshest edition) reuses its file without a render. The
file is stored under a name of its own (``STORAGES["editions"]``) and the edition is marked
ready only after, so a half-written file is never served. A failure or a render past
``PDF_RENDER_TIMEOUT`` is recorded in French and retried up to ``EDITIONS_MAX_ATTEMPTS`` times
in all; a task cut short by a stopped or killed worker is taken up again where it began.
"""
