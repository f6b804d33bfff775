"""The follow-up of a fiche: one per fiche and year, no negative amount nor count, a year of its
programmation, achieved above target allowed and flagged, every edit kept in the history."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bilan.models import BeneficiaryCount, Cofunding, FollowUp, Indicator
from tests.factories import ActionFactory, PublicFactory
from tests.factories_bilan import (
    BeneficiaryCountFactory,
    CofundingFactory,
    FollowUpFactory,
    FunderFactory,
    IndicatorFactory,
)

pytestmark = pytest.mark.django_db


def messages_of(error):
    return [message for messages in error.message_dict.values() for message in messages]


def test_it_keeps_one_follow_up_per_fiche_and_year():
    first = FollowUpFactory(year=2021)
    second = FollowUp(action=first.action, year=2021)
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert "Cette fiche a déjà un suivi pour cette année." in messages_of(refused.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_the_same_fiche_has_a_follow_up_for_each_year():
    first = FollowUpFactory(year=2021)
    FollowUpFactory(action=first.action, year=2022)
    assert first.action.follow_ups.count() == 2


def test_a_year_outside_the_programmation_is_refused_in_french():
    follow_up = FollowUp(action=ActionFactory(), year=2025)
    with pytest.raises(ValidationError) as refused:
        follow_up.full_clean()
    assert refused.value.message_dict["year"] == [
        "L'année 2025 est hors de la programmation 2020-2022 (2020 à 2022)."
    ]


def test_the_database_refuses_an_absurd_year():
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(action=ActionFactory(), year=1900)


def test_a_negative_fund_is_refused_in_french():
    follow_up = FollowUpFactory.build(action=ActionFactory(), cite_amount=Decimal("-1"))
    with pytest.raises(ValidationError) as refused:
        follow_up.full_clean()
    assert refused.value.message_dict["cite_amount"] == ["Un montant ne peut pas être négatif."]


def test_the_database_refuses_a_negative_amount_whoever_writes_it():
    follow_up = FollowUpFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Cofunding.objects.create(follow_up=follow_up, funder=FunderFactory(), amount=-5)
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.filter(pk=follow_up.pk).update(cite_amount=-1)


def test_a_negative_co_funding_is_refused_in_french():
    line = Cofunding(follow_up=FollowUpFactory(), funder=FunderFactory(), amount=Decimal("-10"))
    with pytest.raises(ValidationError) as refused:
        line.full_clean()
    assert refused.value.message_dict["amount"] == ["Un montant ne peut pas être négatif."]


def test_a_negative_count_of_beneficiaries_is_refused_in_french():
    line = BeneficiaryCount(follow_up=FollowUpFactory(), public=PublicFactory(), planned=-3)
    with pytest.raises(ValidationError) as refused:
        line.full_clean()
    assert refused.value.message_dict["planned"] == [
        "Un nombre de bénéficiaires ne peut pas être négatif."
    ]


def test_a_negative_indicator_is_refused_in_french():
    indicator = Indicator(follow_up=FollowUpFactory(), label="Séances", achieved=Decimal("-1"))
    with pytest.raises(ValidationError) as refused:
        indicator.full_clean()
    assert refused.value.message_dict["achieved"] == [
        "Une valeur d'indicateur ne peut pas être négative."
    ]


def test_a_funder_appears_once_in_a_follow_up():
    line = CofundingFactory()
    again = Cofunding(follow_up=line.follow_up, funder=line.funder, amount=1)
    with pytest.raises(ValidationError) as refused:
        again.full_clean()
    assert "Ce financeur figure déjà dans ce suivi." in messages_of(refused.value)


def test_achieved_above_target_is_allowed_and_flagged():
    indicator = IndicatorFactory(target=Decimal(20), achieved=Decimal(25))
    indicator.full_clean()
    assert indicator.is_met
    assert indicator.exceeds_target


def test_an_indicator_without_achieved_value_is_neither_met_nor_flagged():
    indicator = IndicatorFactory(target=Decimal(20), achieved=None)
    assert not indicator.is_met
    assert not indicator.exceeds_target


def test_a_follow_up_adds_up_its_lines():
    follow_up = FollowUpFactory(cite_amount=Decimal("1000.50"))
    CofundingFactory(follow_up=follow_up, amount=Decimal("200"))
    CofundingFactory(follow_up=follow_up, amount=Decimal("300.25"))
    BeneficiaryCountFactory(follow_up=follow_up, planned=10, reached=None)
    BeneficiaryCountFactory(follow_up=follow_up, planned=5, reached=7)
    IndicatorFactory(follow_up=follow_up, target=Decimal(3), achieved=Decimal(3))
    IndicatorFactory(follow_up=follow_up, target=Decimal(3), achieved=Decimal(1))
    assert follow_up.budget == Decimal("1500.75")
    assert (follow_up.planned, follow_up.reached) == (15, 7)
    assert follow_up.indicators_met == 1


def test_every_change_is_kept_in_the_history():
    follow_up = FollowUpFactory(state=FollowUp.State.PLANNED)
    follow_up.state = FollowUp.State.DONE
    follow_up.save()
    line = CofundingFactory(follow_up=follow_up)
    line.delete()
    assert [entry.state for entry in follow_up.history.all()] == ["terminee", "prevue"]
    assert [entry.history_type for entry in Cofunding.history.all()] == ["-", "+"]


def test_deleting_a_fiche_deletes_its_follow_ups():
    follow_up = FollowUpFactory()
    CofundingFactory(follow_up=follow_up)
    follow_up.action.delete()
    assert not FollowUp.objects.exists()
    assert not Cofunding.objects.exists()
