"""Reporting periods: UK financial years written `2019/20`, or calendar years `2020`.

A period is stored as written in its canonical form and sorted by `period_sort_key` (the
month it starts), so that `2019/20` comes after `2009/10`, and `2020` between `2019/20` and
`2020/21`. `normalise_period` reads the other ways publishers write the same periods
(`2019-20`, `2019/2020`, `FY 2019/20`, `Apr 2019 to Mar 2020`, `year ending March 2020`),
for the importer and for anything an editor types; `parse_quarter` reads quarters and
places them in their financial year.
"""

import re

from django.core.exceptions import ValidationError

_PERIOD = re.compile(r"(?P<start>\d{4})(?:/(?P<end>\d{2}))?")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<{}>[a-z]{{3,9}})\.?"
# "2019/20", "2019-20", "2019/2020", "2019 - 2020", "2019–20", each optionally after "FY".
_YEAR_PAIR = re.compile(
    r"(?:fy|financial year)?\s*(?P<start>\d{4})\s*[/\-–—]\s*(?P<end>\d{2}|\d{4})"
)
# "Apr 2019 to Mar 2020", "April 2019 - March 2020", "Jan 2020 to Dec 2020".
_MONTH_RANGE = re.compile(
    _MONTH.format("first")
    + r"\s*(?P<start>\d{4})\s*(?:to|[\-–—])\s*"
    + _MONTH.format("last")
    + r"\s*(?P<end>\d{4})"
)
# "year ending March 2020", "YE Mar 2020", "12 months to March 2020".
_YEAR_ENDING = re.compile(
    r"(?:year ending|year ended|ye|12 months (?:to|ending))\s+"
    + _MONTH.format("last")
    + r"\s*(?P<end>\d{4})"
)
_CALENDAR = re.compile(r"(?:cy|calendar year)?\s*(?P<year>\d{4})(?:\.0+)?")
# Quarters: "Q1 2019/20", "2019/20 Q1", "2019-20 Quarter 1", "Apr to Jun 2019", "Apr-Jun 2019".
_QUARTER_NUMBER = re.compile(r"(?:q|quarter)\s*(?P<q>[1-4])|(?P<bare>[1-4])(?:\.0+)?")
_QUARTER_IN_PERIOD = re.compile(
    r"(?:(?:q|quarter)\s*(?P<q1>[1-4])\s*,?\s*(?P<fy1>.+)|(?P<fy2>.+?)\s*,?\s*(?:q|quarter)\s*(?P<q2>[1-4]))"
)
_MONTH_QUARTER = re.compile(
    _MONTH.format("first") + r"\s*(?:to|[\-–—])\s*" + _MONTH.format("last") + r"\s*(?P<year>\d{4})?"
)
_FIRST_MONTH_OF_QUARTER = {4: 1, 7: 2, 10: 3, 1: 4}


def parse_period(text: str) -> tuple[int, bool]:
    """(start year, is a financial year) for a period in its canonical form (`2019/20` or
    `2020`); ValueError with a reason if not. `normalise_period` reads other spellings."""
    match = _PERIOD.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            f"“{text}” is not a period: write a financial year like 2019/20 or a year like 2020"
        )
    start = int(match["start"])
    if match["end"] is None:
        return start, False
    if int(match["end"]) != (start + 1) % 100:
        raise ValueError(
            f"“{text}” is not a financial year: the second year must follow the first "
            f"(write {start}/{(start + 1) % 100:02d})"
        )
    return start, True


def financial_year(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def _month(name: str, text: str) -> int:
    try:
        return _MONTHS[name]
    except KeyError:
        raise ValueError(f"“{text}” is not a period: “{name}” is not a month") from None


def _clean(text) -> str:
    return " ".join(str(text).replace("\u00a0", " ").split()).lower()


def normalise_period(text) -> str:
    """The canonical form (`2019/20` or `2020`) of a period however it is written;
    ValueError with a reason if it is not a period or names years that do not follow."""
    clean = _clean(text)
    if match := _CALENDAR.fullmatch(clean):
        return match["year"]
    if match := _YEAR_PAIR.fullmatch(clean):
        start, end = int(match["start"]), match["end"]
        follows = int(end) == start + 1 if len(end) == 4 else int(end) == (start + 1) % 100
        if not follows:
            raise ValueError(
                f"“{text}” is not a financial year: the second year must follow the first "
                f"(write {financial_year(start)})"
            )
        return financial_year(start)
    if match := _MONTH_RANGE.fullmatch(clean):
        first, last = _month(match["first"], text), _month(match["last"], text)
        start, end = int(match["start"]), int(match["end"])
        if (first, last, end) == (4, 3, start + 1):
            return financial_year(start)
        if (first, last, end) == (1, 12, start):
            return str(start)
        raise ValueError(
            f"“{text}” is not a financial year (April to March) or a calendar year "
            "(January to December)"
        )
    if match := _YEAR_ENDING.fullmatch(clean):
        last, end = _month(match["last"], text), int(match["end"])
        if last == 3:
            return financial_year(end - 1)
        if last == 12:
            return str(end)
        raise ValueError(f"“{text}” ends in neither March nor December: not a year we hold")
    raise ValueError(
        f"“{text}” is not a period: write a financial year like 2019/20 or a year like 2020"
    )


def parse_quarter(period, quarter=None) -> tuple[str, int]:
    """(financial year, quarter 1–4, where quarter 1 is April to June) for a quarter written
    in one cell ("Q1 2019/20", "Apr to Jun 2019") or as a financial year and a quarter column
    ("2019/20" and "Q1", "1" or "Apr-Jun"); ValueError with a reason if not."""
    if quarter not in (None, ""):
        return normalise_period(period), _quarter_number(quarter)
    clean = _clean(period)
    if match := _QUARTER_IN_PERIOD.fullmatch(clean):
        year = normalise_period(match["fy1"] or match["fy2"])
        if "/" not in year:
            raise ValueError(
                f"“{period}” is ambiguous: write the financial year (Q1 2019/20 is April to "
                "June 2019) or the months (Jan to Mar 2019)"
            )
        return year, int(match["q1"] or match["q2"])
    if (match := _MONTH_QUARTER.fullmatch(clean)) and match["year"]:
        number = _months_quarter(match, period)
        year = int(match["year"])
        return financial_year(year - 1 if number == 4 else year), number
    raise ValueError(f"“{period}” is not a quarter: write Q1 2019/20 or Apr to Jun 2019")


def _quarter_number(text) -> int:
    clean = _clean(text)
    if match := _QUARTER_NUMBER.fullmatch(clean):
        return int(match["q"] or match["bare"])
    if (match := _MONTH_QUARTER.fullmatch(clean)) and not match["year"]:
        return _months_quarter(match, text)
    raise ValueError(f"“{text}” is not a quarter: write 1 to 4, Q1 to Q4 or Apr to Jun")


def _months_quarter(match, text) -> int:
    first, last = _month(match["first"], text), _month(match["last"], text)
    if first not in _FIRST_MONTH_OF_QUARTER or last != first + 2:
        raise ValueError(f"“{text}” is not a quarter of the financial year")
    return _FIRST_MONTH_OF_QUARTER[first]


def validate_period(text: str) -> None:
    try:
        parse_period(text)
    except ValueError as error:
        raise ValidationError(str(error)) from error


def period_sort_key(text: str) -> int:
    """Chronological order by the month a period starts: January, or April for a financial year."""
    start, financial = parse_period(text)
    return start * 12 + (3 if financial else 0)


def previous_period(text: str) -> str:
    """The period before: 2018/19 for 2019/20, 2019 for 2020."""
    start, financial = parse_period(text)
    if financial:
        return financial_year(start - 1)
    return str(start - 1)
