"""UK phone numbers for helplines: parsed, stored, shown and linked in one place.

Full numbers are checked with `phonenumbers.is_valid_number` and stored in E.164
(`+443004560108`). Short codes (101, 999, 116 123, …) are not valid full numbers, so they are
checked against the library's short-number metadata and stored as their digits: `+44999`
cannot be dialled, so a short code is linked as `tel:999`.
"""

import functools
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

import phonenumbers

REGION = "GB"
UK_COUNTRY_CODE = 44
ACCEPTED_FORMS = (
    "Enter a UK phone number: a full number such as 0300 456 0108 or +44 300 456 0108, "
    "or a short code such as 101, 999, 111 or 116 123."
)
# Spaces, hyphens, dots and brackets people write between digits.
SEPARATORS = re.compile(r"[\s\-.()]")


def normalise(text: str) -> str:
    """The stored form of `text`: E.164 for a full number, digits for a short code.

    Raises ValidationError saying what is wrong (too short, too long, not a UK number, not a
    short code, premium-rate), or which forms are accepted when it is none of those.
    """
    compact = SEPARATORS.sub("", text or "")
    try:
        number = phonenumbers.parse(compact, REGION)
    except phonenumbers.NumberParseException as error:
        if error.error_type == phonenumbers.NumberParseException.TOO_LONG:
            raise ValidationError(_too_long(text.strip()), code="invalid") from error
        raise ValidationError(ACCEPTED_FORMS, code="invalid") from error
    if compact.isdigit() and len(compact) <= 6:
        if phonenumbers.is_valid_short_number_for_region(number, REGION):
            return compact
        raise ValidationError(
            f"“{text.strip()}” is not a recognised short code: UK short codes include 101, "
            "111, 999 and 116 123, and full numbers have 10 or 11 digits.",
            code="short_code",
        )
    if number.country_code != UK_COUNTRY_CODE:
        raise ValidationError(
            f"“{text.strip()}” is not a UK number (+{number.country_code} is another "
            "country): give the number UK callers dial.",
            code="not_uk",
        )
    if not phonenumbers.is_valid_number_for_region(number, REGION):
        raise ValidationError(_why_not_valid(compact, text.strip()), code="invalid")
    if phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.PREMIUM_RATE:
        raise ValidationError(
            f"“{text.strip()}” is a premium-rate number: callers would pay high charges. "
            "Give the helpline's standard or free number.",
            code="premium_rate",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _valid(compact: str) -> bool:
    try:
        return phonenumbers.is_valid_number_for_region(phonenumbers.parse(compact, REGION), REGION)
    except phonenumbers.NumberParseException:
        return False


def _why_not_valid(compact: str, text: str) -> str:
    """Too short when digits added would make a UK number, too long when digits taken away
    would; otherwise which forms are accepted."""
    if any(_valid(compact + str(digit) * count) for count in (1, 2, 3, 4) for digit in range(10)):
        return f"“{text}” is too short: UK numbers have 10 or 11 digits, such as 0300 456 0108."
    if any(_valid(compact[:-count]) for count in (1, 2, 3) if len(compact) > count + 6):
        return _too_long(text)
    national = "0" + compact[3:] if compact.startswith("+44") else compact
    if national.isdigit() and len(national) > 11:
        return _too_long(text)  # more digits than any UK number, whatever they start with
    return ACCEPTED_FORMS


def _too_long(text: str) -> str:
    return f"“{text}” is too long: UK numbers have 10 or 11 digits, such as 0300 456 0108."


def is_short_code(stored: str) -> bool:
    return not stored.startswith("+")


@functools.lru_cache(maxsize=1024)  # a handful of helplines, shown on every page
def display(stored: str) -> str:
    """National format: `0300 456 0108`, `101`, `116 123`. Worked out once per number and
    process: parsing and formatting one took 0.03 ms, on every page showing helplines."""
    if is_short_code(stored):
        # The library prints 116123 without a space; the 116 numbers are written 116 123.
        return f"{stored[:3]} {stored[3:]}" if len(stored) == 6 else stored
    number = phonenumbers.parse(stored, REGION)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def tel_href(stored: str) -> str:
    return f"tel:{stored}"


@functools.lru_cache(maxsize=1024)
def is_emergency(stored: str) -> bool:
    """True for a number that connects to the emergency services (999, 112)."""
    return is_short_code(stored) and phonenumbers.is_emergency_number(stored, REGION)


def validate(value: str) -> None:
    normalise(value)


def _normalised_or_unchanged(value):
    if not value:
        return value
    try:
        return normalise(value)
    except ValidationError:
        return value  # left for the validator to refuse, with its message


class UKPhoneNumberFormField(forms.CharField):
    """Accepts any written form, cleans to the stored form, shows the national format."""

    default_error_messages = {"required": ACCEPTED_FORMS}
    default_validators = [validate]

    def to_python(self, value):
        return _normalised_or_unchanged(super().to_python(value))

    def prepare_value(self, value):
        try:
            return display(normalise(value)) if value else value
        except ValidationError:
            return value


class UKPhoneNumberField(models.CharField):
    """A UK phone number or short code, stored normalised (see `normalise`)."""

    default_error_messages = {"blank": ACCEPTED_FORMS}
    default_validators = [validate]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return _normalised_or_unchanged(super().to_python(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": UKPhoneNumberFormField, **kwargs})

    def deconstruct(self):
        """A plain `CharField` to migrations: the column is text, and the rules (the validator,
        the normalising `to_python`, the form field) are today's code, applied by forms and
        `full_clean`. A migration never imports this module, so it runs the same however the
        rules change."""
        name, _, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
