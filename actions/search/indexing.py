"""Building and refreshing the search columns of the fiches, in one place.

A fiche's search document holds its title, objectives, publics, description, partners,
operators and contact names (``document``). ``refresh`` rebuilds the columns searched:
on PostgreSQL the vectors ``search_vector`` and ``search_title_vector``; on SQLite the stems
``search_terms`` and ``search_title_terms``, which triggers copy into the FTS5 table
``action_search_fts``; on both, new words join the vocabulary (``vocabulary.record_words``).
The receivers below refresh a fiche whenever it, or anything its document cites, is saved;
code that writes without signals (bulk inserts of the demo data, ``loaddata`` in a restore)
calls ``refresh`` itself, and code that saves a fiche in many steps (the fixtures' loader, a
spreadsheet import) wraps them in ``search_refresh_deferred`` to refresh each fiche once.

The SQLite-trigger trap: the triggers that keep ``action_search_fts`` in step belong to the table
``actions_action``. A migration that makes SQLite rebuild that table (most ``AlterField``, and an
``AddField`` of a foreign key or of a column with a default) drops them silently, and searches
then miss every fiche saved afterwards. Such a migration must create them again, as 0007 does
(``TRIGGERS`` there); ``tests/test_search_index.py`` checks that they exist after every
migration.
"""

import threading
from contextlib import contextmanager

from django.db import connection
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.utils.html import strip_tags

from contacts.models import ActionContact, Contact
from partners.models import Organisation

from ..models import Action, ActionOperator, Objective, Public
from .query import CONFIG, terms
from .vocabulary import record_words


def _joined(text):
    # Padded with spaces so that a stem is matched as a whole word: " evit ".
    return f" {' '.join(terms(text))} "


# What document() reads.
DOCUMENT_RELATIONS = [
    "objectives",
    "publics",
    "partners",
    "operator_links__organisation",
    "contact_links__contact",
]


def document(action):
    """The searchable text of a fiche by weight: A title, B objectives and publics,
    C description, partners, operators and contact names. ``action`` comes with its
    ``DOCUMENT_RELATIONS`` prefetched, so that this costs no query."""
    return {
        "A": action.title,
        "B": " ".join(
            [objective.text for objective in action.objectives.all()]
            + [public.label for public in action.publics.all()]
        ),
        "C": " ".join(
            [strip_tags(action.description)]
            + [str(partner) for partner in action.partners.all()]
            + [str(link.organisation) for link in action.operator_links.all()]
            + [link.contact.full_name for link in action.contact_links.all()]
        ),
    }


def refresh(queryset, *, chunk_size=1000):
    """Rebuild the search columns of these fiches, ``chunk_size`` at a time, with one prepared
    UPDATE run for every fiche (``executemany``): as cheap for one fiche saved in the admin as
    for the thousands of an import."""
    postgresql = connection.vendor == "postgresql"
    columns = ["search_title_terms = %s", "search_terms = %s"]
    if postgresql:
        # One weighted vector per weight, concatenated: title A, then B, then C.
        vectors = (
            f"setweight(to_tsvector(%s::regconfig, COALESCE(%s, '')), '{weight}')"
            for weight in "ABC"
        )
        columns.append("search_vector = " + " || ".join(vectors))
        columns.append("search_title_vector = to_tsvector(%s::regconfig, COALESCE(%s, ''))")
    table = connection.ops.quote_name(Action._meta.db_table)
    pk = connection.ops.quote_name(Action._meta.pk.column)
    sql = f"UPDATE {table} SET {', '.join(columns)} WHERE {pk} = %s"
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), chunk_size):
        chunk = Action.objects.filter(pk__in=pks[start : start + chunk_size])
        rows, texts = [], []
        for action in chunk.prefetch_related(*DOCUMENT_RELATIONS):
            weighted = document(action)
            texts.extend(weighted.values())
            if postgresql:
                # Only SQLite reads the stems: on PostgreSQL they would only widen every row
                # that a search scans.
                row = ["", ""]
                for weight in "ABC":
                    row += [CONFIG, weighted[weight]]
                row += [CONFIG, weighted["A"]]
            else:
                row = [_joined(weighted["A"]), _joined(" ".join(weighted.values()))]
            rows.append([*row, action.pk])
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
        record_words(texts)
    return len(pks)


_batch = threading.local()


@contextmanager
def search_refresh_deferred():
    """Refresh each touched fiche once, on the way out, rather than at every save: for the
    loaders and imports that save a fiche and its parts in many steps."""
    if getattr(_batch, "pending", None) is not None:
        yield
        return
    _batch.pending = pending = set()
    try:
        yield
    finally:
        _batch.pending = None
    refresh_actions(pending)


def refresh_actions(action_ids):
    pending = getattr(_batch, "pending", None)
    if pending is not None:
        pending.update(action_ids)
        return
    refresh(Action.objects.filter(pk__in=list(action_ids)))


@receiver(post_save, sender=Action)
def action_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_actions([instance.pk])


@receiver(post_save, sender=Objective)
@receiver(post_delete, sender=Objective)
@receiver(post_save, sender=ActionContact)
@receiver(post_delete, sender=ActionContact)
@receiver(post_save, sender=ActionOperator)
@receiver(post_delete, sender=ActionOperator)
def fiche_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_actions([instance.action_id])


@receiver(m2m_changed, sender=Action.publics.through)
@receiver(m2m_changed, sender=Action.partners.through)
def fiche_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear", "pre_clear"}:
        return

    if not reverse:
        if action != "pre_clear":
            refresh_actions([instance.pk])
    elif action == "pre_clear":
        instance._search_cleared_actions = list(instance.actions.values_list("pk", flat=True))
    elif action == "post_clear":
        refresh_actions(getattr(instance, "_search_cleared_actions", []))
    else:
        refresh_actions(pk_set)


@receiver(post_save, sender=Contact)
def contact_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_actions(instance.action_links.values_list("action_id", flat=True))


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_actions(
            Action.objects.filter(
                Q(partners=instance) | Q(operator_links__organisation=instance)
            ).values_list("pk", flat=True)
        )


@receiver(post_save, sender=Public)
def public_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_actions(instance.actions.values_list("pk", flat=True))
