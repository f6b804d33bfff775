"""A programmation whose fiches have contacts and operators, and the campaign's links."""

from django.core import mail
from django.urls import reverse

from campaigns import services
from campaigns.models import Invitation
from campaigns.tokens import token
from tests.factories import (
    ActionContactFactory,
    ActionFactory,
    ContactFactory,
    ObjectiveFactory,
    OrganisationFactory,
)


def programmation_to_check():
    """Two fiches: Léa on both, Karim on the first, the operator ADEP (with an e-mail) on the
    second; a third fiche without any address."""
    first = ActionFactory(
        number=1, title="Ateliers parents", description="<p>Des ateliers le mardi.</p>"
    )
    ObjectiveFactory(action=first, position=0, text="Soutenir les parents")
    ObjectiveFactory(action=first, position=1, text="Créer du lien")
    second = ActionFactory(number=2, title="Coup de pouce lecture")
    lea = ContactFactory(first_name="Léa", last_name="Durand", email="lea@ville.example")
    karim = ContactFactory(first_name="Karim", last_name="Benali", email="karim@ville.example")
    ActionContactFactory(action=first, contact=lea)
    ActionContactFactory(action=first, contact=karim)
    ActionContactFactory(action=second, contact=lea)
    adep = OrganisationFactory(name="ADEP", email="contact@adep.example")
    second.operator_links.create(organisation=adep, role="operateur")
    ActionFactory(number=3, title="Fiche sans adresse")
    return first.programmation


def started_campaign():
    programmation = programmation_to_check()
    campaign = services.campaign_start(programmation=programmation)
    mail.outbox.clear()
    return campaign


def invitation_of(email, title):
    return Invitation.objects.get(recipient__email=email, action__title=title)


def path_of(invitation):
    return reverse("campaigns:answer", kwargs={"token": token(invitation)})
