"""The catalogue's models, one module per concern; import them from here."""

from .action import Action, ActionOperator, ActionQuerySet, CheckFrequency, Objective, Resource
from .publics import Public, PublicQuerySet
from .search import SearchWord, ThesaurusEntry
from .territory import Axe, Network, Programmation, ProgrammationQuerySet, Sector, current_among
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
    "ProgrammationQuerySet",
    "Public",
    "PublicQuerySet",
    "Resource",
    "SearchWord",
    "Sector",
    "ThesaurusEntry",
    "current_among",
]
