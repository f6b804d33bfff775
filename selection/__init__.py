"""Ma sélection: fiches a person gathers without an account, shares as a link, prints, and
downloads as a PDF booklet (``/actions/selection.pdf?fiche=…``, contract)."""
