import re
import time

from django import forms
from django.utils.functional import cached_property

from .antispam import (
    MIN_SECONDS_TO_FILL,
    form_token,
    seconds_since_issued,
    sent_too_fast,
)
from .models import Enquiry, Topic

HONEYPOT_FIELD = "website"
TIMING_FIELD = "form_token"

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
PHONE_CHARACTERS = re.compile(r"^[0-9+()\-.\s]+$")


class EnquiryForm(forms.ModelForm):
    """The public enquiry form, with a honeypot and a signed time of showing."""

    # People never see this field; form-filling scripts fill it in.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Enquiry
        fields = ["name", "email", "phone", "topic", "account_reference", "message"]
        labels = {
            "name": "Your name",
            "email": "Your e-mail address",
            "phone": "Phone number",
            "topic": "What is your enquiry about?",
            "account_reference": "Account or reference number",
            "message": "Your message",
        }
        help_texts = {
            "email": "We will reply to this address.",
            "phone": "If you would like us to call you back.",
            "account_reference": "From our letter or message to you, if you have one.",
            "message": "Up to 5,000 characters. Please do not send card numbers, "
            "bank passwords or one-time PINs: we will never ask for them.",
        }
        error_messages = {
            "name": {"required": "Enter your name."},
            "email": {
                "required": "Enter your e-mail address, so that we can reply.",
                "invalid": "Enter an e-mail address like name@example.com.",
            },
            "topic": {"required": "Choose what your enquiry is about."},
            "message": {"required": "Enter your message."},
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(
                attrs={"autocomplete": "tel", "type": "tel", "inputmode": "tel"}
            ),
            "topic": forms.RadioSelect,
            "account_reference": forms.TextInput(attrs={"autocomplete": "off"}),
            "message": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons need no "---------" choice.
        self.fields["topic"].choices = Topic.choices
        self.fields["message"].error_messages["max_length"] = (
            "Your message is %(show_value)d characters long; please keep it to "
            "%(limit_value)d or fewer, or call us."
        )

    @cached_property
    def token(self) -> str:
        """The token to render: the one the person was shown, or a fresh one."""
        if not self.is_bound:
            return form_token()
        posted = self.data.get(TIMING_FIELD, "")
        if seconds_since_issued(posted) is not None:
            return posted
        # They have just sent the form once: sending it again at once is fine.
        return form_token(issued_at=time.time() - MIN_SECONDS_TO_FILL)

    def honeypot_filled(self) -> bool:
        """The field no person can see or reach was filled in: a program sent it."""
        return self.is_bound and bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def held_because(self) -> str:
        """Why to hold a valid enquiry back for review (sent faster than a person
        usually writes one, e.g. with autofill), or "" to handle it as usual."""
        token = self.data.get(TIMING_FIELD, "") if self.is_bound else ""
        if not sent_too_fast(token):
            return ""
        seconds = max(0.0, seconds_since_issued(token))
        return (
            f"Held as suspected spam: sent {seconds:.1f} seconds after the form "
            f"was shown (people usually take at least {MIN_SECONDS_TO_FILL}). "
            "The team was not e-mailed about it."
        )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if CONTROL_CHARACTERS.search(name):
            raise forms.ValidationError("Enter your name without special characters.")
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = sum(character.isdigit() for character in phone)
        if phone and (not PHONE_CHARACTERS.match(phone) or not 6 <= digits <= 20):
            raise forms.ValidationError(
                "Enter a phone number using digits, spaces and + ( ) - only, "
                "like +65 6123 4567."
            )
        return phone

    def clean_account_reference(self):
        return " ".join(self.cleaned_data["account_reference"].split())

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise forms.ValidationError(
                "Tell us a little more, so that we can help (at least 10 characters)."
            )
        return message

    def clean(self):
        cleaned = super().clean()
        if seconds_since_issued(self.data.get(TIMING_FIELD, "")) is None:
            self.add_error(
                None,
                "We could not check this form. Please check your details and "
                "send it again.",
            )
        return cleaned

    @property
    def enquiry_fields(self) -> dict:
        """The cleaned values the enquiry is made of (no honeypot)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
