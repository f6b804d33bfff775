"""HTML to PDF with WeasyPrint, for any document of the portal (livrets, fiches, bilans).

Generic machinery: it imports no domain code. Documents are written by people, so a render
only reads the project's own static and media files (no network, no other file) and runs in a
child process stopped after a time limit (``render.render_pdf``); ``child`` is the part that
runs in that process.
"""
