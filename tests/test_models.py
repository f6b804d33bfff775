import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actions.models import Action, Public
from contacts.models import Contact
from tests.factories import (
    ActionFactory,
    ContactFactory,
    NetworkFactory,
    ProgrammationFactory,
    PublicFactory,
    SectorFactory,
    complete_action,
)

pytestmark = pytest.mark.django_db


def assert_refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_it_refuses_two_fiches_with_one_number_in_a_programmation():
    ActionFactory(number=4)
    assert_refused(lambda: ActionFactory(number=4))


def test_it_allows_one_number_in_two_programmations():
    ActionFactory(number=4)
    later = ProgrammationFactory(slug="2024-2026", name="2024-2026", start_year=2024, end_year=2026)
    assert ActionFactory(number=4, programmation=later).pk


def test_it_refuses_fiche_number_zero():
    assert_refused(lambda: ActionFactory(number=0))


def test_it_refuses_an_age_range_upside_down():
    assert_refused(lambda: PublicFactory(age_min=18, age_max=2))


def test_it_refuses_an_age_beyond_120():
    assert_refused(lambda: PublicFactory(age_min=2, age_max=200))


def test_it_refuses_a_programmation_ending_before_it_starts():
    assert_refused(lambda: ProgrammationFactory(slug="x", start_year=2022, end_year=2020))


def test_it_refuses_two_lead_networks_in_a_sector():
    sector = SectorFactory()
    NetworkFactory(sector=sector, is_lead=True)
    assert_refused(lambda: NetworkFactory(sector=sector, is_lead=True))


def test_it_refuses_two_contacts_with_one_email_whatever_the_case():
    ContactFactory(email="jcamus@ville-roubaix.fr")
    assert_refused(lambda: ContactFactory(email="JCamus@Ville-Roubaix.fr"))


def test_it_allows_several_contacts_without_email():
    ContactFactory(email="")
    assert ContactFactory(email="").pk


def test_it_sanitises_the_description_on_save():
    action = ActionFactory(description='<p onclick="x()">Texte<script>alert(1)</script></p>')
    action.refresh_from_db()
    assert action.description == "<p>Texte</p>"


def test_it_keeps_links_lists_and_emphasis_in_the_description():
    html = '<ul><li><strong>a</strong> <em>b</em> <a href="https://x.fr">c</a></li></ul>'
    action = ActionFactory(description=html)
    assert '<a href="https://x.fr" rel="noopener noreferrer">c</a>' in action.description
    assert "<strong>a</strong>" in action.description


def test_published_excludes_drafts():
    published = ActionFactory()
    ActionFactory(status=Action.Status.DRAFT)
    assert list(Action.objects.published()) == [published]


@pytest.mark.parametrize(("age", "expected"), [(5, False), (6, True), (11, True), (12, False)])
def test_a_public_covers_the_ages_of_its_range(age, expected):
    public = PublicFactory(age_min=6, age_max=11)
    assert (public in Public.objects.covering_age(age)) is expected


def test_a_public_without_ages_covers_no_age():
    PublicFactory(age_min=None, age_max=None)
    assert not Public.objects.covering_age(30).exists()


def test_a_fiche_with_every_block_is_complete():
    complete_action()
    assert not Action.objects.incomplete().exists()


def test_a_fiche_without_partners_is_incomplete():
    action = complete_action()
    action.partners.clear()
    assert list(Action.objects.incomplete()) == [action]


def test_a_perimeter_written_in_words_counts_as_a_perimeter():
    action = complete_action()
    action.sectors.clear()
    action.networks.clear()
    assert Action.objects.incomplete().exists()
    action.perimeter_details = "Quartier de l'Epeule"
    action.save()
    assert not Action.objects.incomplete().exists()


def test_every_change_to_a_fiche_is_kept_in_its_history():
    action = ActionFactory(title="Avant")
    action.title = "Après"
    action.save()
    assert [record.title for record in action.history.order_by("history_id")] == ["Avant", "Après"]


def test_a_contact_has_a_dialable_phone_link():
    assert ContactFactory(phone="03.59.57.31.75").phone_uri == "tel:+33359573175"


def test_every_model_reads_well_as_text():
    action = complete_action(number=3, title="Croisement des savoirs")
    assert str(action) == "Fiche n°3 – Croisement des savoirs"
    assert str(Contact(first_name="Julia", last_name="Camus")) == "Julia CAMUS"


def test_a_fiche_cannot_take_the_address_of_a_page_of_the_site():
    action = ActionFactory.build(slug="nouveautes")
    with pytest.raises(ValidationError) as error:
        action.clean()
    assert "adresse d'une page du site" in str(error.value.message_dict["slug"])
