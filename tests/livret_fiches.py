"""The 2020-2022 livret's fiches as the ``catalogue`` fixture loads them, by printed number:
other programmations number their fiches from 1 too."""

from actions.models import Action

LIVRET = "2020-2022"


def livret_fiche(number):
    return Action.objects.get(programmation__slug=LIVRET, number=number)


def livret_fiches():
    return Action.objects.filter(programmation__slug=LIVRET)
