"""django-import-export's own ``export`` and ``import`` commands with the fiche resource: the
catalogue exported, emptied and imported again gives back every fiche page."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action
from tests.factories import complete_action

pytestmark = pytest.mark.django_db
RESOURCE = "actions.resources.ActionResource"


def main_content(response):
    """The page's content, less what differs by nature: the visitor's CSRF token (masked anew
    on every page) and the fiche's database id (on its selection button)."""
    assert response.status_code == 200
    content = re.search(r"<main\b.*</main>", response.text, re.S).group(0)
    content = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content)
    return re.sub(r'data-fiche-id="\d+"', "", content)


def fiche_pages(client):
    return {
        slug: main_content(client.get(f"/actions/{slug}/"))
        for slug in Action.objects.values_list("slug", flat=True)
    }


def export(file_format):
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    call_command("export", file_format, RESOURCE, stdout=out)
    out.flush()
    return out.buffer.getvalue()


@pytest.mark.parametrize(("file_format", "name"), [("CSV", "fiches.csv"), ("XLSX", "fiches.xlsx")])
def test_export_empty_and_import_gives_back_every_fiche_page(
    catalogue, coordinator_client, tmp_path, file_format, name
):
    complete_action(
        number=90,
        slug="brouillon-complet",
        title="-Brouillon = complet",
        status=Action.Status.DRAFT,
        editorial_note="Note pour la coordination",
        perimeter_details="École Jules Ferry\nQuartier de l'Alma",
    )
    before = fiche_pages(coordinator_client)
    path = tmp_path / name
    path.write_bytes(export(file_format))

    Action.objects.all().delete()
    call_command("import", RESOURCE, str(path), "--no-input", stderr=io.StringIO())

    assert fiche_pages(coordinator_client) == before
    assert Action.objects.count() == len(before) == 27 + 20 + 1  # both programmations, the draft


def test_the_import_command_fails_on_a_refused_file_and_writes_nothing(catalogue, tmp_path):
    fiches = Action.objects.count()
    path = tmp_path / "fiches.csv"
    path.write_text(
        "programmation,numéro,identifiant,titre,axe\n2020-2022,1,,Doublon du numéro 1,1\n",
        encoding="utf-8",
    )
    errors = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import", RESOURCE, str(path), "--no-input", stderr=errors)
    assert (
        "Ligne 2, colonne « numéro » : le numéro 1 est déjà celui de la fiche" in errors.getvalue()
    )
    assert Action.objects.count() == fiches


def test_the_export_command_needs_a_known_resource():
    with pytest.raises(CommandError):
        call_command("export", "CSV", "actions.resources.Inconnue")
