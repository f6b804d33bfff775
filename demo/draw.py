"""What a demo fiche is made of, drawn from the word lists."""

import random

from django.conf import settings
from django.utils.text import slugify

from actions.models import Axe, Network, Public, Sector
from citeeducative.loading import territory_load
from citeeducative.richtext import sanitize_html
from citeeducative.text import fold
from contacts.models import Contact
from partners.models import Organisation

from .words import (
    CONSTATS,
    DEMO_PUBLICS,
    FONCTIONS,
    FORMATS,
    INDICATEURS,
    MODALITES,
    MOMENTS,
    NOMS,
    NOMS_FAMILLE,
    PERSONNES,
    PRENOMS_F,
    PRENOMS_M,
    QUARTIERS,
    TARGETS,
    TEMPS_FORTS,
    THEMES,
    VERBES,
)

DEMO_PREFIX = "demo-"
TITLE_MARK = "[Démo]"
ORGANISATION_COUNT = 200
CONTACT_COUNT = 300


def _ascii(text):
    return "".join(char for char in fold(text) if char.isascii() and char.isalnum())


class Drawer:
    """Draws the demo records from the word lists, with a seeded random generator: the same
    seed gives the same fiches."""

    def __init__(self, seed):
        self.random = random.Random(seed)

    # The territory and the directory

    def territory(self):
        """The axes, sectors and networks of the catalogue; in an empty database, those of
        ``fixtures/`` (the real Cité's territory, not a copy of it)."""
        if not Axe.objects.exists() or not Sector.objects.exists():
            territory_load(directory=settings.FIXTURES_DIR)
        return list(Axe.objects.order_by("number"))

    def sectors(self):
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
            names.append((f"{noun} Ensemble", "association", acronym))
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
