"""Synthetic, clearly marked demo fiches for benchmarks and load tests.

Everything lives apart from the real catalogue: the fiches in their own programmation
(slug ``demo``), flagged ``is_demo`` and titled « [Démo] … »; the structures, contacts and (when
the catalogue has none) publics they link to have slugs starting with ``demo-`` and e-mails at
``demo.invalid``. Texts are drawn from the word lists below with a seeded ``random.Random``:
no network, no external data, and the same seed gives the same fiches.

Rows are written with ``bulk_create`` (no signals, no history: synthetic data has no story to
keep), then the search columns are filled with ``search.refresh``.
"""

import random
import unicodedata
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.text import slugify

from contacts.models import ActionContact, Contact
from partners.models import Organisation

from . import search
from .caching import catalogue_changed
from .models import (
    Action,
    ActionOperator,
    Axe,
    Network,
    Objective,
    Programmation,
    Public,
    Resource,
    Sector,
)
from .richtext import sanitize_html

DEMO_SLUG = "demo"
DEMO_PREFIX = "demo-"
DEMO_NAME = "Démonstration (données synthétiques)"
DEMO_YEARS = (2030, 2032)
TITLE_MARK = "[Démo]"
MAX_ACTIONS = 100_000
# Action.number is a PositiveSmallIntegerField: PostgreSQL stores it as a smallint.
MAX_ACTIONS_POSTGRESQL = 32_767
ORGANISATION_COUNT = 200
CONTACT_COUNT = 300
CHUNK = 2_000

# The territory, as design.md describes it, for an empty database.
AXES = [
    (1, "cooperation-entre-acteurs", "La coopération entre acteurs"),
    (2, "lutte-contre-les-determinismes", "Lutte contre tous les déterminismes"),
    (3, "developper-l-ambition", "Développer l'ambition de tous les enfants et les jeunes"),
]
SECTORS = {
    "nord": ("Secteur Nord", ["Rosa Parks", "Anne Frank", "Madame de Sévigné"], "Anne Frank"),
    "sud": (
        "Secteur Sud",
        ["Jean-Baptiste Lebas", "Maxence Van der Meersch", "Théodore Monod"],
        "Jean-Baptiste Lebas",
    ),
}
DEMO_PUBLICS = [
    ("Enfants 3-6 ans", Public.Kind.ENFANTS, 3, 6),
    ("Enfants 6-11 ans", Public.Kind.ENFANTS, 6, 11),
    ("Collégiens 11-15 ans", Public.Kind.ENFANTS, 11, 15),
    ("Jeunes 15-18 ans", Public.Kind.ENFANTS, 15, 18),
    ("Jeunes adultes 18-25 ans", Public.Kind.ENFANTS, 18, 25),
    ("Parents d'enfants de 2-11 ans", Public.Kind.PARENTS, 2, 11),
    ("Parents", Public.Kind.PARENTS, None, None),
    ("Enseignant·e·s", Public.Kind.PROFESSIONNELS, None, None),
    ("Habitants des quartiers", Public.Kind.HABITANTS, None, None),
]

QUARTIERS = [
    "Alma",
    "Épeule",
    "Hommelet",
    "Pile",
    "Fresnoy-Mackellerie",
    "Trois-Ponts",
    "Sartel-Carihem",
    "Cul-de-Four",
    "Moulin",
    "Nouveau Roubaix",
    "Hauts-Champs",
    "Longchamp",
    "Entrepont",
    "Potennerie",
    "Fosse-aux-Chênes",
]
FORMATS = [
    "Ateliers",
    "Parcours",
    "Accompagnement",
    "Club",
    "Résidence d'artistes",
    "Stage",
    "Permanence",
    "Programme",
    "Semaine",
    "Rencontres",
    "Cycle de formation",
    "Séjour",
    "Classe",
    "Espace",
    "Laboratoire",
    "Défi",
]
THEMES = [
    "de lecture partagée",
    "d'éloquence",
    "d'éducation au numérique",
    "de soutien à la parentalité",
    "d'orientation",
    "de culture scientifique",
    "de pratique artistique",
    "de pratique sportive",
    "de prévention du décrochage scolaire",
    "de médiation sociale",
    "autour du langage",
    "d'éducation aux médias",
    "de découverte des métiers",
    "de théâtre",
    "de musique",
    "d'aide aux devoirs",
    "de philosophie pour enfants",
    "d'éducation à la citoyenneté",
    "de prévention du harcèlement",
    "de jardinage et d'éducation à l'environnement",
    "autour du jeu de société",
    "de coding et de robotique",
    "de premiers secours",
    "d'écriture",
]
TARGETS = [
    "pour les parents",
    "au collège",
    "en école maternelle",
    "en école élémentaire",
    "dans les centres sociaux",
    "à la médiathèque",
    "pour les 11-16 ans",
    "en lien avec les familles",
    "entre l'école et le collège",
    "pendant les vacances scolaires",
    "le mercredi après-midi",
    "pour les jeunes en recherche de stage",
    "dans les quartiers prioritaires",
    "avec les clubs de prévention",
]
CONSTATS = [
    "de nombreux enfants arrivent au collège avec des difficultés de lecture",
    "les familles restent souvent éloignées de l'école",
    "l'absentéisme progresse dès l'école élémentaire",
    "les jeunes connaissent mal les métiers et les formations du territoire",
    "l'accès aux pratiques culturelles et sportives reste inégal",
    "les écrans occupent une place croissante dans le quotidien des enfants",
    "les professionnels manquent d'espaces pour travailler ensemble",
    "beaucoup de parents disent se sentir seuls face aux devoirs",
    "les filles participent moins aux activités sportives après 11 ans",
    "la maîtrise de la langue orale conditionne la réussite dès la maternelle",
]
MODALITES = [
    "des ateliers hebdomadaires",
    "des séances en petits groupes",
    "un parcours de dix séances",
    "des rencontres mensuelles",
    "des stages pendant les vacances scolaires",
    "des temps d'échange entre parents et enseignants",
    "une résidence de création sur l'année scolaire",
    "un accompagnement individuel renforcé",
]
MOMENTS = [
    "sur le temps scolaire",
    "sur le temps périscolaire",
    "le mercredi après-midi",
    "pendant les vacances scolaires",
    "en soirée, pour que les parents puissent venir",
    "le samedi matin",
]
TEMPS_FORTS = [
    "une séance de lancement avec les familles",
    "des visites d'entreprises et de structures du territoire",
    "une restitution publique en fin d'année",
    "un temps de formation commun aux professionnels",
    "des sorties culturelles au musée La Piscine et au Colisée",
    "une exposition des travaux des enfants à la médiathèque",
    "un forum des métiers au collège",
    "un goûter-débat avec les parents",
    "des permanences dans les centres sociaux",
    "un carnet de bord tenu par chaque participant",
]
INDICATEURS = [
    "le nombre d'enfants inscrits et leur assiduité",
    "le nombre de familles touchées",
    "l'évolution des résultats aux évaluations nationales",
    "le taux d'absentéisme des élèves suivis",
    "la satisfaction des participants",
    "le nombre de professionnels formés",
]
OBJECTIVES = [
    "Favoriser la réussite éducative de chaque enfant",
    "Renforcer le lien entre les familles et l'école",
    "Développer la maîtrise de la langue orale et écrite",
    "Prévenir le décrochage scolaire dès l'école élémentaire",
    "Ouvrir l'horizon culturel des enfants et des jeunes",
    "Accompagner les parents dans leur rôle éducatif",
    "Faire découvrir les métiers et les filières de formation",
    "Lutter contre les stéréotypes de genre",
    "Développer l'esprit critique face aux écrans et aux médias",
    "Encourager la pratique sportive régulière",
    "Améliorer le climat scolaire dans et autour de l'école",
    "Valoriser les compétences des enfants auprès de leurs familles",
    "Favoriser la continuité éducative entre les temps scolaire et périscolaire",
    "Renforcer la coopération entre les professionnels du territoire",
    "Prévenir le harcèlement et les violences entre élèves",
    "Soutenir l'ambition scolaire des collégiens",
    "Faciliter l'accès aux lieux culturels de la ville",
    "Développer la confiance en soi et la prise de parole",
    "Sensibiliser les enfants au développement durable",
    "Accompagner la transition entre l'école et le collège",
    "Lutter contre la fracture numérique des familles",
    "Favoriser l'engagement citoyen des jeunes",
    "Mieux repérer les enfants en difficulté",
    "Mutualiser les ressources des structures du quartier",
]
VERBES = ["Lire", "Grandir", "Jouer", "Créer", "Apprendre", "Bouger", "Partager", "Rêver"]
VERBES += ["Construire", "Découvrir", "Grandir ensemble", "Oser"]
NOMS = ["Horizons", "Tremplin", "Passerelle", "Cap", "Envol", "Boussole", "Escale", "Ricochet"]
NOMS += ["Déclic", "Élan", "Relais", "Racines"]
PERSONNES = ["Jules Ferry", "Louise Michel", "Marie Curie", "Victor Hugo", "Jean Jaurès"]
PERSONNES += ["Simone Veil", "Olympe de Gouges", "Albert Camus", "Rosa Bonheur", "Jean Zay"]
PRENOMS_F = ["Camille", "Sarah", "Nadia", "Julie", "Fatima", "Claire", "Inès", "Sophie"]
PRENOMS_F += ["Amina", "Léa", "Aurélie", "Yasmine", "Nathalie", "Émilie", "Karima", "Hélène"]
PRENOMS_F += ["Manon", "Samia", "Isabelle", "Chloé", "Malika", "Anne", "Sandrine", "Lina"]
PRENOMS_M = ["Thomas", "Karim", "Julien", "Mehdi", "Nicolas", "Yacine", "Pierre", "Sofiane"]
PRENOMS_M += ["Antoine", "Bilal", "Olivier", "Mathieu", "Rachid", "Vincent", "Hugo", "Samir"]
PRENOMS_M += ["François", "Ali", "Benoît", "Théo", "Moussa", "Laurent", "Jérôme", "Ilyes"]
NOMS_FAMILLE = ["Martin", "Lefebvre", "Dupont", "Benali", "Lemaire", "Vandenbussche"]
NOMS_FAMILLE += ["Mercier", "Haddad", "Dubois", "Delattre", "Roussel", "Mansouri", "Leroy"]
NOMS_FAMILLE += ["Decottignies", "Bouzid", "Carpentier", "Durand", "Kaci", "Vasseur"]
NOMS_FAMILLE += ["Hennebelle", "Petit", "Ouali", "Desmet", "Lambert", "Cherif", "Wallart"]
NOMS_FAMILLE += ["Fontaine", "Traoré", "Delcroix", "Nowak", "Leclercq", "Diallo", "Bernard"]
NOMS_FAMILLE += ["Masson", "Ziani", "Verhaeghe", "Garcia", "Duhamel"]
FONCTIONS = [
    ("Coordinateur de la Cité éducative", "Coordinatrice de la Cité éducative"),
    ("Chargé de mission réussite éducative", "Chargée de mission réussite éducative"),
    ("Directeur du centre social", "Directrice du centre social"),
    ("Principal de collège", "Principale de collège"),
    ("Directeur d'école", "Directrice d'école"),
    ("Conseiller pédagogique", "Conseillère pédagogique"),
    ("Médiateur social", "Médiatrice sociale"),
    ("Responsable du secteur jeunesse", "Responsable du secteur jeunesse"),
    ("Référent familles", "Référente familles"),
    ("Bibliothécaire jeunesse", "Bibliothécaire jeunesse"),
    ("Chef de projet politique de la ville", "Cheffe de projet politique de la ville"),
    ("Délégué du préfet", "Déléguée du préfet"),
    ("Coordonnateur REP+", "Coordonnatrice REP+"),
    ("Éducateur spécialisé", "Éducatrice spécialisée"),
    ("Chargé de développement", "Chargée de développement"),
]
CONTACT_ROLES = [
    (ActionContact.Role.TROIKA, 3),
    (ActionContact.Role.VILLE, 3),
    (ActionContact.Role.STRUCTURE, 4),
    (ActionContact.Role.MEDIATHEQUE, 1),
    (ActionContact.Role.REGION, 1),
]


@dataclass
class DemoSummary:
    actions: int
    objectives: int
    organisations: int
    contacts: int
    seed: int
    replaced: int


class DemoDataError(Exception):
    pass


def _ascii(text):
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return "".join(char for char in folded if char.isalnum())


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


class _Generator:
    def __init__(self, seed):
        self.random = random.Random(seed)

    # The territory and the directory

    def axes(self):
        for number, slug, title in AXES:
            if not Axe.objects.filter(number=number).exists():
                Axe.objects.create(number=number, slug=slug, title=title)
        return list(Axe.objects.order_by("number"))

    def sectors(self):
        if not Sector.objects.exists():
            for slug, (name, networks, lead) in SECTORS.items():
                sector = Sector.objects.create(slug=slug, name=name)
                for network in networks:
                    Network.objects.create(
                        slug=slugify(network),
                        name=network,
                        sector=sector,
                        college=f"Collège {network}",
                        is_lead=network == lead,
                    )
        sectors = list(Sector.objects.order_by("slug"))
        networks = {sector.pk: [] for sector in sectors}
        for network in Network.objects.order_by("slug"):
            networks[network.sector_id].append(network)
        return sectors, networks

    def publics(self):
        publics = list(Public.objects.order_by("slug"))
        if not publics:
            publics = Public.objects.bulk_create(
                Public(
                    slug=f"{DEMO_PREFIX}{slugify(label)}",
                    label=label,
                    kind=kind,
                    age_min=age_min,
                    age_max=age_max,
                )
                for label, kind, age_min, age_max in DEMO_PUBLICS
            )
        return publics

    def organisation_names(self):
        names = [(f"Centre social {quartier}", "centre_social", "") for quartier in QUARTIERS]
        names += [(f"École élémentaire {person}", "etablissement", "") for person in PERSONNES]
        names += [(f"École maternelle {person}", "etablissement", "") for person in PERSONNES]
        for first in VERBES:
            for second in VERBES:
                if first != second and " " not in second:
                    name = f"{first} et {second.lower()}"
                    names.append((f"Association {name}", "association", ""))
        for noun in NOMS:
            acronym = noun.upper()[:4]
            names.append((f"Compagnie {noun}", "association", ""))
            names.append((f"{noun} Roubaix", "association", acronym))
            for quartier in QUARTIERS[:6]:
                names.append((f"{noun} {quartier}", "association", ""))
        names += [(f"Maison de quartier {quartier}", "collectivite", "") for quartier in QUARTIERS]
        names += [(f"Club sportif {quartier}", "association", "") for quartier in QUARTIERS]
        self.random.shuffle(names)
        return names[:ORGANISATION_COUNT]

    def organisations(self):
        return Organisation.objects.bulk_create(
            Organisation(
                slug=f"{DEMO_PREFIX}{slugify(name)}"[:80],
                name=name,
                acronym=acronym,
                kind=kind,
                description="Structure fictive créée pour la démonstration du catalogue.",
            )
            for name, kind, acronym in self.organisation_names()
        )

    def contacts(self, organisations):
        people = set()
        while len(people) < CONTACT_COUNT:
            feminine = self.random.random() < 0.6
            first = self.random.choice(PRENOMS_F if feminine else PRENOMS_M)
            last = self.random.choice(NOMS_FAMILLE)
            people.add((first, last, feminine))
        contacts = []
        for index, (first, last, feminine) in enumerate(sorted(people)):
            function = self.random.choice(FONCTIONS)[int(feminine)]
            contacts.append(
                Contact(
                    slug=f"{DEMO_PREFIX}{slugify(f'{first} {last}')}",
                    first_name=first,
                    last_name=last,
                    title=function,
                    organisation=self.random.choice(organisations),
                    email=f"{_ascii(first)}.{_ascii(last)}@demo.invalid",
                    phone=f"01.99.00.{index // 100:02d}.{index % 100:02d}",
                )
            )
        return Contact.objects.bulk_create(contacts)

    # The fiches

    def title(self, sector):
        title = " ".join(
            [
                self.random.choice(FORMATS),
                self.random.choice(THEMES),
                self.random.choice(TARGETS),
            ]
        )
        if sector is not None and self.random.random() < 0.3:
            title += f" ({sector.name})"
        return f"{TITLE_MARK} {title}"

    def description(self, partners, networks):
        choice = self.random.choice
        quartiers = self.random.sample(QUARTIERS, 2)
        paragraphs = [
            f"<p>Dans les quartiers {quartiers[0]} et {quartiers[1]}, {choice(CONSTATS)}. "
            f"Ce constat, partagé par les équipes éducatives, a conduit la Cité éducative à "
            f"soutenir cette action.</p>",
            f"<p>L'action propose <strong>{choice(MODALITES)}</strong> {choice(MOMENTS)}"
            + (f", en lien avec {partners[0].name}" if partners else "")
            + ".</p>",
        ]
        if networks:
            names = ", ".join(network.name for network in networks)
            paragraphs.append(
                f"<p>Elle associe les écoles et le collège du réseau REP+ {names}.</p>"
            )
        if self.random.random() < 0.6:
            items = "".join(f"<li>{item}</li>" for item in self.random.sample(TEMPS_FORTS, 3))
            paragraphs.append(f"<p>Les temps forts :</p><ul>{items}</ul>")
        paragraphs.append(
            "<p>Un bilan est présenté chaque année au comité de pilotage ; "
            f"indicateurs suivis : <em>{choice(INDICATEURS)}</em>.</p>"
            "<p><em>Fiche de démonstration : données synthétiques.</em></p>"
        )
        return sanitize_html("".join(paragraphs))

    def perimeter(self, sectors, networks_by_sector):
        draw = self.random.random()
        if draw < 0.2 or not sectors:
            return [], []
        chosen = [self.random.choice(sectors)] if draw < 0.65 else list(sectors)
        pool = [network for sector in chosen for network in networks_by_sector[sector.pk]]
        networks = self.random.sample(pool, min(len(pool), self.random.randint(0, 2)))
        return chosen, networks

    def publics_for(self, publics):
        ranged = [public for public in publics if public.age_min is not None]
        count = self.random.randint(1, min(3, len(publics)))
        chosen = self.random.sample(publics, count)
        if ranged and not any(public.age_min is not None for public in chosen):
            chosen[0] = self.random.choice(ranged)
        return list({public.pk: public for public in chosen}.values())


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

    generator = _Generator(seed)
    rng = generator.random
    axes = generator.axes()
    sectors, networks_by_sector = generator.sectors()
    publics = generator.publics()
    organisations = generator.organisations()
    contacts = generator.contacts(organisations)
    programmation = Programmation.objects.create(
        slug=DEMO_SLUG, name=DEMO_NAME, start_year=DEMO_YEARS[0], end_year=DEMO_YEARS[1]
    )
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
        if progress:
            progress(numbers[-1])

    search.refresh(Action.objects.filter(programmation=programmation))
    catalogue_changed()
    transaction.on_commit(_analyze)
    return DemoSummary(
        actions=count,
        objectives=objectives,
        organisations=len(organisations),
        contacts=len(contacts),
        seed=seed,
        replaced=replaced,
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
