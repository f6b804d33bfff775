"""The catalogue's models, one module per concern; import them from here."""

from .action import Action, ActionOperator, ActionQuerySet, Objective, Resource
from .publics import Public, PublicQuerySet
from .search import SearchWord, ThesaurusEntry
from .territory import Axe, Network, Programmation, ProgrammationQuerySet, Sector, current_among

__all__ = [
    "Action",
    "ActionOperator",
    "ActionQuerySet",
    "Axe",
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
