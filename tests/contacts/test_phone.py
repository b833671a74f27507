"""Every written form of a number the issue names: accepted and normalised, or refused."""

from django.core.exceptions import ValidationError

import pytest

from contacts import phone
from contacts.models import Helpline, HelplineKind

ACCEPTED = [
    # written,            stored,          shown,           link,                 emergency
    ("0300 456 0108", "+443004560108", "0300 456 0108", "tel:+443004560108", False),
    ("+44 300 456 0108", "+443004560108", "0300 456 0108", "tel:+443004560108", False),
    ("01225 123456", "+441225123456", "01225 123456", "tel:+441225123456", False),
    ("(01225) 123-456", "+441225123456", "01225 123456", "tel:+441225123456", False),
    ("101", "101", "101", "tel:101", False),
    ("999", "999", "999", "tel:999", True),
    ("112", "112", "112", "tel:112", True),
    ("111", "111", "111", "tel:111", False),
    ("116 123", "116123", "116 123", "tel:116123", False),
    ("116 000", "116000", "116 000", "tel:116000", False),
    (" 999 ", "999", "999", "tel:999", True),
]
REFUSED = ["abc", "", "   ", "+44 999", "0"]
# Mistakes that have a name: the message says which one.
MISTAKES = [
    ("0300 456", "“0300 456” is too short: UK numbers have 10 or 11 digits"),
    ("0300 456 010", "“0300 456 010” is too short: UK numbers have 10 or 11 digits"),
    ("0300 456 0108 99", "“0300 456 0108 99” is too long: UK numbers have 10 or 11 digits"),
    ("0300 456 0108 1234", "“0300 456 0108 1234” is too long: UK numbers have 10 or 11 digits"),
    ("0300 456 0108 1234 5678", "“0300 456 0108 1234 5678” is too long: UK numbers have"),
    ("+44 300 456 0108 1234", "“+44 300 456 0108 1234” is too long: UK numbers have"),
    ("+1 202 555 0123", "“+1 202 555 0123” is not a UK number (+1 is another country)"),
    ("999999", "“999999” is not a recognised short code: UK short codes include 101"),
    ("12345", "“12345” is not a recognised short code"),
    ("0909 879 0000", "“0909 879 0000” is a premium-rate number: callers would pay high charges"),
]


@pytest.mark.parametrize(("written", "stored", "shown", "link", "emergency"), ACCEPTED)
def test_accepted_forms_are_stored_normalised_and_shown_nationally(
    written, stored, shown, link, emergency
):
    assert phone.normalise(written) == stored
    assert phone.normalise(stored) == stored  # normalising twice changes nothing
    assert phone.display(stored) == shown
    assert phone.tel_href(stored) == link
    assert phone.is_emergency(stored) is emergency


@pytest.mark.parametrize("written", REFUSED)
def test_anything_else_is_refused_with_the_accepted_forms(written):
    with pytest.raises(ValidationError) as error:
        phone.normalise(written)
    assert error.value.messages == [phone.ACCEPTED_FORMS]


@pytest.mark.parametrize(("written", "message"), MISTAKES)
def test_a_named_mistake_is_refused_saying_what_is_wrong(written, message):
    with pytest.raises(ValidationError) as error:
        phone.UKPhoneNumberFormField().clean(written)
    assert len(error.value.messages) == 1
    assert error.value.messages[0].startswith(message)


@pytest.mark.parametrize("written", REFUSED)
def test_the_form_field_refuses_with_a_message_naming_the_accepted_forms(written):
    field = phone.UKPhoneNumberFormField()
    with pytest.raises(ValidationError) as error:
        field.clean(written)
    assert error.value.messages == [phone.ACCEPTED_FORMS]
    assert "0300 456 0108" in phone.ACCEPTED_FORMS and "116 123" in phone.ACCEPTED_FORMS


@pytest.mark.parametrize(("written", "stored", "shown", "link", "emergency"), ACCEPTED)
def test_the_form_field_cleans_to_the_stored_form_and_shows_the_national_one(
    written, stored, shown, link, emergency
):
    field = phone.UKPhoneNumberFormField()
    assert field.clean(written) == stored
    assert field.prepare_value(stored) == shown


@pytest.mark.django_db
@pytest.mark.parametrize(("number", "kind"), [("999", "support"), ("112", "safeguarding")])
def test_an_emergency_number_is_marked_emergency_whatever_kind_was_chosen(number, kind):
    helpline = Helpline(name="Any", number=number, kind=kind, when_to_call="Now.")
    helpline.full_clean()
    assert helpline.kind == HelplineKind.EMERGENCY


@pytest.mark.django_db
def test_a_non_emergency_number_keeps_its_kind():
    helpline = Helpline(name="Any", number="116 123", kind="support", when_to_call="Any time.")
    helpline.full_clean()
    assert (helpline.kind, helpline.number) == (HelplineKind.SUPPORT, "116123")


@pytest.mark.django_db
def test_a_page_of_helplines_parses_each_number_once_per_process(
    client, story_with_helplines, monkeypatch
):
    """Parsing and formatting a number took 0.03 ms on every page: each number is worked
    out once, and every page after shows the same text."""
    phone.display.cache_clear()
    phone.is_emergency.cache_clear()
    parsed = []
    parse = phone.phonenumbers.parse
    monkeypatch.setattr(
        phone.phonenumbers, "parse", lambda *args: parsed.append(args[0]) or parse(*args)
    )
    story = story_with_helplines(
        [
            Helpline.objects.create(
                name="Childline", number="08001111", kind="support", when_to_call="Any time."
            ),
            Helpline.objects.create(
                name="Police", number="999", kind="emergency", when_to_call="Now."
            ),
        ]
    )
    first = client.get(story.url).content.decode()
    assert "0800 1111" in first and 'href="tel:999"' in first
    assert parsed.count("+448001111") == 1
    parsed.clear()

    second = client.get(story.url).content.decode()

    assert "0800 1111" in second and 'href="tel:999"' in second
    assert parsed == []
