import re
import unicodedata
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from practice.models import Practice
from practice.privacy import current_notice
from practice.text import has_control_characters, has_visible_text

from .discretion import names_practice, telltales
from .models import BookingRequest, LookingForOption, Reply, ReplyTemplate
from .note_guard import looks_sensitive
from .spam import FormToken, spam_reason

LINE_BREAKS_AND_TABS = frozenset("\t\n\r")

PHONE_PUNCTUATION = re.compile(r"[\s().\-/]")
MIN_PHONE_DIGITS = 7
MAX_PHONE_DIGITS = 15  # the longest number the international (E.164) plan allows

TOO_LONG = "Please keep this to %(limit_value)d characters or fewer (it has %(show_value)d)."
NOT_AN_OPTION = "Please choose one of the options shown."
NAME_NEEDED = "Please tell us what to call you."
SEND_AGAIN = (
    "This form was open for a long while, so it needs sending once more. Everything you "
    "typed is still here: please check it, then press “Send request”."
)


def refuse_control_characters(text):
    """One-line fields: no tabs, line breaks or invisible control characters."""
    if has_control_characters(text):
        raise ValidationError(
            "This contains a line break or an invisible character. Please type it again."
        )


def refuse_control_characters_in_text(text):
    """Multi-line fields: line breaks and tabs are fine, other control characters are not."""
    if has_control_characters(text, allowed=LINE_BREAKS_AND_TABS):
        raise ValidationError("This contains invisible characters. Please type it again.")


def normalise_phone(text):
    """Forgive spaces, dashes, dots, brackets, a 00 prefix and digits of other scripts;
    keep ASCII digits, with a leading + for an international number."""
    if not text:
        return text
    # NFKC turns full-width digits and signs, as East Asian keyboards type them, into ASCII.
    digits = PHONE_PUNCTUATION.sub("", unicodedata.normalize("NFKC", text))
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    number = digits.removeprefix("+")
    if not (number.isdecimal() and MIN_PHONE_DIGITS <= len(number) <= MAX_PHONE_DIGITS):
        raise ValidationError(
            "Please enter a phone number in digits, like 555 123 4567, "
            "or +44 20 7946 0958 from outside the US."
        )
    prefix = "+" if digits.startswith("+") else ""
    return prefix + "".join(str(int(digit)) for digit in number)


def refuse_invisible_only(text):
    """A name of spaces or zero-width characters alone names nobody."""
    if not has_visible_text(text):
        raise ValidationError(NAME_NEEDED)


class MultilineField(forms.CharField):
    """Browsers send line breaks as two characters but count them as one for `maxlength`."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class TickBox(forms.CheckboxInput):
    """A box counts as ticked only when it sends what a ticked box sends: "on".

    Django's own checkbox also reads "0" or "no" as ticked; consent and permission to
    call or text must be given, not inferred.
    """

    def value_from_datadict(self, data, files, name):
        return data.get(name) == "on"


class AvailabilityField(forms.MultipleChoiceField):
    """Each time ticked once, in the order the form lists them, however the data repeats them."""

    def clean(self, value):
        chosen = set(super().clean(value))
        return [choice for choice, _ in self.choices if choice in chosen]


PHONE_METHODS = {BookingRequest.ContactMethod.PHONE, BookingRequest.ContactMethod.TEXT}
NOTE_GUARD = (
    "Your note may hold health or identity details, such as a diagnosis, a medicine, a date "
    "of birth or an insurance or social security number. We would rather hear about those "
    "when we talk: you can take them out, or press “Send request” again to send your note "
    "as it is."
)


class ClientForm(forms.ModelForm):
    """A form the client fills in, on the site's pages."""

    def error_summary(self):
        """Each field's error with the id of its control, for the list atop the form."""
        return [
            (f"{field.auto_id}_0" if field.use_fieldset else field.id_for_label, field.label, error)
            for field in self
            for error in field.errors
        ]


class ContactDetailsFields(ClientForm):
    """How to reach the client: asked by the booking form, corrected on their own page."""

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        validators=[refuse_control_characters],
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Please enter your email address, so that we can reply.",
            "invalid": "Please enter an email address like name@example.com.",
            "max_length": TOO_LONG,
        },
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=32,
        help_text="Only needed if you would like a call or a text.",
        validators=[refuse_control_characters],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"max_length": TOO_LONG},
    )

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])


class ContactWishesFields(ClientForm):
    """How and when the client may be contacted, and whether discreetly."""

    preferred_contact = forms.ChoiceField(
        label="How would you like us to contact you?",
        choices=BookingRequest.ContactMethod.choices,
        initial=BookingRequest.ContactMethod.EMAIL,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose how you would like us to contact you.",
            "invalid_choice": NOT_AN_OPTION,
        },
    )
    voicemail_ok = forms.BooleanField(
        label="OK to leave a voicemail", required=False, widget=TickBox
    )
    texts_ok = forms.BooleanField(label="OK to text", required=False, widget=TickBox)
    discreet = forms.BooleanField(
        label="Please be discreet when contacting me", required=False, widget=TickBox
    )
    safe_times = forms.CharField(
        label="Safe times to call or text",
        required=False,
        max_length=200,
        help_text="For example “weekdays between 9 and 3”.",
        validators=[refuse_control_characters],
        error_messages={"max_length": TOO_LONG},
    )
    may_name_practice = forms.BooleanField(
        label="You may say who you are, and name the practice, in a message or voicemail",
        required=False,
        widget=TickBox,
    )

    def check_contact_wishes(self, cleaned_data, phone, phone_error_field, phone_error):
        """Calls and texts need a number; asking for texts allows them; and the wishes that
        belong to discretion are dropped unless it was asked for."""
        contact = cleaned_data.get("preferred_contact")
        if contact in PHONE_METHODS and not phone and phone_error_field not in self.errors:
            self.add_error(phone_error_field, phone_error)
        if contact == BookingRequest.ContactMethod.TEXT:
            cleaned_data["texts_ok"] = True
        if not cleaned_data.get("discreet"):
            cleaned_data["safe_times"] = ""
            cleaned_data["may_name_practice"] = True


class SpamDefences(forms.Form):
    """A public form's defences against scripts, with no outside service: a honeypot field
    and a signed timing token (booking.spam)."""

    # The honeypot: hidden by the stylesheet and from assistive technology, so only a
    # script that fills in every field it finds puts anything here.
    website = forms.CharField(
        label="Website",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["form_token"] = FormToken.issue().sign()

    def judge_spam(self, cleaned_data, send_again):
        """Set `spam_reason` and return the form's token. A form left open overnight (or
        whose token was lost on the way) is a person's, most likely: it is refused with
        `send_again`, and a token they can send at once."""
        token = FormToken.read(cleaned_data.get("form_token", ""))
        self.spam_reason = spam_reason(honeypot=cleaned_data.get("website"), token=token)
        if not self.spam_reason and not (token and token.is_current()):
            self.data = self.data.copy()
            self.data["form_token"] = FormToken.renewed().sign()
            raise ValidationError(send_again, code="send_again")
        return token


class BookingRequestForm(ContactDetailsFields, ContactWishesFields, SpamDefences):
    """The public booking form. What makes a submission look like spam is judged here too,
    but never shown: a suspected bot sees the same thank-you page as a person."""

    name = forms.CharField(
        label="What should we call you?",
        max_length=100,
        validators=[refuse_control_characters, refuse_invisible_only],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": NAME_NEEDED, "max_length": TOO_LONG},
    )
    looking_for = forms.ModelChoiceField(
        label="What are you looking for?",
        queryset=LookingForOption.objects.offered(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose the closest answer; you can say more when we talk.",
            "invalid_choice": NOT_AN_OPTION,
        },
    )
    session_format = forms.ChoiceField(
        label="How would you like to meet?",
        choices=BookingRequest.SessionFormat.choices,
        initial=BookingRequest.SessionFormat.EITHER,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose in person, online or either.",
            "invalid_choice": NOT_AN_OPTION,
        },
    )
    availability = AvailabilityField(
        label="When are you generally free?",
        help_text="Tick any that usually suit you.",
        choices=BookingRequest.Availability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_AN_OPTION, "invalid_list": NOT_AN_OPTION},
    )
    note = MultilineField(
        label="Anything practical we should know?",
        help_text="For example access needs, or times you cannot do. "
        "Please leave out health details: we will talk about those together.",
        required=False,
        max_length=1000,
        validators=[refuse_control_characters_in_text],
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TOO_LONG},
    )
    consent = forms.BooleanField(
        label="I have read the privacy notice, and I understand this form is not for emergencies.",
        widget=TickBox,
        error_messages={"required": "Please tick this box to send your request."},
    )
    # Set once the note guard has asked: it asks once, then the note goes as it is.
    note_checked = forms.BooleanField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = BookingRequest
        fields = [
            "name",
            "email",
            "phone",
            "preferred_contact",
            "voicemail_ok",
            "texts_ok",
            "discreet",
            "safe_times",
            "may_name_practice",
            "looking_for",
            "session_format",
            "availability",
            "note",
        ]

    def __init__(self, *args, therapist, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.therapist = therapist

    def clean(self):
        cleaned_data = super().clean()
        self.check_contact_wishes(
            cleaned_data,
            cleaned_data.get("phone"),
            "phone",
            "Please add a phone number, or choose email as the way to reach you.",
        )
        note = cleaned_data.get("note")
        if note and not cleaned_data.get("note_checked") and looks_sensitive(note):
            self.data = self.data.copy()
            self.data["note_checked"] = "1"
            self.add_error("note", NOTE_GUARD)

        token = self.judge_spam(cleaned_data, SEND_AGAIN)
        # A spammer's missing token cannot name a request: the submission gets its own id.
        self.token = token.id if token else uuid.uuid4()
        return cleaned_data

    def save(self, commit=True):
        booking_request = super().save(commit=False)
        booking_request.token = self.token
        booking_request.consent_at = timezone.now()
        booking_request.privacy_notice_version = current_notice().version.version
        booking_request.new_link_key()
        if self.spam_reason:
            booking_request.status = BookingRequest.Status.SPAM
            booking_request.spam_reason = self.spam_reason
        if commit:
            booking_request.save()
        return booking_request


class ClientContactDetailsForm(ContactDetailsFields):
    """The client corrects their email address or phone number, from their private link."""

    class Meta:
        model = BookingRequest
        fields = ["email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["phone"] = self.instance.readable_phone

    def clean(self):
        cleaned_data = super().clean()
        if (
            self.instance.preferred_contact in PHONE_METHODS
            and "phone" in cleaned_data
            and not cleaned_data["phone"]
        ):
            self.add_error(
                "phone",
                "You asked us to call or text you, so we need a number. To be reached by "
                "email instead, change how we may contact you first.",
            )
        return cleaned_data


class ClientContactWishesForm(ContactWishesFields):
    """The client changes how and when they may be contacted, from their private link."""

    class Meta:
        model = BookingRequest
        fields = [
            "preferred_contact",
            "voicemail_ok",
            "texts_ok",
            "discreet",
            "safe_times",
            "may_name_practice",
        ]

    def clean(self):
        cleaned_data = super().clean()
        self.check_contact_wishes(
            cleaned_data,
            self.instance.phone,
            "preferred_contact",
            "We have no phone number for you. Please add one first, or choose email.",
        )
        return cleaned_data


class ReplyForm(forms.ModelForm):
    """A reply to a client, written on the request's page, most often from a template.

    To a client who asked for discretion, it may not mention therapy, nor, in the subject
    or where they did not allow it, the practice.
    """

    class Meta:
        model = Reply
        fields = ["template", "subject", "body"]
        labels = {"template": "Written from", "body": "Message"}
        widgets = {
            "template": forms.HiddenInput,
            "body": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, booking_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.booking_request = booking_request

    def clean(self):
        cleaned_data = super().clean()
        if not self.booking_request.discreet:
            return cleaned_data
        practice = Practice.get_solo()
        for field, may_name_practice in (
            ("subject", False),
            ("body", names_practice(self.booking_request)),
        ):
            found = telltales(
                cleaned_data.get(field, ""),
                self.booking_request,
                practice,
                may_name_practice=may_name_practice,
            )
            if found:
                self.add_error(
                    field,
                    "This client asked us to be discreet: please leave out "
                    + ", ".join(f"“{word}”" for word in found)
                    + ".",
                )
        return cleaned_data


class ReplyTemplateChoiceForm(forms.Form):
    """Which template to start a reply from."""

    template = forms.ModelChoiceField(
        ReplyTemplate.objects.all(),
        required=False,
        empty_label="Nothing: write from scratch",
        label="Start from",
    )
