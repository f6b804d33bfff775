"""« Nouveautés depuis le livret précédent »: what a seminar's livret shows that the previous
seminar's did not. Across programmations, the lineage of the fiches tells new, continued and
ended ones; within one programmation, the dates of creation and change since that seminar."""

from dataclasses import dataclass, field

from actions.models import Action

from .models import Seminar


@dataclass
class Changes:
    previous: Seminar
    new: list = field(default_factory=list)
    # (fiche, the fiche it continues, or None within one programmation)
    changed: list = field(default_factory=list)
    unchanged_count: int = 0
    ended: list = field(default_factory=list)

    @property
    def anything(self):
        return bool(self.new or self.changed or self.ended)


def _content(fiche):
    """What a reader of the livret sees of a fiche (from ``for_detail()``)."""
    return (
        fiche.title,
        fiche.description,
        fiche.axe_id,
        [objective.text for objective in fiche.objectives.all()],
        sorted(public.pk for public in fiche.publics.all()),
        sorted(sector.pk for sector in fiche.sectors.all()),
        sorted(network.pk for network in fiche.networks.all()),
        fiche.perimeter_details,
        sorted(partner.pk for partner in fiche.partners.all()),
        [(link.organisation_id, link.role) for link in fiche.operator_links.all()],
        [(link.contact_id, link.role) for link in fiche.contact_links.all()],
    )


def changes_since_previous(seminar, fiches):
    """The ``Changes`` of ``fiches`` (the seminar's livret, from ``for_detail()``) since the
    livret of the seminar before it; None when it is the first."""
    previous = (
        Seminar.objects.filter(date__lt=seminar.date)
        .select_related("programmation")
        .order_by("-date")
        .first()
    )
    if previous is None:
        return None
    changes = Changes(previous=previous)
    if previous.programmation_id == seminar.programmation_id:
        for fiche in fiches:
            if fiche.created_at.date() > previous.date:
                changes.new.append(fiche)
            elif fiche.updated_at.date() > previous.date:
                changes.changed.append((fiche, None))
            else:
                changes.unchanged_count += 1
        return changes
    earlier = {
        fiche.pk: fiche
        for fiche in Action.objects.published()
        .filter(programmation=previous.programmation_id)
        .for_detail()
        .order_by("number")
    }
    continued = {}
    links = Action.predecessors.through.objects.filter(
        from_action__in=[fiche.pk for fiche in fiches], to_action__in=list(earlier)
    ).order_by("to_action__number")
    for link in links:
        continued.setdefault(link.from_action_id, earlier[link.to_action_id])
    for fiche in fiches:
        predecessor = continued.get(fiche.pk)
        if predecessor is None:
            changes.new.append(fiche)
        elif _content(fiche) != _content(predecessor):
            changes.changed.append((fiche, predecessor))
        else:
            changes.unchanged_count += 1
    carried = {predecessor.pk for predecessor in continued.values()}
    changes.ended = [fiche for pk, fiche in earlier.items() if pk not in carried]
    return changes
