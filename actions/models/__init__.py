"""The catalogue's models, one module per concern; import them from here."""

from .action import Action, ActionOperator, ActionQuerySet, CheckFrequency, Objective, Resource
from .publics import Public, PublicQuerySet
from .search import SearchWord, ThesaurusEntry
from .territory import Axe, Network, Programmation, Sector
from .versions import FicheVersion

__all__ = [
    "Action",
    "ActionOperator",
    "ActionQuerySet",
    "Axe",
    "CheckFrequency",
    "FicheVersion",
    "Network",
    "Objective",
    "Programmation",
    "Public",
    "PublicQuerySet",
    "Resource",
    "SearchWord",
    "Sector",
    "ThesaurusEntry",
]
