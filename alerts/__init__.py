"""Saved searches with e-mail alerts: a person subscribes to a search of the catalogue with
an e-mail address, confirms it from a first mail (double opt-in), then receives at most one
digest a day of the fiches published or updated that match it (``send_search_alerts``)."""
