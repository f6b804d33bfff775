"""Open data on the public site: the catalogue as ``/actions/`` filters it (same parameters,
published fiches only), as CSV, JSON (``streaming``) or data·inclusion services
(``data_inclusion``), streamed a chunk of fiches at a time."""
