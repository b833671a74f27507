"""Percent change: exact integer rounding, halves away from zero, and how it is worded."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statistics.change import Change, Comparison, direction, percent_change

counts = st.integers(min_value=0, max_value=10**40)


def reference(old, new):
    """The rule written with exact fractions: round half away from zero."""
    exact = Fraction(new - old, old) * 100
    whole, rest = divmod(abs(exact), 1)
    return int(whole + (1 if rest >= Fraction(1, 2) else 0)) * (1 if exact >= 0 else -1)


@pytest.mark.parametrize(
    ("old", "new", "percent"),
    [
        (77, 63, -18),  # -18.18…
        (131, 247, 89),  # +88.55…
        (200, 201, 1),  # +0.5: half, away from zero
        (200, 199, -1),  # -0.5
        (8, 9, 13),  # +12.5
        (8, 7, -13),  # -12.5
        (3, 4, 33),  # +33.33…
        (3, 5, 67),  # +66.66…
        (1000, 1004, 0),  # +0.4
        (1000, 996, 0),  # -0.4
        (5, 0, -100),
        (1, 10**30, 10**32 - 100),
        (10**30, 10**30 + 5 * 10**27, 1),  # +0.5 at thirty digits
        (50, 50, 0),
    ],
)
def test_known_changes(old, new, percent):
    assert percent_change(old, new) == percent


def test_from_zero_there_is_no_percentage():
    assert percent_change(0, 12) is None
    assert percent_change(0, 0) is None


def test_counts_cannot_be_negative():
    with pytest.raises(ValueError):
        percent_change(-1, 5)


@given(old=counts.filter(bool), new=counts)
def test_matches_exact_rounding_for_any_counts(old, new):
    assert percent_change(old, new) == reference(old, new)


@given(old=counts.filter(bool), new=counts)
def test_sign_follows_direction(old, new):
    percent = percent_change(old, new)
    if direction(old, new) == "down":
        assert percent <= 0
    elif direction(old, new) == "up":
        assert percent >= 0
    else:
        assert percent == 0


@pytest.mark.parametrize(
    ("old", "new", "phrase"),
    [
        (77, 63, "a drop of 18%"),
        (131, 247, "an 89% increase"),
        (100, 108, "an 8% increase"),
        (100, 111, "an 11% increase"),
        (100, 118, "an 18% increase"),
        (100, 180, "an 80% increase"),
        (100, 200, "a 100% increase"),
        (100, 112, "a 12% increase"),
        (100, 900, "an 800% increase"),
        (1, 111, "an 11,000% increase"),
        (1, 181, "an 18,000% increase"),
        (1000, 1004, "up by less than 1%"),
        (1000, 996, "down by less than 1%"),
        (0, 12, "up from 0 to 12"),
        (12, 12, "no change"),
        (0, 0, "no change"),
        (40, 0, "a drop of 100%"),
    ],
)
def test_phrases(old, new, phrase):
    assert Change(old, new).phrase == phrase


@pytest.mark.parametrize(
    ("old", "new", "text"), [(77, 63, "−18%"), (131, 247, "+89%"), (5, 5, "0%"), (0, 3, "–")]
)
def test_signed_percent_for_tables(old, new, text):
    assert Change(old, new).signed_percent == text


def test_comparison_sentence_is_worded_from_the_unit():
    comparison = Comparison(
        unit="incidents", period="2019/20", value=63, previous_period="2018/19", previous_value=77
    )
    assert (
        comparison.sentence == "63 incidents in 2019/20, compared to 77 in 2018/19: a drop of 18%"
    )
    large = Comparison(
        unit="crimes", period="2020", value=12_500, previous_period="2019", previous_value=10_000
    )
    assert large.sentence == "12,500 crimes in 2020, compared to 10,000 in 2019: a 25% increase"
