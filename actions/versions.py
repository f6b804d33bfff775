"""A fiche's versions: each the whole fiche (its fields, relations and ordered parts) as a
snapshot, what changed from one to the next in French, and the way back to any of them.

Other code records a version with ``record_version(fiche, user=…, reason=…)``; other apps add
their own parts of a fiche with ``register_part`` (the bilan its yearly follow-ups)."""

import difflib
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Action, FicheVersion

# The fiche's own fields a version keeps; the timestamps and search columns follow from them.
FIELDS = [
    "programmation",
    "number",
    "title",
    "slug",
    "axe",
    "status",
    "description",
    "perimeter_details",
    "editorial_note",
    "is_demo",
    "check_every_months",
]

# Many-to-many relations: (label when one is added, label when one is removed).
RELATIONS = {
    "publics": (_("Public ajouté"), _("Public retiré")),
    "sectors": (_("Secteur ajouté"), _("Secteur retiré")),
    "networks": (_("Réseau REP+ ajouté"), _("Réseau REP+ retiré")),
    "partners": (_("Partenaire ajouté"), _("Partenaire retiré")),
    "predecessors": (_("Fiche antérieure ajoutée"), _("Fiche antérieure retirée")),
}

SHOWN_LENGTH = 160


@dataclass(frozen=True)
class Part:
    """The rows a fiche owns through ``related_name`` (objectives, contacts…). Rows are
    replaced on restore, or, with a ``key``, matched on it (so that what hangs from them
    stays: a follow-up's co-fundings)."""

    related_name: str
    fields: tuple
    singular: str
    added: str
    removed: str
    show: object = str
    key: str | None = None

    @property
    def model(self):
        return Action._meta.get_field(self.related_name).related_model


PARTS = [
    Part(
        "objectives",
        ("position", "text"),
        _("Objectif"),
        _("Objectif ajouté"),
        _("Objectif retiré"),
        show=lambda objective: objective.text,
    ),
    Part(
        "resources",
        ("position", "title", "url"),
        _("Ressource"),
        _("Ressource ajoutée"),
        _("Ressource retirée"),
        show=lambda resource: f"{resource.title} ({resource.url})",
    ),
    Part(
        "operator_links",
        ("position", "organisation", "role"),
        _("Opérateur"),
        _("Opérateur ajouté"),
        _("Opérateur retiré"),
    ),
    Part(
        "contact_links",
        ("position", "contact", "role"),
        _("Contact"),
        _("Contact ajouté"),
        _("Contact retiré"),
    ),
]


def register_part(part):
    """Make ``part`` one of the parts every version keeps and restores."""
    PARTS.append(part)


def record_version(fiche, *, user=None, reason=""):
    """Record the fiche as the database now has it, with who did it and why; the one way to
    record a version, in the admin or outside it. An unchanged fiche without a reason records
    nothing and returns its latest version."""
    fiche = Action.objects.get(pk=fiche.pk)
    data = snapshot(fiche)
    latest = FicheVersion.objects.of(fiche.pk).first()
    if latest is not None and latest.data == data and not reason:
        return latest
    return FicheVersion.objects.create(
        fiche_id=fiche.pk,
        label=str(fiche)[:300],
        data=data,
        user=user if user is not None and user.is_authenticated else None,
        reason=str(reason)[:255],
    )


def record_state_before_change(fiche):
    """Before changing a fiche, record it as the database has it when that is not its latest
    version (never versioned yet, or changed by an import or a script since), so that the
    change can be undone and is not blamed for what came before it."""
    if FicheVersion.objects.filter(fiche_id=fiche.pk).exists():
        reason = gettext("Changements faits hors de l'administration (import, chargement…)")
    else:
        reason = gettext("État avant la première modification enregistrée")
    fiche = Action.objects.get(pk=fiche.pk)
    latest = FicheVersion.objects.of(fiche.pk).first()
    if latest is None or latest.data != snapshot(fiche):
        record_version(fiche, reason=reason)


def snapshot(fiche):
    """The whole fiche as plain data: each value with the text a person reads for it."""
    fields, shown = {}, {}
    for name in FIELDS:
        field = Action._meta.get_field(name)
        fields[name] = field.value_from_object(fiche)
        shown[name] = _readable(fiche, field)
    relations = {
        name: [[item.pk, str(item)] for item in getattr(fiche, name).order_by("pk")]
        for name in RELATIONS
    }
    parts = {}
    for part in PARTS:
        rows = []
        for row in getattr(fiche, part.related_name).all():
            values = {
                name: part.model._meta.get_field(name).value_from_object(row)
                for name in part.fields
            }
            rows.append({"values": values, "shown": str(part.show(row))})
        parts[part.related_name] = rows
    data = {"fields": fields, "shown": shown, "relations": relations, "parts": parts}
    # As the database gives it back, so that an unchanged fiche compares equal to its version.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _readable(fiche, field):
    if field.is_relation:
        return str(getattr(fiche, field.name))
    value = field.value_from_object(fiche)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("oui") if value else gettext("non")
    return " ".join(strip_tags(str(value)).split())


def changes(before, after):
    """What changed from the version ``before`` (None for the first) to ``after``, as French
    sentences: « Objectif 2 : « … » → « … » », « Contact ajouté : … »."""
    if before is None:
        return [gettext("Première version enregistrée.")]
    lines = []
    for name in FIELDS:
        old, new = before["shown"].get(name, ""), after["shown"].get(name, "")
        if old != new:
            label = capfirst(Action._meta.get_field(name).verbose_name)
            lines.append(_changed_line(label, old, new))
    for name, (added, removed) in RELATIONS.items():
        old = {pk: label for pk, label in before["relations"].get(name, [])}
        new = {pk: label for pk, label in after["relations"].get(name, [])}
        lines += [f"{added} : {new[pk]}" for pk in new if pk not in old]
        lines += [f"{removed} : {old[pk]}" for pk in old if pk not in new]
    for part in PARTS:
        if part.related_name in before["parts"] or part.related_name in after["parts"]:
            lines += _part_changes(
                part,
                [row["shown"] for row in before["parts"].get(part.related_name, [])],
                [row["shown"] for row in after["parts"].get(part.related_name, [])],
            )
    return lines


def _part_changes(part, old, new):
    lines = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if operation == "replace" else 0
        for offset in range(pairs):
            label = f"{part.singular} {j1 + offset + 1}"
            lines.append(_changed_line(label, old[i1 + offset], new[j1 + offset]))
        lines += [f"{part.removed} : {_short(text)}" for text in old[i1 + pairs : i2]]
        lines += [f"{part.added} : {_short(text)}" for text in new[j1 + pairs : j2]]
    return lines


def _changed_line(label, old, new):
    empty = gettext("(vide)")
    return f"{label} : « {_short(old) or empty} » → « {_short(new) or empty} »"


def _short(text):
    return Truncator(text).chars(SHOWN_LENGTH)


def history(fiche_id):
    """[(version, [changes from the one before…])…], newest first."""
    versions = list(FicheVersion.objects.of(fiche_id).select_related("user"))
    older = [*versions[1:], None]
    return [
        (version, changes(previous.data if previous else None, version.data))
        for version, previous in zip(versions, older, strict=True)
    ]


@transaction.atomic
def restore_version(version, *, user, reason=""):
    """Give the fiche (deleted or not) back as ``version`` has it, with its relations and
    parts, and record that as a new version. Links to records deleted since are left out and
    named in the returned list. A fiche number or identifier taken since raises
    ValidationError (in French), with nothing changed."""
    data = version.data
    fiche = Action.objects.filter(pk=version.fiche_id).first() or Action(pk=version.fiche_id)
    for name, value in data["fields"].items():
        field = Action._meta.get_field(name)
        if field.is_relation and not field.related_model.objects.filter(pk=value).exists():
            raise ValidationError(
                gettext("%(field)s « %(label)s » n'existe plus.")
                % {"field": capfirst(field.verbose_name), "label": data["shown"][name]}
            )
        setattr(fiche, field.attname, field.to_python(value))
    fiche.validate_unique()
    fiche.validate_constraints()
    fiche._history_user = user
    fiche.save()
    left_out = []
    for name in RELATIONS:
        wanted = {pk: label for pk, label in data["relations"].get(name, [])}
        related = getattr(fiche, name)
        kept = related.model.objects.filter(pk__in=wanted)
        related.set(kept)
        kept_ids = set(kept.values_list("pk", flat=True))
        left_out += [label for pk, label in wanted.items() if pk not in kept_ids]
    for part in PARTS:
        if part.related_name in data["parts"]:
            left_out += _restore_part(fiche, part, data["parts"][part.related_name])
    when = timezone.localtime(version.created_at).strftime("%d/%m/%Y %H:%M")
    sentence = gettext("Retour à la version du %(date)s") % {"date": when}
    record_version(fiche, user=user, reason=f"{sentence} : {reason}" if reason else sentence)
    return left_out


def _restore_part(fiche, part, rows):
    manager = getattr(fiche, part.related_name)
    existing = {getattr(row, part.key): row for row in manager.all()} if part.key else {}
    if not part.key:
        manager.all().delete()
    left_out, kept = [], set()
    for row in rows:
        values = _python_values(part.model, row["values"])
        if values is None:
            left_out.append(row["shown"])
            continue
        instance = existing.get(values.get(part.key)) or part.model(**{"action": fiche})
        for attname, value in values.items():
            setattr(instance, attname, value)
        instance.save()
        kept.add(instance.pk)
    for row in existing.values():
        if row.pk not in kept:
            row.delete()
    return left_out


def _python_values(model, values):
    """The row's values for the model's attributes, or None when a record it links to is gone."""
    result = {}
    for name, value in values.items():
        field = model._meta.get_field(name)
        if field.is_relation and value is not None:
            if not field.related_model.objects.filter(pk=value).exists():
                return None
            result[field.attname] = value
        else:
            result[field.attname] = field.to_python(value)
    return result
