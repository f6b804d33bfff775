"""French full-text search: ``query`` cuts text into terms and matches them (it imports no
model); ``indexing`` builds and refreshes the fiches' search columns."""
