"""Reporting periods: UK financial years written `2019/20`, or calendar years `2020`.

A period is stored as written and sorted by `period_sort_key` (the month it starts), so
that `2019/20` comes after `2009/10`, and `2020` between `2019/20` and `2020/21`.
"""

import re

from django.core.exceptions import ValidationError

_PERIOD = re.compile(r"(?P<start>\d{4})(?:/(?P<end>\d{2}))?")


def parse_period(text: str) -> tuple[int, bool]:
    """(start year, is a financial year) for a valid period; ValueError with a reason if not."""
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
        return f"{start - 1}/{start % 100:02d}"
    return str(start - 1)
