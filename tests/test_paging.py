"""The catalogue's listing: parts read one after the other, counted up to a limit."""

import pytest

from actions.models import Action
from actions.paging import Listing
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def numbered():
    """Fiches 1 to 5; the odd ones as the first part, the even ones as the second."""
    for number in range(1, 6):
        ActionFactory(number=number)
    actions = Action.objects.order_by("number")
    return actions.filter(number__in=[1, 3, 5]), actions.filter(number__in=[2, 4])


def listing(parts, limit=100):
    return Listing(*parts, limit=limit)


def numbers(rows):
    return [action.number for action in rows]


def test_it_lists_the_parts_one_after_the_other(numbered):
    assert numbers(listing(numbered)[0:5]) == [1, 3, 5, 2, 4]


def test_a_slice_across_the_parts_reads_each_part_for_its_rows(numbered):
    assert numbers(listing(numbered)[2:4]) == [5, 2]


def test_a_slice_within_the_second_part_skips_the_first(numbered):
    assert numbers(listing(numbered)[3:5]) == [2, 4]


def test_it_counts_every_row_up_to_the_limit(numbered):
    assert listing(numbered).count() == 5
    assert not listing(numbered, limit=5).truncated


def test_past_the_limit_it_counts_the_limit_and_says_it_is_truncated(numbered):
    limited = listing(numbered, limit=4)
    assert limited.count() == 4
    assert limited.truncated


def test_rows_past_the_limit_are_not_listed(numbered):
    assert numbers(listing(numbered, limit=4)[0:30]) == [1, 3, 5, 2]


def test_a_limit_reached_in_the_first_part_leaves_the_second_uncounted(
    numbered, django_assert_num_queries
):
    limited = listing(numbered, limit=2)
    with django_assert_num_queries(1):
        assert limited.count() == 2


def test_a_page_past_the_end_is_empty_and_reads_nothing(numbered, django_assert_num_queries):
    short = listing(numbered)
    short.count()
    with django_assert_num_queries(0):
        assert short[10:20] == []


def test_it_takes_slices_only(numbered):
    with pytest.raises(TypeError):
        listing(numbered, limit=10)[0]
