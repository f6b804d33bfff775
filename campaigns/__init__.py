"""Update campaigns: before a seminar, every contact and operator of a programmation's fiches is
mailed a personal link per fiche to confirm it or propose changes, which coordinators review."""
