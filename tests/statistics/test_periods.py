import re

import pytest

from statistics.periods import (
    normalise_period,
    parse_period,
    parse_quarter,
    period_sort_key,
    previous_period,
)


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("2019/20", (2019, True)), ("1999/00", (1999, True)), ("2020", (2020, False))],
)
def test_valid_periods(text, parsed):
    assert parse_period(text) == parsed


@pytest.mark.parametrize(
    "text", ["2019/21", "2019/2020", "19/20", "2019-20", "", "twenty", "2019/"]
)
def test_invalid_periods_say_why(text):
    with pytest.raises(ValueError, match="2019/20|financial year"):
        parse_period(text)


def test_periods_sort_chronologically_not_as_text():
    periods = ["2020/21", "2009/10", "2020", "2019/20", "1999/00", "2019"]
    assert sorted(periods, key=period_sort_key) == [
        "1999/00",
        "2009/10",
        "2019",
        "2019/20",
        "2020",
        "2020/21",
    ]


@pytest.mark.parametrize(
    ("period", "before"), [("2019/20", "2018/19"), ("2000/01", "1999/00"), ("2020", "2019")]
)
def test_previous_period(period, before):
    assert previous_period(period) == before


@pytest.mark.parametrize(
    "text",
    [
        "2019/20",
        "2019-20",
        "2019/2020",
        "2019-2020",
        "2019–20",
        "FY 2019/20",
        "FY2019/20",
        "fy 2019-20",
        "Apr 2019 to Mar 2020",
        "April 2019 - March 2020",
        "Year ending March 2020",
    ],
)
def test_financial_years_however_written_normalise(text):
    assert normalise_period(text) == "2019/20"


@pytest.mark.parametrize(
    "text", ["2020", 2020, 2020.0, "Jan 2020 to Dec 2020", "year ending Dec 2020"]
)
def test_calendar_years_however_written_normalise(text):
    assert normalise_period(text) == "2020"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2019/21", "second year must follow the first (write 2019/20)"),
        ("2019-2021", "second year must follow the first"),
        ("Apr 2019 to Jun 2019", "not a financial year (April to March)"),
        ("year ending June 2020", "neither March nor December"),
        ("19/20", "not a period"),
        ("soon", "not a period"),
    ],
)
def test_what_is_not_a_period_says_why(text, words):
    with pytest.raises(ValueError, match=re.escape(words)):
        normalise_period(text)


@pytest.mark.parametrize(
    ("period", "quarter", "parsed"),
    [
        ("Q1 2019/20", None, ("2019/20", 1)),
        ("2019/20 Q4", None, ("2019/20", 4)),
        ("Apr to Jun 2019", None, ("2019/20", 1)),
        ("Jan-Mar 2020", None, ("2019/20", 4)),
        ("2019/20", "Q2", ("2019/20", 2)),
        ("2019-20", 3, ("2019/20", 3)),
        ("2019/20", "Oct to Dec", ("2019/20", 3)),
    ],
)
def test_quarters_belong_to_their_financial_year(period, quarter, parsed):
    assert parse_quarter(period, quarter) == parsed


@pytest.mark.parametrize(
    ("period", "quarter"), [("2019 Q1", None), ("2019/20", "5"), ("Feb-Apr 2019", None)]
)
def test_what_is_not_a_quarter_is_refused(period, quarter):
    with pytest.raises(ValueError):
        parse_quarter(period, quarter)
