"""Which fiches cover which part of the territory and which ages, as the bilan counts them.

Territory: a fiche that names no sector and no REP+ network is for the whole city (« Toute la
ville ») and so covers every sector; a fiche linked to a network covers that network's sector.

Ages: a public's age range overlaps an age band when it reaches into it (« Enfants 2-18 ans »
counts in every band from 0-2 to 15-17), an open end reaching as far as it goes; a public
without any age (« Parents », « Enseignants ») counts in no band but « Adultes » when it is of
an adult kind (parents, professionals, inhabitants). The catalogue's ``age`` filter reads the
ranges the same way (``PublicQuerySet.covering_age``).

Each rule is a condition on a fiche's rows joined with its sectors, networks and publics
(``Q`` objects on ``Action``'s relations): true for a fiche when one of its rows meets it.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actions.models import Public

ADULT_KINDS = (Public.Kind.PARENTS, Public.Kind.PROFESSIONNELS, Public.Kind.HABITANTS)


def placed():
    """The fiche names a sector or a network: it is not for the whole city."""
    return Q(sectors__isnull=False) | Q(networks__isnull=False)


def naming_sector(sector_id):
    """The fiche names the sector, or one of its networks."""
    return Q(sectors=sector_id) | Q(networks__sector=sector_id)


def naming_network(network_id):
    return Q(networks=network_id)


@dataclass(frozen=True)
class AgeBand:
    key: str
    label: str
    low: int
    high: int | None = None  # None: no upper bound

    def publics(self, prefix="publics__"):
        """One of the publics (through ``prefix``) overlaps the band."""

        def q(**lookups):
            return Q(**{prefix + name: value for name, value in lookups.items()})

        ranged = q(age_max__isnull=True) | q(age_max__gte=self.low)
        if self.high is not None:
            ranged &= q(age_min__isnull=True) | q(age_min__lte=self.high)
        overlaps = ranged & ~q(age_min__isnull=True, age_max__isnull=True)
        if self.high is None:
            overlaps |= q(kind__in=ADULT_KINDS)
        return overlaps


AGE_BANDS = (
    AgeBand("0-2", _("0-2 ans"), 0, 2),
    AgeBand("3-5", _("3-5 ans"), 3, 5),
    AgeBand("6-10", _("6-10 ans"), 6, 10),
    AgeBand("11-14", _("11-14 ans"), 11, 14),
    AgeBand("15-17", _("15-17 ans"), 15, 17),
    AgeBand("18-25", _("18-25 ans"), 18, 25),
    AgeBand("adultes", _("Adultes"), 26),
)
