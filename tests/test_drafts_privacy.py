"""Only what published fiches cite is public, and only coordinators see drafts."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from actions.models import Action
from tests.factories import ActionFactory, complete_action

pytestmark = pytest.mark.django_db
URL = reverse("actions:list")


def cited(action):
    """The contact, the partner, the operator and the public a fiche cites."""
    return [
        action.contacts.get(),
        action.partners.get(),
        action.operators.get(),
        action.publics.get(),
    ]


def option(record):
    return f'value="{record.slug}"'


def test_what_only_a_draft_cites_is_no_filter_option(client):
    draft = complete_action(status=Action.Status.DRAFT)
    published = complete_action()
    page = client.get(URL).text
    for record in cited(draft):
        assert option(record) not in page, record
    for record in cited(published):
        assert option(record) in page, record


@pytest.mark.parametrize(
    ("parameter", "which"),
    [("contact", 0), ("partenaire", 1), ("operateur", 2), ("public", 3)],
)
def test_what_only_a_draft_cites_gives_no_chip_nor_name(client, parameter, which):
    draft = complete_action(status=Action.Status.DRAFT, title="Fiche en préparation")
    record = cited(draft)[which]
    response = client.get(URL, {parameter: record.slug})
    assert response.status_code == 200
    assert response.context["chips"] == []
    assert str(record) not in response.text
    assert "Fiche en préparation" not in response.text


def test_a_fiche_once_unpublished_leaves_the_options(client):
    action = complete_action()
    contact = action.contacts.get()
    assert option(contact) in client.get(URL).text
    action.status = Action.Status.DRAFT
    action.save()
    assert option(contact) not in client.get(URL).text


@pytest.fixture
def staff_without_group_client(client):
    user = User.objects.create_user("sans-groupe", password="mot-de-passe-solide", is_staff=True)
    client.force_login(user)
    return client


def test_a_staff_account_without_a_group_sees_no_draft(staff_without_group_client):
    draft = ActionFactory(status=Action.Status.DRAFT, title="Brouillon")
    assert staff_without_group_client.get(draft.get_absolute_url()).status_code == 404


def test_a_staff_account_without_a_group_sees_no_editorial_note(staff_without_group_client):
    action = ActionFactory(editorial_note="Texte reconstitué d'après le livret")
    page = staff_without_group_client.get(action.get_absolute_url()).text
    assert "Texte reconstitué" not in page


def test_the_read_only_group_sees_no_draft_on_the_site(reader_client):
    draft = ActionFactory(status=Action.Status.DRAFT)
    assert reader_client.get(draft.get_absolute_url()).status_code == 404


def test_coordinators_see_drafts_and_their_editorial_notes(coordinator_client):
    draft = ActionFactory(status=Action.Status.DRAFT, editorial_note="À relire avant parution")
    response = coordinator_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "À relire avant parution" in response.text
