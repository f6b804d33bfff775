"""A fiche that lacks something shows nothing for it in public, on the site and in the livret:
"Fiches à compléter" (admin) is where coordinators see what is missing."""

import pytest

from actions.models import Action
from livret import rendering as livret
from tests.factories import ActionFactory, complete_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def bare_fiche():
    return ActionFactory(status=Action.Status.PUBLISHED, description="")


def test_the_fiche_page_leaves_out_its_empty_blocks(client, bare_fiche):
    page = client.get(bare_fiche.get_absolute_url()).text
    assert "renseigné" not in page
    for section in ('id="public"', 'id="partenaires"', 'id="contacts"', 'href="#contacts"'):
        assert section not in page
    assert 'class="richtext"' not in page


def test_the_livret_leaves_out_the_empty_blocks_of_a_fiche(bare_fiche):
    html = livret.livret_html(actions=Action.objects.all(), fiche_only=True)
    assert "renseigné" not in html
    for heading in ("Public cible", "Partenaires", "Contacts"):
        assert heading not in html


def test_a_complete_fiche_keeps_its_blocks(client):
    action = complete_action(status=Action.Status.PUBLISHED)
    page = client.get(action.get_absolute_url()).text
    for section in ('id="public"', 'id="partenaires"', 'id="contacts"', 'href="#contacts"'):
        assert section in page
