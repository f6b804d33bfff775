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


@transaction.atomic
def action_duplicate(*, action):
    """Copy a fiche with everything linked to it, as a draft numbered after the last one."""
    last_number = Action.objects.filter(programmation=action.programmation).aggregate(
        Max("number")
    )["number__max"]
    copy = Action.objects.create(
        programmation=action.programmation,
        number=last_number + 1,
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
