import factory

from actions.models import (
    Action,
    ActionOperator,
    Axe,
    Network,
    Objective,
    Programmation,
    Public,
    Sector,
)
from citeeducative.caching import catalogue_changed
from citeeducative.models import CiteEducative
from contacts.models import ActionContact, Contact
from partners.models import Organisation


class CiteEducativeFactory(factory.django.DjangoModelFactory):
    """An invented Cité éducative: the portal names no city of its own."""

    class Meta:
        model = CiteEducative

    name = "Cité éducative de Valmont"
    territory = "Valmont"
    steering = "Ville de Valmont · Préfecture · Éducation nationale"
    coordination_email = "cite@valmont.example"
    insee_code = "99001"
    postcode = "99100"
    brand_colour = "#2a6f3e"


class ProgrammationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programmation
        django_get_or_create = ["slug"]

    slug = "2020-2022"
    name = "Programmation 2020-2022"
    start_year = 2020
    end_year = 2022


class AxeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Axe
        django_get_or_create = ["number"]

    number = 1
    slug = factory.LazyAttribute(lambda axe: f"axe-{axe.number}")
    title = factory.LazyAttribute(lambda axe: f"Axe numéro {axe.number}")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ["slug"]

    slug = "nord"
    name = factory.LazyAttribute(lambda sector: f"Secteur {sector.slug.capitalize()}")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    slug = factory.Sequence(lambda n: f"reseau-{n}")
    name = factory.Sequence(lambda n: f"Réseau {n}")
    sector = factory.SubFactory(SectorFactory)


class PublicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Public

    slug = factory.Sequence(lambda n: f"public-{n}")
    label = factory.Sequence(lambda n: f"Public {n}")
    kind = Public.Kind.ENFANTS


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"structure-{n}")
    name = factory.Sequence(lambda n: f"Structure {n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    slug = factory.Sequence(lambda n: f"contact-{n}")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    email = factory.Sequence(lambda n: f"contact{n}@ville-roubaix.fr")
    phone = "03.59.57.31.00"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    programmation = factory.SubFactory(ProgrammationFactory)
    number = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"fiche-{n + 1}")
    title = factory.Sequence(lambda n: f"Action numéro {n + 1}")
    axe = factory.SubFactory(AxeFactory)
    description = "<p>Une action pour les enfants du quartier.</p>"
    status = Action.Status.PUBLISHED


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    action = factory.SubFactory(ActionFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Objectif {n}")


class ActionContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionContact

    action = factory.SubFactory(ActionFactory)
    contact = factory.SubFactory(ContactFactory)
    role = ActionContact.Role.TROIKA


def complete_action(**kwargs):
    """A published fiche with something in every block, as a real fiche has."""
    action = ActionFactory(**kwargs)
    action.publics.add(PublicFactory(age_min=6, age_max=11))
    action.sectors.add(SectorFactory())
    action.networks.add(NetworkFactory())
    action.partners.add(OrganisationFactory())
    action.operator_links.create(organisation=OrganisationFactory(), role="operateur")
    ObjectiveFactory(action=action)
    ActionContactFactory(action=action)
    action.resources.create(title="Site", url="https://example.org/")
    return action


def many_complete_actions(count):
    """``count`` published fiches sharing their linked records, inserted in bulk: for the
    tests that check a page costs as many queries for 300 fiches as for 3."""
    start = (Action.objects.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    template = complete_action(number=start)
    actions = Action.objects.bulk_create(
        Action(
            programmation=template.programmation,
            axe=template.axe,
            number=number,
            slug=f"fiche-en-masse-{number}",
            title=f"Fiche en masse {number}",
            status=Action.Status.PUBLISHED,
        )
        for number in range(start + 1, start + count)
    )
    for relation in ("publics", "sectors", "networks", "partners"):
        through = getattr(Action, relation).through
        target = getattr(template, relation).get()
        field = through._meta.get_field(target._meta.model_name).attname
        through.objects.bulk_create(
            through(action_id=action.pk, **{field: target.pk}) for action in actions
        )
    operator = template.operator_links.get()
    contact = template.contact_links.get()
    ActionOperator.objects.bulk_create(
        ActionOperator(action=action, organisation=operator.organisation) for action in actions
    )
    ActionContact.objects.bulk_create(
        ActionContact(action=action, contact=contact.contact, role=contact.role)
        for action in actions
    )
    Objective.objects.bulk_create(Objective(action=action, text="Objectif") for action in actions)
    catalogue_changed()  # bulk_create sends no signal: say so, as generate_demo_data does.
    return [template, *actions]
