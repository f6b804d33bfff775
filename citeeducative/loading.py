"""Loads the catalogue kept in ``fixtures/`` (transcribed from the 2020-2022 livret and the
2024-2030 Contrat de ville) into the database.

The fixtures are the *first* content of an empty catalogue, never an authority over a live one:
records are matched on their natural keys (slugs, numbers), the missing ones are created and
the existing ones are left as coordinators made them. Only ``overwrite`` rewrites them from the
fixtures, where a value differs, signed with who asked and why (history, fiche versions).
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext

from actions.models import Action, Axe, Network, Programmation, Public, Sector, ThesaurusEntry
from actions.search.indexing import search_refresh_deferred
from actions.versions import changes, record_state_before_change, record_version, snapshot
from contacts.models import Contact
from livret.models import ProgrammeItem, Seminar
from partners.models import Organisation

from .models import CiteEducative
from .richtext import sanitize_html


def _read(path):
    with Path(path).open(encoding="utf-8") as handle:
        return json.load(handle)


@dataclass
class Loading:
    """One run of the loader: what it is allowed to do, and what it did (in French)."""

    overwrite: bool = False
    user: object = None
    reason: str = ""
    report: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    seminars: list = field(default_factory=list)

    def sync(self, model, lookup, values):
        """(the row, whether it was created): created when missing; rewritten where it
        differs only when overwriting, and then saved with who and why."""
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            instance = model.objects.create(**lookup, **values)
            self._say(gettext("Création"), instance)
            return instance, True
        changed = [name for name, value in values.items() if getattr(instance, name) != value]
        if not changed or not self.overwrite:
            return instance, False
        for name in changed:
            setattr(instance, name, values[name])
        instance._history_user = self.user
        instance._change_reason = self.reason
        instance.save()
        labels = ", ".join(str(model._meta.get_field(name).verbose_name) for name in changed)
        self._say(gettext("Modification"), instance, f" ({labels})")
        return instance, False

    def _say(self, what, instance, detail=""):
        kind = instance._meta.verbose_name
        self.report.append(f"{what} : {kind} « {instance} »{detail}")


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


def territory_load(*, directory, loading=None):
    """The Cité éducative, its programmations, axes, sectors and networks from ``fixtures/``."""
    _load_territory(_read(Path(directory) / "territoire.json"), loading or Loading())


def _load_territory(data, loading):
    cite = data["cite"]
    loading.sync(
        CiteEducative,
        {"name": cite["name"]},
        {
            **{name: cite[name] for name in CITE_FIELDS.split() if name in cite},
            "presentation": sanitize_html(cite["presentation"]),
            "pupil_count": cite["pupils"],
        },
    )
    for row in data["programmations"]:
        values = _pick(row, "name start_year end_year")
        loading.sync(Programmation, {"slug": row["slug"]}, values)
    for row in data["axes"]:
        values = _pick(row, "slug title subtitle presentation")
        loading.sync(Axe, {"number": row["number"]}, values)
    sectors = {
        row["slug"]: loading.sync(Sector, {"slug": row["slug"]}, {"name": row["name"]})[0]
        for row in data["sectors"]
    }
    for row in data["networks"]:
        values = {**_pick(row, "name college is_lead"), "sector": sectors[row["sector"]]}
        loading.sync(Network, {"slug": row["slug"]}, values)


def _load_directory(data, loading):
    for row in data["publics"]:
        loading.sync(Public, {"slug": row["slug"]}, _pick(row, "label kind age_min age_max"))
    organisations = {
        row["slug"]: loading.sync(
            Organisation,
            {"slug": row["slug"]},
            _pick(row, "name acronym kind website description", default=""),
        )[0]
        for row in data["organisations"]
    }
    for row in data["contacts"]:
        values = _pick(row, "first_name last_name title email phone", default="")
        values["organisation"] = organisations.get(row.get("organisation") or "")
        loading.sync(Contact, {"slug": row["slug"]}, values)


def _load_fiche(data, programmation, loading):
    """A missing fiche is created whole, and its first version recorded; an existing one is
    left alone, unless overwriting: then it gets the fixture's fields, relations and parts,
    and a version signed by the loading's user and reason when that changed anything."""
    lookup = {"programmation": programmation, "number": data["number"]}
    existing = Action.objects.filter(**lookup).first()
    if existing is not None and not loading.overwrite:
        return existing
    if existing is not None:
        record_state_before_change(existing)
        before = snapshot(existing)
    action, created = loading.sync(
        Action,
        lookup,
        {
            **_pick(data, "slug title perimeter_details editorial_note"),
            "description": sanitize_html(data["description"]),
            "axe": Axe.objects.get(number=data["axe"]),
            "status": data.get("status", Action.Status.PUBLISHED),
        },
    )
    _load_fiche_links(action, data)
    if created:
        record_version(action, reason=gettext("Fiche créée depuis les fichiers du catalogue"))
        return action
    after = snapshot(Action.objects.get(pk=action.pk))
    if after != before:
        reason = loading.reason or gettext("Réécrite depuis les fichiers du catalogue")
        record_version(action, user=loading.user, reason=reason)
        loading.report += [f"{action} – {line}" for line in changes(before, after)]
    return action


def _load_fiche_links(action, data):
    action.publics.set(Public.objects.filter(slug__in=data["publics"]))
    action.sectors.set(Sector.objects.filter(slug__in=data["sectors"]))
    action.networks.set(Network.objects.filter(slug__in=data["networks"]))
    action.partners.set(Organisation.objects.filter(slug__in=data["partners"]))
    # A slug that names no fiche is an error in the fixtures: it stops the loading.
    action.predecessors.set(
        [Action.objects.get(slug=slug) for slug in data.get("predecessors", [])]
    )
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


def _load_seminar(data, loading):
    """A missing seminar is created with its programme; an existing one is left alone unless
    overwriting."""
    existing = Seminar.objects.filter(slug=data["slug"]).first()
    if existing is not None and not loading.overwrite:
        return existing
    contacts_by_name = {contact.full_name.casefold(): contact for contact in Contact.objects.all()}
    seminar, _created = loading.sync(
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
        item, _created = loading.sync(
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


def catalogue_load(*, directory, overwrite=False, user=None, reason="", dry_run=False):
    """Load ``directory`` (see the module's docstring); returns the ``Loading`` and what it did.
    A dry run does the same in a transaction rolled back at the end: it reports, writes nothing."""
    loading = Loading(overwrite=overwrite, user=user, reason=reason)
    with transaction.atomic():
        _load_all(Path(directory), loading)
        if dry_run:
            transaction.set_rollback(True)
    return loading


@search_refresh_deferred()
def _load_all(directory, loading):
    territory_load(directory=directory, loading=loading)
    _load_directory(_read(directory / "annuaire.json"), loading)
    programmations = {row.slug: row for row in Programmation.objects.all()}
    first = _read(directory / "territoire.json")["programmations"][0]["slug"]
    for path in _fiche_paths(directory):
        data = _read(path)
        programmation = programmations[data.get("programmation", first)]
        loading.actions.append(_load_fiche(data, programmation, loading))
    for path in sorted(directory.glob("seminaire-*.json")):
        loading.seminars.append(_load_seminar(_read(path), loading))
    _seed_thesaurus(directory / "thesaurus.json")


def _fiche_paths(directory):
    """fiches/ holds the livret's fiches, fiches-<slug>/ those of a later programmation (each
    file names it); the livret's first, in their numbers' order, so that the fiches a later one
    continues exist when it is loaded."""
    return [
        *sorted((directory / "fiches").glob("fiche-*.json")),
        *sorted(directory.glob("fiches-*/fiche-*.json")),
    ]


def _seed_thesaurus(path):
    """The search's first thesaurus, into an empty one only: coordinators keep it afterwards."""
    if not path.exists() or ThesaurusEntry.objects.exists():
        return
    for row in _read(path)["entries"]:
        ThesaurusEntry.objects.create(expressions=row["expressions"], note=row["note"])
