"""Every admin URL that writes, for every model the back office keeps a history of (and the
organisations), tried by each group: « Lecture seule » is refused and nothing changes;
« Coordination » is let in."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, reverse

from actions.models import Action, FicheVersion
from actions.versions import record_version
from bilan.models import FollowUp, Funder
from citeeducative.permissions import COORDINATION, READ_ONLY, sync_groups
from contacts.models import Contact
from livret.models import Seminar
from partners.models import Organisation
from tests.admin_forms import change_form_data
from tests.factories import (
    ContactFactory,
    OrganisationFactory,
    ProgrammationFactory,
    complete_action,
)
from tests.factories_bilan import followed_action

pytestmark = pytest.mark.django_db


def fiche():
    record = complete_action(title="Fiche d'origine")
    record_version(record)
    record.title = "Fiche modifiée"
    record.save()
    record_version(record)
    return record


def seminar():
    return Seminar.objects.create(
        slug="seminaire",
        title="Séminaire",
        date=datetime.date(2022, 10, 11),
        programmation=ProgrammationFactory(),
    )


def follow_up():
    record = followed_action()
    record.summary = "Deuxième version du bilan"
    record.save()
    return record


def funder():
    record = followed_action().cofundings.get().funder
    record.name = "Financeur renommé"
    record.save()
    return record


def contact():
    record = ContactFactory()
    record.phone = "03 20 00 00 00"
    record.save()
    return record


RECORDS = {
    "fiche": fiche,
    "contact": contact,
    "structure": OrganisationFactory,
    "séminaire": seminar,
    "suivi annuel": follow_up,
    "financeur": funder,
}


def member_of(group_name):
    sync_groups()
    user = User.objects.create_user(group_name, password="mot-de-passe-solide", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    client = Client()
    client.force_login(user)
    return client


def state_of_everything():
    """Every row of every model tried here, their history rows and the fiche versions."""
    models = [Action, Contact, Organisation, Seminar, FollowUp, Funder, FicheVersion]
    state = {model: list(model.objects.order_by("pk").values()) for model in models}
    for model in models:
        if hasattr(model, "history"):
            state[model.history.model] = model.history.count()
    return state


def write_requests(record, form):
    """(URL name, its arguments, the data posted) for each admin URL that writes the record's
    model."""
    opts = record._meta
    name = f"admin:{opts.app_label}_{opts.model_name}"
    changed = {
        **form,
        **{
            key: f"{value} (modifié)"
            for key, value in form.items()
            if key in {"title", "name", "last_name", "summary"}
        },
    }
    requests = [
        (f"{name}_add", [], changed),
        (f"{name}_change", [record.pk], changed),
        (f"{name}_delete", [record.pk], {"post": "yes"}),
    ]
    if isinstance(record, Action):
        versions = FicheVersion.objects.of(record.pk)
        requests.append((f"{name}_revert", [record.pk, versions.last().pk], {}))
        requests.append((f"{name}_recover", [versions.last().pk], {}))
    elif hasattr(record, "history"):
        earliest = record.history.earliest()
        requests.append((f"{name}_simple_history", [record.pk, earliest.history_id], changed))
    if _has_url(f"{name}_import"):
        upload = SimpleUploadedFile("import.csv", b"id\n1\n", content_type="text/csv")
        requests.append((f"{name}_import", [], {"import_file": upload, "format": "0"}))
        requests.append((f"{name}_process_import", [], {"import_file_name": "x", "format": "0"}))
    changelist = f"{name}_changelist"
    for action in ["delete_selected", "duplicate_as_draft", "publish", "unpublish"]:
        requests.append((changelist, [], {"action": action, "_selected_action": [record.pk]}))
    return requests


def _has_url(name):
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


@pytest.mark.parametrize("kind", RECORDS)
def test_the_read_only_group_can_write_through_no_admin_url(kind):
    record = RECORDS[kind]()
    form = change_form_data(member_of(COORDINATION), record)
    reading = member_of(READ_ONLY)
    before = state_of_everything()
    for url_name, args, data in write_requests(record, form):
        response = reading.post(reverse(url_name, args=args), data)
        if url_name.endswith("_changelist"):
            # The admin offers a group only the actions it may run, and runs no other.
            assert response.status_code in {200, 302}, url_name
        else:
            assert response.status_code == 403, (url_name, response.status_code)
        assert state_of_everything() == before, url_name


@pytest.mark.parametrize("kind", RECORDS)
def test_the_coordination_group_is_let_in_where_the_read_only_group_is_not(kind):
    record = RECORDS[kind]()
    coordinating = member_of(COORDINATION)
    form = change_form_data(coordinating, record)
    for url_name, args, _data in write_requests(record, form):
        if url_name.endswith(("_changelist", "_revert", "_recover", "_process_import")):
            continue  # POST-only, or run in the tests of their own feature
        assert coordinating.get(reverse(url_name, args=args)).status_code == 200, url_name


def test_the_coordination_group_reverts_a_contact_through_its_history():
    record = contact()
    coordinating = member_of(COORDINATION)
    form = change_form_data(coordinating, record)
    earliest = record.history.earliest()
    url = reverse("admin:contacts_contact_simple_history", args=[record.pk, earliest.history_id])
    response = coordinating.post(url, {**form, "phone": earliest.phone})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.phone == earliest.phone
