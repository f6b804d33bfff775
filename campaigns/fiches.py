"""What a campaign lets the people behind a fiche change, as one plain dictionary: the
fiche's texts, its objectives in order, and the details of each of its contacts."""

from django.utils.translation import gettext_lazy as _

from citeeducative.richtext import sanitize_html

FICHE_FIELDS = {
    "title": _("Titre"),
    "description": _("Description"),
    "perimeter_details": _("Précisions sur le périmètre"),
    "objectives": _("Objectifs"),
}
CONTACT_FIELDS = {
    "first_name": _("prénom"),
    "last_name": _("nom"),
    "title": _("fonction"),
    "email": _("e-mail"),
    "phone": _("téléphone"),
}


def contacts_of(action):
    """The fiche's contacts, each once, in the fiche's order."""
    contacts = {}
    for link in action.contact_links.select_related("contact"):
        contacts.setdefault(link.contact.pk, link.contact)
    return list(contacts.values())


def snapshot(action):
    """{"title", "description", "perimeter_details": text, "objectives": [text…],
    "contacts": {contact id (str): {field: text}}}."""
    return {
        "title": action.title,
        "description": action.description,
        "perimeter_details": action.perimeter_details,
        "objectives": [objective.text for objective in action.objectives.all()],
        "contacts": {
            str(contact.pk): {name: getattr(contact, name) for name in CONTACT_FIELDS}
            for contact in contacts_of(action)
        },
    }


def cleaned(values):
    """A proposed snapshot with its HTML sanitised like the admin's and its texts trimmed."""
    return {
        "title": values["title"].strip(),
        "description": sanitize_html(values["description"]),
        "perimeter_details": values["perimeter_details"].strip(),
        "objectives": [text.strip() for text in values["objectives"] if text.strip()],
        "contacts": {
            pk: {name: value.strip() for name, value in details.items()}
            for pk, details in values["contacts"].items()
        },
    }


def changes_between(before, after):
    """What ``after`` changes in ``before``: the same shape, only the fields that differ (and
    of the contacts only those changed, with only their changed details)."""
    changes = {
        name: after[name] for name in FICHE_FIELDS if name in after and after[name] != before[name]
    }
    contacts = {}
    for pk, details in after.get("contacts", {}).items():
        current = before["contacts"].get(pk)
        if current is None:
            continue
        changed = {name: value for name, value in details.items() if current.get(name) != value}
        if changed:
            contacts[pk] = changed
    if contacts:
        changes["contacts"] = contacts
    return changes
