from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Action


def _free_slug(base):
    slug = base = slugify(base)[:70]
    suffix = 1
    while Action.objects.filter(slug=slug).exists():
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


def next_free_number(programmation):
    """The number a new fiche of ``programmation`` takes: the one after its last."""
    last = Action.objects.filter(programmation=programmation).aggregate(Max("number"))
    return (last["number__max"] or 0) + 1


# Positions ten apart: an item goes between two others without renumbering them.
POSITION_STEP = 10


def spread_positions(items):
    """Renumber ``items`` (in their order) 10, 20, 30…, saving only those that move."""
    for rank, item in enumerate(items, start=1):
        if item.position != rank * POSITION_STEP:
            item.position = rank * POSITION_STEP
            item.save(update_fields=["position"])


def _copy(action, **fields):
    """A draft copy of ``action`` with ``fields``, and everything linked to it."""
    copy = Action.objects.create(
        axe=action.axe,
        description=action.description,
        perimeter_details=action.perimeter_details,
        status=Action.Status.DRAFT,
        **fields,
    )
    for relation in ("publics", "sectors", "networks", "partners"):
        getattr(copy, relation).set(getattr(action, relation).all())
    for related_name, names in (
        ("objectives", ["position", "text"]),
        ("resources", ["position", "title", "url"]),
        ("operator_links", ["position", "organisation", "role"]),
        ("contact_links", ["position", "contact", "role"]),
    ):
        for child in getattr(action, related_name).all():
            getattr(copy, related_name).create(**{name: getattr(child, name) for name in names})
    return copy


@transaction.atomic
def action_duplicate(*, action):
    """Copy a fiche with everything linked to it, as a draft numbered after the last one."""
    return _copy(
        action,
        programmation=action.programmation,
        number=next_free_number(action.programmation),
        slug=_free_slug(f"{action.slug}-copie"),
        title=f"{action.title} (copie)",
        editorial_note=f"Copie de la fiche n°{action.number}.",
    )


@transaction.atomic
def carry_over(*, actions, programmation):
    """Copy ``actions`` as drafts of ``programmation``, in their order, numbered after its
    last fiche, each linked to the fiche it continues. Raises ValidationError, and copies
    nothing, when one is of that programmation already or carried over into it before."""
    actions = list(actions.select_related("programmation").order_by("axe_id", "number"))
    refused = [
        action
        for action in actions
        if action.programmation_id == programmation.pk
        or action.successors.filter(programmation=programmation).exists()
    ]
    if refused:
        raise ValidationError(
            _(
                "Rien n'a été reconduit : déjà dans la programmation %(programmation)s ou "
                "déjà reconduite(s) : %(fiches)s."
            )
            % {
                "programmation": programmation.period,
                "fiches": ", ".join(f"n°{action.number}" for action in refused),
            }
        )
    number = next_free_number(programmation)
    copies = []
    for offset, action in enumerate(actions):
        copy = _copy(
            action,
            programmation=programmation,
            number=number + offset,
            slug=_free_slug(f"{action.slug}-{programmation.slug}"),
            title=action.title,
            editorial_note=_("Reconduite de la fiche n°%(number)d (%(period)s).")
            % {"number": action.number, "period": action.programmation.period},
        )
        copy.predecessors.add(action)
        copies.append(copy)
    return copies
