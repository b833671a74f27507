"""The sign-up form and the request for one's data. Both work without JavaScript; the
sign-up form has a honeypot field that people never see and bots fill in."""

from django import forms

from . import follows
from .models import Frequency

FOLLOW_LIMIT = 10


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address like name@example.com.",
        },
    )
    follow = forms.MultipleChoiceField(
        label="What to follow",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one thing to follow."},
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=Frequency.choices,
        initial=Frequency.INSTANT,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often.", "invalid_choice": "Choose how often."},
    )
    # The honeypot: hidden from people by the stylesheet, labelled so nobody fills it in.
    website = forms.CharField(label="Leave this empty", required=False)
    page = forms.CharField(required=False, widget=forms.HiddenInput, max_length=300)

    def __init__(self, *args, offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        values = list(offered) + list(self.data.getlist("follow") if self.data else [])
        choices = {}
        for value in values[: FOLLOW_LIMIT * 2]:
            label = follows.label(value)
            if label:
                choices[value] = label
        self.fields["follow"].choices = list(choices.items())
        self.fields["follow"].error_messages["invalid_choice"] = (
            "That is not something you can follow here."
        )

    def clean_follow(self):
        values = self.cleaned_data["follow"]
        if len(values) > FOLLOW_LIMIT:
            raise forms.ValidationError(f"Choose at most {FOLLOW_LIMIT} things at once.")
        return [follows.parse(value) for value in values]

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class MyDataForm(forms.Form):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address like name@example.com.",
        },
    )
