"""The published fiches as services of the data·inclusion schema (package
``data-inclusion-schema``, v1): the Cité éducative as the structure, each fiche as one of its
services, every item validated by the package's models.
"""

import json
import logging

import pydantic
from data_inclusion.schema import v1 as data_inclusion
from django.utils import timezone
from django.utils.text import Truncator, slugify

from actions.models import Action, Public
from citeeducative.models import CiteEducative
from citeeducative.text import plain_text, summary

from . import inclusion_fields

logger = logging.getLogger(__name__)


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


def source(cite):
    """The identifier of this portal as a data·inclusion source: the Cité's name as a slug."""
    return slugify(cite.name) if cite else "cite-educative"


def _structure_id(cite):
    return f"{source(cite)}--cite-educative"


def _place(cite):
    """Where every service of the Cité takes place: its commune, as the schema names one."""
    if cite is None:
        return {}
    place = {"commune": cite.territory, "code_postal": cite.postcode, "code_insee": cite.insee_code}
    return {key: value for key, value in place.items() if value}


# The schema's advice for a description: 200 to 2,000 characters, short sentences.
DESCRIPTION_ADVISED = 2_000


def _description(action, cite):
    """The fiche's text, then its objectives, operators and partners, within the schema's
    advised length: the fiche's own text is summed up (cut after a sentence) to leave room for
    the rest; the whole fiche is at ``lien_source``."""
    others = []
    objectives = [objective.text for objective in action.objectives.all()]
    if objectives:
        others.append("Objectifs : " + " ; ".join(objectives) + ".")
    operators = [str(link.organisation) for link in action.operator_links.all()]
    if operators:
        others.append("Mise en œuvre : " + ", ".join(operators) + ".")
    partners = [str(partner) for partner in action.partners.all()]
    if partners:
        others.append("Partenaires : " + ", ".join(partners) + ".")
    room = DESCRIPTION_ADVISED - sum(len(part) + 2 for part in others)
    text = summary(plain_text(action.description), max(room, DESCRIPTION_ADVISED // 2))
    text = summary("\n\n".join(part for part in (text, *others) if part), DESCRIPTION_ADVISED)
    if len(text) < 5:
        text = f"Fiche action n°{action.number} de la {cite.name if cite else 'Cité éducative'}."
    return text


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


def data_inclusion_structure(cite, *, base_url, updated=None):
    """The Cité éducative, the structure every service belongs to: many fiches have several
    operators, and some name a kind of structure ("Centres sociaux") rather than one."""
    description = plain_text(cite.presentation) if cite else ""
    structure = data_inclusion.Structure(
        source=source(cite),
        id=_structure_id(cite),
        nom=_name(cite.name if cite else "Cité éducative"),
        date_maj=_localdate(updated),
        description=summary(description, DESCRIPTION_ADVISED) if len(description) >= 5 else None,
        lien_source=base_url + "/",
        courriel=_email(cite.coordination_email) if cite else None,
        **_place(cite),
    )
    return structure.model_dump(mode="json", exclude_none=True)


SET_FIELDS = {"publics", "thematiques", "modes_accueil", "modes_mobilisation", "mobilisable_par"}


def data_inclusion_service(action, cite, *, base_url):
    """One fiche as a data·inclusion service, validated by the schema; None (and a warning in
    the log) if the schema refuses it."""
    codes, precisions = data_inclusion_publics(list(action.publics.all()))
    first_contact = next((link.contact for link in action.contact_links.all()), None)
    place = _place(cite)
    values = {
        "source": source(cite),
        "structure_id": _structure_id(cite),
        "id": f"{source(cite)}--{action.slug}",
        "nom": _name(action.title),
        "description": _description(action, cite),
        "lien_source": base_url + action.get_absolute_url(),
        "date_maj": _localdate(action.updated_at),
        "publics": codes or None,
        "publics_precisions": precisions,
        **place,
        "zone_eligibilite": [place["code_insee"]] if "code_insee" in place else None,
    }
    if first_contact is not None:
        values.update(
            contact_nom_prenom=first_contact.full_name,
            courriel=_email(first_contact.email),
            telephone=_phone(first_contact),
        )
    values.update(
        thematiques=inclusion_fields.thematiques(action) or None,
        modes_accueil=inclusion_fields.modes_accueil(action),
        **inclusion_fields.frais(action),
        **inclusion_fields.mobilisation(
            action, courriel=values.get("courriel"), telephone=values.get("telephone")
        ),
    )
    try:
        service = data_inclusion.Service.model_validate(values)
    except pydantic.ValidationError as error:
        logger.warning("Fiche %s refusée par le schéma data·inclusion : %s", action.slug, error)
        return None
    dumped = service.model_dump(mode="json", exclude_none=True)
    # Sets in the schema: sorted, so that the same catalogue gives the same file.
    for name in SET_FIELDS & set(dumped):
        dumped[name] = sorted(dumped[name])
    return dumped


def data_inclusion_rows(actions, *, base_url):
    """``{"structures": [...], "services": [...]}``, written service by service."""
    cite = CiteEducative.objects.current()
    latest = Action.objects.published().order_by("-updated_at").values_list("updated_at", flat=True)
    structure = data_inclusion_structure(cite, base_url=base_url, updated=latest.first())
    yield '{"structures": [' + json.dumps(structure, ensure_ascii=False) + '],\n"services": ['
    first = True
    for action in actions:
        service = data_inclusion_service(action, cite, base_url=base_url)
        if service is None:
            continue
        yield ("" if first else ",") + "\n" + json.dumps(service, ensure_ascii=False)
        first = False
    yield "\n]}\n"
