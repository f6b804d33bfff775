"""A coordinator sends a spreadsheet too large to import, in a real browser."""

import pytest

from actions.models import Action
from spreadsheets.formats import ODS
from tests import hostile_files
from tests.factories_import import format_index

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_is_told_at_once_that_a_sheet_is_too_long(page, live_server, coordinator):
    page.goto(live_server.url + "/admin/login/?next=/admin/actions/action/import/")
    page.get_by_label("Nom d’utilisateur").fill("coordinatrice")
    page.get_by_label("Mot de passe").fill("mot-de-passe-solide")
    page.get_by_role("button", name="Connexion").click()
    page.locator("input[name=import_file]").set_input_files(
        {
            "name": "fiches.ods",
            "mimeType": "application/vnd.oasis.opendocument.spreadsheet",
            "buffer": hostile_files.ods_with_repeated_rows(),
        }
    )
    page.locator("select[name=format]").select_option(format_index(ODS))
    page.locator("input[type=submit].default").click()
    error = page.locator(".errorlist").first.inner_text()
    assert "Le fichier a plus de 2000 lignes sous celle des noms de colonnes" in error
    assert "Découpez-le en plusieurs fichiers." in error
    assert not Action.objects.exists()
