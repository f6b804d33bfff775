"""A fiche as a JSON record of the open data: lists as arrays, the description as plain text
beside its HTML, every linked record by its identifier and its name. The CSV keeps the
spreadsheet's columns (a file to import back); this is the file to reuse."""

from django.db.models import Prefetch
from django.utils import timezone

from actions.models import ActionOperator, Network
from citeeducative.text import plain_text
from contacts.models import ActionContact

# What a record reads of a fiche, for ``streaming.in_chunks``: the links with what they name.
RECORD_PREFETCH = [
    "publics",
    "sectors",
    Prefetch("networks", Network.objects.select_related("sector")),
    "partners",
    "objectives",
    "resources",
    Prefetch("operator_links", ActionOperator.objects.select_related("organisation")),
    Prefetch("contact_links", ActionContact.objects.select_related("contact__organisation")),
]


def _organisation(organisation):
    return {
        "identifiant": organisation.slug,
        "nom": organisation.name,
        "sigle": organisation.acronym,
        "type": organisation.get_kind_display(),
    }


def _contact(link):
    contact = link.contact
    return {
        "identifiant": contact.slug,
        "rôle": link.get_role_display(),
        "nom": contact.full_name,
        "fonction": contact.title,
        "structure": contact.organisation.name if contact.organisation else "",
        "e-mail": contact.email,
        "téléphone": contact.phone,
    }


def fiche_record(action, *, base_url):
    return {
        "identifiant": action.slug,
        "numéro": action.number,
        "titre": action.title,
        "programmation": {
            "identifiant": action.programmation.slug,
            "nom": action.programmation.name,
        },
        "axe": {
            "identifiant": action.axe.slug,
            "numéro": action.axe.number,
            "titre": action.axe.title,
        },
        "description": plain_text(action.description),
        "description (HTML)": action.description,
        "objectifs": [objective.text for objective in action.objectives.all()],
        "publics": [
            {
                "identifiant": public.slug,
                "libellé": public.label,
                "type": public.get_kind_display(),
                "âge minimum": public.age_min,
                "âge maximum": public.age_max,
            }
            for public in action.publics.all()
        ],
        "secteurs": [
            {"identifiant": sector.slug, "nom": sector.name} for sector in action.sectors.all()
        ],
        "réseaux": [
            {"identifiant": network.slug, "nom": str(network), "secteur": network.sector.slug}
            for network in action.networks.all()
        ],
        "précisions sur le périmètre": action.perimeter_details,
        "partenaires": [_organisation(partner) for partner in action.partners.all()],
        "opérateurs": [
            {**_organisation(link.organisation), "rôle": link.get_role_display()}
            for link in action.operator_links.all()
        ],
        "contacts": [_contact(link) for link in action.contact_links.all()],
        "ressources": [
            {"titre": resource.title, "adresse": resource.url}
            for resource in action.resources.all()
        ],
        "adresse": base_url + action.get_absolute_url(),
        "mise à jour": timezone.localdate(action.updated_at).isoformat(),
    }
