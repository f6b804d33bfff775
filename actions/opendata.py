"""The published catalogue as open data.

- CSV and JSON with the columns of the spreadsheet import (``PublicActionResource``, the public
  subset of ``ActionResource``), so that a downloaded file is also a valid import file.
- The data·inclusion schema (package ``data-inclusion-schema``, v1): the Cité éducative as the
  structure, each fiche as one of its services, every item validated by the package's models.

Fiches are read a chunk at a time with their relations, and written as they are read: an
export of the whole catalogue stays small in memory.
"""

import csv
import html
import json
import logging
import re

import pydantic
from data_inclusion.schema import v1 as data_inclusion
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

from .filters import ActionFilterSet
from .models import Action, CiteEducative, Public
from .resources import ACTION_PREFETCH
from .spreadsheets import escape_formula

logger = logging.getLogger(__name__)

CHUNK = 200
# Not read by the exports: the search columns and what only coordinators see.
UNREAD_FIELDS = [
    "search_terms",
    "search_title_terms",
    "search_vector",
    "search_title_vector",
    "editorial_note",
]


def published_actions(params):
    """The published fiches that the catalogue shows for ``params`` (its query string), in
    its order: the same FilterSet, so the same parameters give the same fiches."""
    return ActionFilterSet(params, queryset=Action.objects.published()).qs


def in_chunks(actions, size=CHUNK):
    """The fiches of ``actions`` in its order, ``size`` at a time with their relations."""
    pks = list(actions.values_list("pk", flat=True))
    for start in range(0, len(pks), size):
        chunk = pks[start : start + size]
        loaded = (
            Action.objects.filter(pk__in=chunk)
            .select_related("programmation", "axe")
            .prefetch_related(*ACTION_PREFETCH)
            .defer(*UNREAD_FIELDS)
            .in_bulk()
        )
        yield from (loaded[pk] for pk in chunk if pk in loaded)


class _Echo:
    """A file that hands back what is written to it: csv.writer's rows as strings."""

    def write(self, value):
        return value


def csv_rows(resource, actions):
    """The CSV file line by line: UTF-8 with a BOM (Excel then shows the accents), formulas
    defused as in the spreadsheet exports."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(resource.get_export_headers())
    for action in actions:
        yield writer.writerow([escape_formula(value) for value in resource.export_resource(action)])


def json_rows(resource, actions):
    """A JSON list of objects keyed by the column names, raw (no formula escaping)."""
    headers = resource.get_export_headers()
    yield "["
    for index, action in enumerate(actions):
        row = dict(zip(headers, resource.export_resource(action), strict=True))
        yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


# data·inclusion ############################################################################

SOURCE = "cite-educative-roubaix"
STRUCTURE_ID = f"{SOURCE}--cite-educative"
CITY = "Roubaix"
CITY_INSEE_CODE = "59512"
CITY_POSTCODE = "59100"
# The coordination's address, the one the catalogue page gives.
COORDINATION_EMAIL = "citeeducative@ville-roubaix.fr"
# From this age on, the schema's "jeunes" (adolescents, young adults) rather than "familles"
# (families, parents, children): the age of entry into collège.
YOUTH_FROM_AGE = 11


def data_inclusion_publics(publics):
    """The schema's public codes for our publics, and the publics with their ages in words.

    Enfants et jeunes: "familles" under 11, "jeunes" from 11 (both when the range spans 11 or
    is not given); parents: "familles"; habitants: "residents-qpv-frr" (a Cité éducative works
    in the quartiers prioritaires de la ville). Professionals and other publics have no code:
    the schema describes who benefits from a service, and they stay in the precisions only.
    """
    Code = data_inclusion.Public
    codes = set()
    for public in publics:
        if public.kind == Public.Kind.ENFANTS:
            if public.age_min is None or public.age_min < YOUTH_FROM_AGE:
                codes.add(Code.FAMILLES)
            if public.age_max is None or public.age_max >= YOUTH_FROM_AGE:
                codes.add(Code.JEUNES)
        elif public.kind == Public.Kind.PARENTS:
            codes.add(Code.FAMILLES)
        elif public.kind == Public.Kind.HABITANTS:
            codes.add(Code.RESIDENTS_QPV_FRR)
    precisions = " ; ".join(_public_with_ages(public) for public in publics)
    return sorted(codes), precisions or None


def _public_with_ages(public):
    if public.age_min is not None and public.age_max is not None:
        ages = f"de {public.age_min} à {public.age_max} ans"
    elif public.age_min is not None:
        ages = f"à partir de {public.age_min} ans"
    elif public.age_max is not None:
        ages = f"jusqu'à {public.age_max} ans"
    else:
        return public.label
    return f"{public.label} ({ages})"


BLOCK_END = re.compile(r"</(?:p|li|ul|ol|h[1-6]|div|blockquote)>|<br\s*/?>", re.IGNORECASE)
LIST_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)


def _plain(text):
    """Rich text as plain text: one paragraph or list item a line, entities decoded."""
    text = BLOCK_END.sub("\n", LIST_ITEM.sub("\n- ", text))
    text = html.unescape(strip_tags(text))
    text_lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in text_lines if line)


def _description(action):
    parts = [_plain(action.description)]
    objectives = [objective.text for objective in action.objectives.all()]
    if objectives:
        parts.append("Objectifs : " + " ; ".join(objectives) + ".")
    operators = [str(link.organisation) for link in action.operator_links.all()]
    if operators:
        parts.append("Mise en œuvre : " + ", ".join(operators) + ".")
    partners = [str(partner) for partner in action.partners.all()]
    if partners:
        parts.append("Partenaires : " + ", ".join(partners) + ".")
    text = "\n\n".join(part for part in parts if part)
    if len(text) < 5:
        text = f"Fiche action n°{action.number} de la Cité éducative de Roubaix."
    return Truncator(text).chars(10_000)


def _name(title):
    # 3 to 150 characters, not ending with a full stop.
    name = Truncator(title).chars(150).rstrip(" .")
    return name if len(name) >= 3 else f"Action {name}".strip()


_EMAIL = pydantic.TypeAdapter(pydantic.EmailStr)


def _email(address):
    """The address if the schema accepts it (it refuses reserved domains such as .invalid)."""
    if not address:
        return None
    try:
        return str(_EMAIL.validate_python(address))
    except pydantic.ValidationError:
        return None


def _phone(contact):
    return contact.phone_uri.removeprefix("tel:") if contact.phone else None


def _localdate(moment):
    return timezone.localdate(moment) if moment else timezone.localdate()


def data_inclusion_structure(*, base_url, updated=None):
    """The Cité éducative de Roubaix, the structure every service belongs to: many fiches have
    several operators, and some name a kind of structure ("Centres sociaux") rather than one."""
    cite = CiteEducative.objects.first()
    description = _plain(cite.presentation) if cite else ""
    structure = data_inclusion.Structure(
        source=SOURCE,
        id=STRUCTURE_ID,
        nom=_name(cite.name if cite else "Cité éducative de Roubaix"),
        date_maj=_localdate(updated),
        description=Truncator(description).chars(10_000) if len(description) >= 5 else None,
        lien_source=base_url + "/",
        commune=CITY,
        code_postal=CITY_POSTCODE,
        code_insee=CITY_INSEE_CODE,
        courriel=COORDINATION_EMAIL,
    )
    return structure.model_dump(mode="json", exclude_none=True)


def data_inclusion_service(action, *, base_url):
    """One fiche as a data·inclusion service, validated by the schema; None (and a warning in
    the log) if the schema refuses it."""
    codes, precisions = data_inclusion_publics(list(action.publics.all()))
    first_contact = next((link.contact for link in action.contact_links.all()), None)
    values = {
        "source": SOURCE,
        "structure_id": STRUCTURE_ID,
        "id": f"{SOURCE}--{action.slug}",
        "nom": _name(action.title),
        "description": _description(action),
        "lien_source": base_url + action.get_absolute_url(),
        "date_maj": _localdate(action.updated_at),
        "publics": codes or None,
        "publics_precisions": precisions,
        "commune": CITY,
        "code_postal": CITY_POSTCODE,
        "code_insee": CITY_INSEE_CODE,
        "zone_eligibilite": [CITY_INSEE_CODE],
    }
    if first_contact is not None:
        values.update(
            contact_nom_prenom=first_contact.full_name,
            courriel=_email(first_contact.email),
            telephone=_phone(first_contact),
        )
    try:
        service = data_inclusion.Service.model_validate(values)
    except pydantic.ValidationError as error:
        logger.warning("Fiche %s refusée par le schéma data·inclusion : %s", action.slug, error)
        return None
    dumped = service.model_dump(mode="json", exclude_none=True)
    if "publics" in dumped:
        # A set in the schema: sorted, so that the same catalogue gives the same file.
        dumped["publics"] = sorted(dumped["publics"])
    return dumped


def data_inclusion_rows(actions, *, base_url):
    """``{"structures": [...], "services": [...]}``, written service by service."""
    latest = Action.objects.published().order_by("-updated_at").values_list("updated_at", flat=True)
    structure = data_inclusion_structure(base_url=base_url, updated=latest.first())
    yield '{"structures": [' + json.dumps(structure, ensure_ascii=False) + '],\n"services": ['
    first = True
    for action in actions:
        service = data_inclusion_service(action, base_url=base_url)
        if service is None:
            continue
        yield ("" if first else ",") + "\n" + json.dumps(service, ensure_ascii=False)
        first = False
    yield "\n]}\n"
