"""Columns of a resource: plain cells, foreign keys and lists of related records written with
their natural keys, one item a line."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _
from import_export import fields
from simple_history.utils import bulk_create_with_history

from citeeducative.richtext import readable_text, rich_text, sanitize_html
from citeeducative.text import fold

from .cells import TextWidget, cell_text, lines
from .formats import unescape_formula


class Column(fields.Field):
    """A resource field whose cell may carry the apostrophe our exports put before a formula,
    and that knows its resource (for the lookups of one import)."""

    resource = None

    def __init__(self, column_name, attribute=None, widget=None, readonly=False):
        super().__init__(
            attribute=attribute,
            column_name=column_name,
            widget=widget or TextWidget(),
            readonly=readonly,
        )

    def cell(self, row):
        return unescape_formula(row[self.column_name])

    def clean(self, row, **kwargs):
        return self.widget.clean(self.cell(row), row=row, **kwargs)


class ForeignKeyColumn(Column):
    """A foreign key written as the related record's natural key (a slug by default)."""

    def __init__(self, column_name, attribute, model, *, key="slug", other_keys=(), unknown):
        super().__init__(column_name, attribute)
        self.model, self.key, self.other_keys, self.unknown = model, key, other_keys, unknown

    def clean(self, row, **kwargs):
        text = cell_text(self.cell(row))
        if not text:
            if not self.resource._meta.model._meta.get_field(self.attribute).null:
                raise ValueError(_("valeur obligatoire."))
            return None
        for key in (self.key, *self.other_keys):
            found = self.resource.lookup(self.model, key).get(fold(text))
            if found is not None:
                return found
        raise ValueError(self.unknown % {"value": text})

    def get_value(self, instance):
        if getattr(instance, f"{self.attribute}_id", None) is None:
            return None
        return getattr(instance, self.attribute)

    def export(self, instance, **kwargs):
        related = self.get_value(instance)
        return "" if related is None else getattr(related, self.key)


class RelationColumn(Column):
    """A cell listing related records, one a line, written once the record is saved.

    ``parse`` turns the cell into the wanted items and ``current`` reads the items in the
    database, both in one comparable form; ``write`` replaces them and ``render`` writes items
    as the lines of a cell. During an import the cell shows the items being written, so that
    the preview costs no query after the save."""

    prefetch = None

    def clean(self, row, **kwargs):
        return self.parse(lines(cell_text(self.cell(row))))

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance._pending_relations[self] = self.clean(row)

    def export(self, instance, **kwargs):
        pending = getattr(instance, "_pending_relations", {})
        if self in pending:
            return "\n".join(self.render(pending[self]))
        if instance.pk is None:
            return ""
        return "\n".join(self.render(self.current(instance)))

    def get_value(self, instance):
        return self.current(instance) if instance.pk is not None else self.empty

    def is_new(self, instance):
        # Set by ``SpreadsheetResource.save_instance``: a record just created has no relations.
        return getattr(instance, "_created", False)

    def forget_prefetched(self, instance):
        getattr(instance, "_prefetched_objects_cache", {}).pop(self.prefetch, None)


class ManyToManyColumn(RelationColumn):
    """A many-to-many relation (publics, sectors…) as the slugs of its records, one a line
    (commas and semicolons also separate them: a slug has neither)."""

    empty = frozenset()

    def __init__(self, column_name, attribute, model, *, unknown):
        super().__init__(column_name, attribute)
        self.model, self.unknown, self.prefetch = model, unknown, attribute

    def parse(self, cell_lines):
        names = [name.strip() for line in cell_lines for name in re.split(r"[,;]", line)]
        names = [name for name in names if name]
        lookup = self.resource.lookup(self.model, "slug")
        missing = [name for name in names if fold(name) not in lookup]
        if missing:
            raise ValueError(self.unknown % {"value": ", ".join(f"« {name} »" for name in missing)})
        return frozenset(lookup[fold(name)].pk for name in names)

    def current(self, instance):
        if self.is_new(instance):
            return self.empty
        return frozenset(item.pk for item in getattr(instance, self.attribute).all())

    def render(self, items):
        # In the records' own order, as the pages list them.
        return [item.slug for pk, item in self.resource.by_pk(self.model).items() if pk in items]

    def write(self, instance, wanted):
        """Link rows added and removed in two statements. No ``m2m_changed`` signal: the
        caller has compared (``SpreadsheetResource.save_instance``) and saves the record again,
        so that one history entry records its lists and its own signals run; the listeners of
        ``m2m_changed`` are told once, after the import (``links_written_in_bulk``)."""
        field = instance._meta.get_field(self.attribute)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        current = self.current(instance)
        removed, added = current - wanted, wanted - current
        if removed:
            through.objects.filter(**{source: instance, f"{target}__in": removed}).delete()
        through.objects.bulk_create(
            through(**{f"{source}_id": instance.pk, f"{target}_id": pk}) for pk in sorted(added)
        )
        self.forget_prefetched(instance)
        return True


class OrderedChildrenColumn(RelationColumn):
    """A record's ordered children (a fiche's objectives, its links to contacts…), one a line,
    replaced as a whole when they differ: the old ones deleted one by one (history records each
    deletion), the new ones created with simple_history's ``bulk_create_with_history`` (one
    history entry each, by the importing user; a new record's children with all the others at
    the end of the import, in one statement per kind). What their own signals would do is due
    anyway: the parent record was saved, and ``links_written_in_bulk`` runs after the import."""

    empty = ()

    def __init__(self, column_name, related_name, fields_):
        super().__init__(column_name, related_name)
        self.prefetch, self.fields_ = related_name, fields_

    def parse(self, cell_lines):
        items, problems = [], []
        for line in cell_lines:
            try:
                items.append(self.parse_line(line))
            except ValueError as problem:
                problems.append(str(problem))
        if problems:
            raise ValueError(" ".join(problems))
        if len(set(items)) < len(items):
            raise ValueError(_("une même ligne est écrite deux fois."))
        return tuple(items)

    def manager(self, instance):
        return getattr(instance, self.attribute)

    def current(self, instance):
        if self.is_new(instance):
            return self.empty
        if len(self.fields_) == 1:
            return tuple(getattr(child, self.fields_[0]) for child in self.manager(instance).all())
        return tuple(
            tuple(getattr(child, name) for name in self.fields_)
            for child in self.manager(instance).all()
        )

    def write(self, instance, wanted):
        if wanted == self.current(instance):
            return False
        manager = self.manager(instance)
        if not self.is_new(instance):
            manager.all().delete()
        children = []
        for position, item in enumerate(wanted, start=1):
            values = item if len(self.fields_) > 1 else (item,)
            children.append(
                manager.model(
                    **{manager.field.name: instance},
                    position=position,
                    **dict(zip(self.fields_, values, strict=True)),
                )
            )
        if self.is_new(instance):
            # A new record's children are inserted with all the others, after the last row.
            self.resource.children_to_create.setdefault(manager.model, []).extend(children)
        else:
            bulk_create_with_history(children, manager.model, default_user=self.resource.user)
        self.forget_prefetched(instance)
        return True


class TextLinesColumn(OrderedChildrenColumn):
    """Ordered children holding one text each, one a line (a fiche's objectives)."""

    def __init__(self, column_name, related_name, field):
        super().__init__(column_name, related_name, (field,))

    def parse_line(self, line):
        return line

    def render(self, items):
        return list(items)


class TitledLinksColumn(OrderedChildrenColumn):
    """Ordered children with a ``title`` and a ``url``, one a line: "Titre | https://…"."""

    def __init__(self, column_name, related_name):
        super().__init__(column_name, related_name, ("title", "url"))

    def parse_line(self, line):
        title, separator, url = line.rpartition("|")
        title, url = title.strip(), url.strip()
        if not separator or not title:
            raise ValueError(
                _("« %(line)s » : écrire « Titre | https://adresse ».") % {"line": line}
            )
        try:
            URLValidator()(url)
        except ValidationError:
            raise ValueError(_("adresse invalide « %(url)s ».") % {"url": url}) from None
        child = self.resource._meta.model._meta.get_field(self.attribute).related_model
        too_long = (
            len(value) > child._meta.get_field(name).max_length
            for name, value in (("title", title), ("url", url))
        )
        if any(too_long):
            raise ValueError(_("« %(line)s » : titre ou adresse trop long.") % {"line": line})
        return (title, url)

    def render(self, items):
        return [f"{title} | {url}" for title, url in items]


class RoleLinksColumn(OrderedChildrenColumn):
    """Links with a role, one a line: "Rôle : identifiant" (contacts, operators). With an
    ``email_field``, a record may be named by its e-mail address too (checked: a malformed one
    is refused)."""

    def __init__(
        self,
        column_name,
        related_name,
        *,
        target,
        model,
        roles,
        default_role=None,
        unknown,
        key_hint,
        email_field=None,
    ):
        super().__init__(column_name, related_name, (f"{target}_id", "role"))
        self.model, self.roles = model, roles
        self.default_role, self.unknown, self.key_hint = default_role, unknown, key_hint
        self.email_field = email_field

    def parse_line(self, line):
        role_text, separator, key = line.rpartition(":")
        if not separator:
            if self.default_role is None:
                raise ValueError(
                    _("« %(line)s » : écrire « Rôle : %(hint)s » (rôles : %(roles)s).")
                    % {"line": line, "hint": self.key_hint, "roles": self._roles()}
                )
            role = self.default_role
        else:
            role = next(
                (
                    choice.value
                    for choice in self.roles
                    if fold(role_text) in (fold(choice.value), fold(choice.label))
                ),
                None,
            )
            if role is None:
                raise ValueError(
                    _("rôle inconnu « %(role)s » (rôles : %(roles)s).")
                    % {"role": role_text.strip(), "roles": self._roles()}
                )
        return (self.find(key.strip()).pk, role)

    def find(self, key):
        key_field = "slug"
        if self.email_field and "@" in key:
            try:
                validate_email(key)
            except ValidationError:
                raise ValueError(
                    _("adresse e-mail mal formée « %(value)s ».") % {"value": key}
                ) from None
            key_field = self.email_field
        found = self.resource.lookup(self.model, key_field).get(fold(key))
        if found is None:
            raise ValueError(self.unknown % {"value": key})
        return found

    def _roles(self):
        return ", ".join(str(choice.label) for choice in self.roles)

    def render(self, items):
        by_pk = self.resource.by_pk(self.model)
        return [f"{self.roles(role).label} : {by_pk[pk].slug}" for pk, role in items]


class RichTextColumn(Column):
    """Rich text exported as a person reads it (paragraphs, "- " list items) and imported
    back as paragraphs and lists (``citeeducative.richtext``). Beside it, ``html_column`` (a
    read-only ``Column`` of the same attribute) keeps bold, italics and links: it is imported
    instead of the text as long as the text still reads the same."""

    def __init__(self, column_name, attribute, *, html_column):
        super().__init__(column_name, attribute)
        self.html_column = html_column

    def clean(self, row, **kwargs):
        written = rich_text(cell_text(self.cell(row)))
        if self.html_column in row:
            kept = sanitize_html(cell_text(unescape_formula(row[self.html_column])))
            if kept and readable_text(kept) == readable_text(written):
                return kept
        return written

    def export(self, instance, **kwargs):
        return readable_text(self.get_value(instance))
