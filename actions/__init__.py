"""The catalogue of fiches action: programmations, axes, sectors and REP+ networks, publics,
the fiches and their parts (models, QuerySets); the public catalogue's filters, paging and
views; the coordinators' admin; the spreadsheet resources; French search (``search/``)."""
