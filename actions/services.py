from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

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


@transaction.atomic
def action_duplicate(*, action):
    """Copy a fiche with everything linked to it, as a draft numbered after the last one."""
    copy = Action.objects.create(
        programmation=action.programmation,
        number=next_free_number(action.programmation),
        slug=_free_slug(f"{action.slug}-copie"),
        title=f"{action.title} (copie)",
        axe=action.axe,
        description=action.description,
        perimeter_details=action.perimeter_details,
        status=Action.Status.DRAFT,
        editorial_note=f"Copie de la fiche n°{action.number}.",
    )
    for relation in ("publics", "sectors", "networks", "partners"):
        getattr(copy, relation).set(getattr(action, relation).all())
    for related_name, fields in (
        ("objectives", ["position", "text"]),
        ("resources", ["position", "title", "url"]),
        ("operator_links", ["position", "organisation", "role"]),
        ("contact_links", ["position", "contact", "role"]),
    ):
        for child in getattr(action, related_name).all():
            getattr(copy, related_name).create(**{name: getattr(child, name) for name in fields})
    return copy
