"""Percent change between two counts: computed here, once, for blocks, data pages and downloads.

Integer arithmetic only, so that rounding is exact at every size: the change is rounded to a
whole percent with halves away from zero (77 → 63 is −18.18…, so −18; 131 → 247 is +88.55…,
so +89). From 0 there is no percentage, and equal values are "no change".
"""

from dataclasses import dataclass

UP, DOWN, SAME = "up", "down", "same"


def percent_change(old: int, new: int) -> int | None:
    """`(new - old) / old` as a whole percent, halves away from zero; None when `old` is 0."""
    if old < 0 or new < 0:
        raise ValueError("figures are counts: they cannot be negative")
    if old == 0:
        return None
    quotient, remainder = divmod(abs(new - old) * 100, old)
    if remainder * 2 >= old:
        quotient += 1
    return quotient if new >= old else -quotient


def direction(old: int, new: int) -> str:
    if new > old:
        return UP
    if new < old:
        return DOWN
    return SAME


def _indefinite_article(number: int) -> str:
    """“an” before numbers said with a leading vowel: 8, 11, 18, 80–89, 800–899, 11,000 …"""
    digits = str(number)
    lead = int(digits[: len(digits) % 3 or 3])
    return "an" if str(lead).startswith("8") or lead in (11, 18) else "a"


@dataclass(frozen=True)
class Change:
    """The change from an old count to a new one, and how to say it."""

    old: int
    new: int

    @property
    def percent(self) -> int | None:
        return percent_change(self.old, self.new)

    @property
    def direction(self) -> str:
        return direction(self.old, self.new)

    @property
    def phrase(self) -> str:
        """“a drop of 18%”, “an 89% increase”, “no change”, “up from 0 to 12”."""
        if self.old == self.new:
            return "no change"
        if self.old == 0:
            return f"up from 0 to {self.new:,}"
        percent = self.percent
        if percent == 0:
            return "up by less than 1%" if self.new > self.old else "down by less than 1%"
        if percent < 0:
            return f"a drop of {-percent:,}%"
        return f"{_indefinite_article(percent)} {percent:,}% increase"

    @property
    def signed_percent(self) -> str:
        """For tables: “+89%”, “−18%” (a real minus sign), “0%”, or “–” when there is none."""
        percent = self.percent
        if percent is None:
            return "–"
        if percent > 0:
            return f"+{percent:,}%"
        if percent < 0:
            return f"−{-percent:,}%"
        return "0%"


@dataclass(frozen=True)
class Comparison:
    """One figure set against an earlier one, said the way a reporter would say it."""

    unit: str
    period: str
    value: int
    previous_period: str
    previous_value: int

    @property
    def change(self) -> Change:
        return Change(self.previous_value, self.value)

    @property
    def sentence(self) -> str:
        """“63 incidents in 2019/20, compared to 77 in 2018/19: a drop of 18%”."""
        return (
            f"{self.value:,} {self.unit} in {self.period}, compared to "
            f"{self.previous_value:,} in {self.previous_period}: {self.change.phrase}"
        )
