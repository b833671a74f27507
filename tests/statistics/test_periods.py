import pytest

from statistics.periods import parse_period, period_sort_key, previous_period


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
