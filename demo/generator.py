"""Synthetic, clearly marked demo fiches for benchmarks and load tests.

Everything lives apart from the real catalogue: the fiches in their own programmation
(slug ``demo``), flagged ``is_demo`` and titled « [Démo] … »; the structures, contacts and (when
the catalogue has none) publics they link to have slugs starting with ``demo-`` and e-mails at
``demo.invalid``; each fiche has follow-ups (``follow_ups``) for most of its years. Texts are
drawn from the word lists (``words``) with a seeded ``random.Random``: no network, no external
data, and the same seed gives the same fiches.

Rows are written with ``bulk_create`` (no signals, no history: synthetic data has no story to
keep), then the search columns are filled with ``actions.search.indexing.refresh``. In an empty
database, the territory (axes, sectors, networks) is loaded from ``fixtures/`` first.
"""

import random
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.text import slugify

from actions.models import (
    Action,
    ActionOperator,
    Objective,
    Programmation,
    Public,
    Resource,
)
from actions.search.indexing import refresh
from bilan.models import BeneficiaryCount, Cofunding, FollowUp, Indicator
from citeeducative.caching import catalogue_changed
from contacts.models import ActionContact, Contact
from partners.models import Organisation

from .draw import DEMO_PREFIX, TITLE_MARK, Drawer
from .follow_ups import demo_follow_ups, demo_follow_ups_delete, demo_funders
from .words import CONTACT_ROLES, OBJECTIVES, QUARTIERS

DEMO_SLUG = "demo"
DEMO_NAME = "Démonstration (données synthétiques)"
DEMO_YEARS = (2030, 2032)
MAX_ACTIONS = 100_000
# Action.number is a PositiveSmallIntegerField: PostgreSQL stores it as a smallint.
MAX_ACTIONS_POSTGRESQL = 32_767
CHUNK = 2_000


@dataclass
class DemoSummary:
    actions: int
    objectives: int
    organisations: int
    contacts: int
    seed: int
    replaced: int
    follow_ups: int = 0


class DemoDataError(Exception):
    pass


def demo_existing():
    """How many demo fiches and demo-prefixed records the database already holds."""
    return {
        "programmation": Programmation.objects.filter(slug=DEMO_SLUG).exists(),
        "actions": Action.objects.filter(is_demo=True).count(),
        "organisations": Organisation.objects.filter(slug__startswith=DEMO_PREFIX).count(),
        "contacts": Contact.objects.filter(slug__startswith=DEMO_PREFIX).count(),
    }


@transaction.atomic
def demo_delete():
    """Remove the demo programmation, its fiches, and the demo- records nothing else uses.

    Rows are deleted by plain DELETE statements (``_raw_delete``): going through the ORM would
    send a signal, write a history row and rebuild search columns for each of 100,000 rows."""
    programmation = Programmation.objects.filter(slug=DEMO_SLUG).first()
    deleted = 0
    if programmation is not None:
        real = programmation.actions.filter(is_demo=False).count()
        if real:
            raise DemoDataError(
                f"La programmation « {DEMO_SLUG} » contient {real} fiche(s) qui ne sont pas des "
                "fiches de démonstration : suppression refusée. Déplacez-les d'abord."
            )
        actions = Action.objects.filter(programmation=programmation).values("pk")
        for model in (
            ActionContact,
            ActionOperator,
            Objective,
            Resource,
            Action.publics.through,
            Action.sectors.through,
            Action.networks.through,
            Action.partners.through,
        ):
            _raw_delete(model.objects.filter(action__in=actions))
        demo_follow_ups_delete(actions, _raw_delete)
        deleted = _raw_delete(Action.objects.filter(programmation=programmation))
        _raw_delete(Programmation.objects.filter(pk=programmation.pk))
    _raw_delete(
        Contact.objects.filter(
            slug__startswith=DEMO_PREFIX, action_links__isnull=True, contributions__isnull=True
        )
    )
    unused = Organisation.objects.filter(
        slug__startswith=DEMO_PREFIX,
        operator_links__isnull=True,
        partnered_actions__isnull=True,
        contacts__isnull=True,
    )
    _raw_delete(unused)
    _raw_delete(Public.objects.filter(slug__startswith=DEMO_PREFIX, actions__isnull=True))
    return deleted


def _raw_delete(queryset):
    # A filter across a relation: delete by primary key so that every database accepts it.
    pks = queryset.model.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))
    return pks._raw_delete(pks.db)


def _check_count(count):
    if not 1 <= count <= MAX_ACTIONS:
        raise DemoDataError(f"--actions doit être compris entre 1 et {MAX_ACTIONS}.")
    if connection.vendor == "postgresql" and count > MAX_ACTIONS_POSTGRESQL:
        raise DemoDataError(
            f"Sur PostgreSQL, le numéro de fiche est un petit entier : au plus "
            f"{MAX_ACTIONS_POSTGRESQL} fiches dans une programmation."
        )


@transaction.atomic
def demo_generate(*, count, seed, replace=False, progress=None):
    """Create ``count`` demo fiches numbered 1..count in the demo programmation."""
    _check_count(count)
    existing = demo_existing()
    replaced = 0
    if existing["programmation"] or existing["organisations"] or existing["contacts"]:
        if not replace:
            raise DemoDataError(
                f"Des données de démonstration existent déjà ({existing['actions']} fiches "
                f"dans la programmation « {DEMO_SLUG} », {existing['organisations']} structures "
                f"et {existing['contacts']} contacts « {DEMO_PREFIX}… ») : relancez avec "
                "--replace pour les remplacer."
            )
        replaced = demo_delete()
        leftover = demo_existing()
        if leftover["organisations"] or leftover["contacts"]:
            raise DemoDataError(
                "Des structures ou contacts « demo-… » sont encore liés à de vraies fiches : "
                "retirez ces liens avant de régénérer les données de démonstration."
            )

    generator = Drawer(seed)
    rng = generator.random
    axes = generator.territory()
    sectors, networks_by_sector = generator.sectors()
    publics = generator.publics()
    organisations = generator.organisations()
    contacts = generator.contacts(organisations)
    programmation = Programmation.objects.create(
        slug=DEMO_SLUG, name=DEMO_NAME, start_year=DEMO_YEARS[0], end_year=DEMO_YEARS[1]
    )
    # The follow-ups draw from their own generator: the fiches of a seed stay the same.
    follow_up_random = random.Random(f"{seed}-suivi")
    funders = demo_funders()
    years = range(DEMO_YEARS[0], DEMO_YEARS[1] + 1)
    follow_ups = 0
    role_names = [role for role, _ in CONTACT_ROLES]
    role_weights = [weight for _, weight in CONTACT_ROLES]

    objectives = 0
    for start in range(1, count + 1, CHUNK):
        numbers = range(start, min(start + CHUNK, count + 1))
        drafts = []
        for number in numbers:
            chosen_sectors, networks = generator.perimeter(sectors, networks_by_sector)
            partner_count = rng.randint(1, 4)
            structures = rng.sample(organisations, partner_count + rng.randint(0, 2))
            partners, operators = structures[:partner_count], structures[partner_count:]
            title = generator.title(chosen_sectors[0] if len(chosen_sectors) == 1 else None)
            drafts.append(
                {
                    "action": Action(
                        programmation=programmation,
                        number=number,
                        slug=f"demo-{number}-{slugify(title.removeprefix(TITLE_MARK))}"[:80].rstrip(
                            "-"
                        ),
                        title=title,
                        axe=rng.choice(axes),
                        description=generator.description(operators or partners, networks),
                        perimeter_details=(
                            f"Quartiers {' et '.join(rng.sample(QUARTIERS, 2))}"
                            if rng.random() < 0.25
                            else ""
                        ),
                        status=Action.Status.PUBLISHED,
                        is_demo=True,
                        editorial_note="Fiche synthétique générée par generate_demo_data.",
                    ),
                    "objectives": rng.sample(OBJECTIVES, rng.randint(2, 6)),
                    "publics": generator.publics_for(publics),
                    "sectors": chosen_sectors,
                    "networks": networks,
                    "partners": partners,
                    "operators": operators,
                    "contacts": rng.sample(contacts, rng.randint(1, 4)),
                    "resource": rng.random() < 0.3,
                }
            )
        created = Action.objects.bulk_create(draft["action"] for draft in drafts)
        for action, draft in zip(created, drafts, strict=True):
            draft["action"] = action
        objectives += _create_links(drafts, rng, role_names, role_weights)
        follow_ups += demo_follow_ups(drafts, follow_up_random, funders, years)
        if progress:
            progress(numbers[-1])

    refresh(Action.objects.filter(programmation=programmation))
    catalogue_changed()
    transaction.on_commit(_analyze)
    return DemoSummary(
        actions=count,
        objectives=objectives,
        organisations=len(organisations),
        contacts=len(contacts),
        seed=seed,
        replaced=replaced,
        follow_ups=follow_ups,
    )


def _analyze():
    """After the bulk load (and the UPDATE of every fiche's search columns), what autovacuum
    would do a minute later on PostgreSQL: planner statistics and a visibility map for
    index-only scans (VACUUM cannot run in a transaction: this runs once the load is
    committed). SQLite gets its statistics too: without them it assumes ``status =
    'published'`` picks a few rows, and sorts every fiche instead of walking an index."""
    if not connection.get_autocommit():
        return
    models = [Action, ActionOperator, ActionContact, Objective, Resource, Organisation, Contact]
    models += [getattr(Action, name).through for name in ("publics", "sectors", "networks")]
    models.append(Action.partners.through)
    models += [FollowUp, Cofunding, BeneficiaryCount, Indicator]
    command = "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")


def _create_links(drafts, rng, role_names, role_weights):
    links = {relation: [] for relation in ("publics", "sectors", "networks", "partners")}
    operators, contacts, objectives, resources = [], [], [], []
    for draft in drafts:
        action = draft["action"]
        for relation, rows in links.items():
            through = getattr(Action, relation).through
            target = "organisation_id" if relation == "partners" else f"{relation[:-1]}_id"
            rows.extend(
                through(action_id=action.pk, **{target: item.pk}) for item in draft[relation]
            )
        operators.extend(
            ActionOperator(
                action_id=action.pk,
                organisation_id=organisation.pk,
                role=ActionOperator.Role.PRESTATAIRE
                if rng.random() < 0.2
                else ActionOperator.Role.OPERATEUR,
                position=position,
            )
            for position, organisation in enumerate(draft["operators"], start=1)
        )
        contacts.extend(
            ActionContact(
                action_id=action.pk,
                contact_id=contact.pk,
                role=ActionContact.Role.TROIKA
                if position == 1
                else rng.choices(role_names, role_weights)[0],
                position=position,
            )
            for position, contact in enumerate(draft["contacts"], start=1)
        )
        objectives.extend(
            Objective(action_id=action.pk, position=position, text=text)
            for position, text in enumerate(draft["objectives"], start=1)
        )
        if draft["resource"]:
            resources.append(
                Resource(
                    action_id=action.pk,
                    position=1,
                    title="Présentation de l'action (démonstration)",
                    url=f"https://demo.invalid/fiches/{action.number}/",
                )
            )
    for relation, rows in links.items():
        getattr(Action, relation).through.objects.bulk_create(rows)
    ActionOperator.objects.bulk_create(operators)
    ActionContact.objects.bulk_create(contacts)
    Objective.objects.bulk_create(objectives)
    Resource.objects.bulk_create(resources)
    return len(objectives)
