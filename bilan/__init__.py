"""The bilan of a programmation: what each fiche became, year after year, and what the
catalogue adds up to.

- ``models``: the yearly follow-up of a fiche (state, the Cité éducative's fund and the
  co-funders' amounts, the Dauphin file number, beneficiaries planned and reached by public,
  indicators, a short qualitative bilan), kept by coordinators, never shown to the public;
- ``coverage`` and ``figures``: the public counts of a programmation's published fiches (by
  axe, territory, public, age band, structure; age × sector coverage) and the follow-up totals;
- ``charts``: those figures as server-side SVG charts (``charts`` draws them) with their tables;
- the dashboard (``views``), the seminar's bilan booklet (``rendering``, a PDF), the revue de
  projet spreadsheet (``revue``), spreadsheet import and export of the follow-ups
  (``resources``) and the back office (``admin``: the follow-ups as inlines of the fiche).
"""
