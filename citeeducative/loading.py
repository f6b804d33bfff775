"""Loads the catalogue kept in ``fixtures/`` (transcribed from the 2020-2022 livret and the
2024-2030 Contrat de ville) into the database.

Records are matched on their natural keys (slugs, numbers) and saved only when a value differs,
so loading twice changes nothing, not even the history.
"""

import datetime
import json
from pathlib import Path

from django.db import transaction

from actions.models import Action, Axe, Network, Programmation, Public, Sector, ThesaurusEntry
from actions.search.indexing import search_refresh_deferred
from contacts.models import Contact
from livret.models import ProgrammeItem, Seminar
from partners.models import Organisation

from .models import CiteEducative
from .richtext import sanitize_html


def _read(path):
    with Path(path).open(encoding="utf-8") as handle:
        return json.load(handle)


def _sync(model, lookup, values):
    """Create or update one row; save (and so record history) only when something changed."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save()
    return instance


def _sync_children(manager, rows, fields):
    """Replace a fiche's ordered children (objectives, resources…) when they differ."""
    wanted = [tuple(row[name] for name in fields) for row in rows]
    existing = [tuple(getattr(child, name) for name in fields) for child in manager.all()]
    if wanted == existing:
        return
    manager.all().delete()
    for position, row in enumerate(rows, start=1):
        manager.create(position=position, **row)


CITE_FIELDS = "territory steering source coordination_email insee_code postcode brand_colour"


def territory_load(*, directory):
    """The Cité éducative, its programmations, axes, sectors and networks from ``fixtures/``."""
    _load_territory(_read(Path(directory) / "territoire.json"))


def _load_territory(data):
    cite = data["cite"]
    _sync(
        CiteEducative,
        {"name": cite["name"]},
        {
            **{name: cite[name] for name in CITE_FIELDS.split() if name in cite},
            "presentation": sanitize_html(cite["presentation"]),
            "pupil_count": cite["pupils"],
        },
    )
    for row in data["programmations"]:
        _sync(Programmation, {"slug": row["slug"]}, _pick(row, "name start_year end_year"))
    for row in data["axes"]:
        _sync(Axe, {"number": row["number"]}, _pick(row, "slug title subtitle presentation"))
    sectors = {
        row["slug"]: _sync(Sector, {"slug": row["slug"]}, {"name": row["name"]})
        for row in data["sectors"]
    }
    for row in data["networks"]:
        values = _pick(row, "name college is_lead")
        _sync(Network, {"slug": row["slug"]}, {**values, "sector": sectors[row["sector"]]})


def _load_directory(data):
    for row in data["publics"]:
        _sync(Public, {"slug": row["slug"]}, _pick(row, "label kind age_min age_max"))
    organisations = {
        row["slug"]: _sync(
            Organisation,
            {"slug": row["slug"]},
            _pick(row, "name acronym kind website description", default=""),
        )
        for row in data["organisations"]
    }
    for row in data["contacts"]:
        values = _pick(row, "first_name last_name title email phone", default="")
        values["organisation"] = organisations.get(row.get("organisation") or "")
        _sync(Contact, {"slug": row["slug"]}, values)


def _load_fiche(data, programmation):
    action = _sync(
        Action,
        {"programmation": programmation, "number": data["number"]},
        {
            **_pick(data, "slug title perimeter_details editorial_note"),
            "description": sanitize_html(data["description"]),
            "axe": Axe.objects.get(number=data["axe"]),
            "status": data.get("status", Action.Status.PUBLISHED),
        },
    )
    action.publics.set(Public.objects.filter(slug__in=data["publics"]))
    action.sectors.set(Sector.objects.filter(slug__in=data["sectors"]))
    action.networks.set(Network.objects.filter(slug__in=data["networks"]))
    action.partners.set(Organisation.objects.filter(slug__in=data["partners"]))
    _sync_children(action.objectives, [{"text": text} for text in data["objectives"]], ["text"])
    _sync_children(action.resources, data["resources"], ["title", "url"])
    _sync_children(
        action.operator_links,
        [
            {
                "organisation": Organisation.objects.get(slug=row["organisation"]),
                "role": row["role"],
            }
            for row in data["operators"]
        ],
        ["organisation", "role"],
    )
    _sync_children(
        action.contact_links,
        [
            {"contact": Contact.objects.get(slug=row["contact"]), "role": row["role"]}
            for row in data["contacts"]
        ],
        ["contact", "role"],
    )
    return action


def _load_seminar(data):
    contacts_by_name = {contact.full_name.casefold(): contact for contact in Contact.objects.all()}
    seminar = _sync(
        Seminar,
        {"slug": data["slug"]},
        {
            **_pick(data, "title place preamble_title"),
            "introduction": sanitize_html(data["introduction"]),
            "preamble": sanitize_html(data["preamble"]),
            "date": datetime.date.fromisoformat(data["date"]),
            "programmation": Programmation.objects.get(slug=data["programmation"]),
        },
    )
    for position, row in enumerate(data["items"], start=1):
        item = _sync(
            ProgrammeItem,
            {"seminar": seminar, "position": position},
            {
                **_pick(row, "kind title subtitle"),
                "description": sanitize_html(row["description"]),
                "start_time": _time(row["start"]),
                "end_time": _time(row["end"]),
                "axe": Axe.objects.filter(number=row["axe"]).first() if row["axe"] else None,
            },
        )
        _sync_children(
            item.contributions,
            [
                {
                    **_pick(contribution, "topic name function"),
                    "contact": contacts_by_name.get(_title_case_name(contribution["name"])),
                }
                for contribution in row["contributions"]
            ],
            ["topic", "name", "function", "contact"],
        )
    seminar.items.filter(position__gt=len(data["items"])).delete()
    return seminar


def _title_case_name(printed_name):
    """'Julia CAMUS' -> 'julia camus', to match the contact whose name the programme prints."""
    return " ".join(printed_name.split()).casefold()


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


def _pick(row, names, default=None):
    return {name: row.get(name, default) for name in names.split()}


@transaction.atomic
@search_refresh_deferred()
def catalogue_load(*, directory):
    directory = Path(directory)
    territory_load(directory=directory)
    _load_directory(_read(directory / "annuaire.json"))
    programmations = {row.slug: row for row in Programmation.objects.all()}
    first = _read(directory / "territoire.json")["programmations"][0]["slug"]
    fiches = [_read(path) for path in _fiche_paths(directory)]
    actions = [
        _load_fiche(data, programmations[data.get("programmation", first)]) for data in fiches
    ]
    for action, data in zip(actions, fiches, strict=True):
        _link_predecessors(action, data.get("predecessors", []))
    seminars = [_load_seminar(_read(path)) for path in sorted(directory.glob("seminaire-*.json"))]
    _seed_thesaurus(directory / "thesaurus.json")
    return actions, seminars


def _fiche_paths(directory):
    """fiches/ holds the livret's fiches, fiches-<slug>/ those of a later programmation (each
    file names it); the livret's first, in their numbers' order."""
    return [
        *sorted((directory / "fiches").glob("fiche-*.json")),
        *sorted(directory.glob("fiches-*/fiche-*.json")),
    ]


def _link_predecessors(action, slugs):
    """The earlier fiches this one continues, by slug; once every fiche exists, whatever the
    order of the files. A slug that names no fiche is an error in the fixtures: it stops."""
    action.predecessors.set([Action.objects.get(slug=slug) for slug in slugs])


def _seed_thesaurus(path):
    """The search's first thesaurus, into an empty one only: coordinators keep it afterwards."""
    if not path.exists() or ThesaurusEntry.objects.exists():
        return
    for row in _read(path)["entries"]:
        ThesaurusEntry.objects.create(expressions=row["expressions"], note=row["note"])
