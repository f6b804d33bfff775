"""Spreadsheet import and export on top of django-import-export, for any model: generic
machinery that imports no domain code.

- ``formats``: CSV (UTF-8 with or without BOM, or Windows-1252; commas or semicolons), XLSX, ODS
  (read here: tablib gets LibreOffice's repeated and multi-line cells wrong) and JSON; exports
  defuse formulas.
- ``cells`` and ``columns``: French cells and columns, relations by natural keys, lists one
  item a line.
- ``resources``: ``SpreadsheetResource``, all-or-nothing imports explained line by line in
  French, saved through ``save()`` so that history records them, with hooks for what the domain
  must do around an import.
- ``preview`` shows what an import changes; ``admin`` puts the buttons on a change list.

Resources stay in each app (``actions.resources``, ``contacts.resources``…).
"""
