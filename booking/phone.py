"""A client's phone number as staff read and dial it (phonenumbers, Google's
libphonenumber). The form stores digits, with a + in front of an international number."""

import phonenumbers
from django.conf import settings


def parsed(digits):
    try:
        return phonenumbers.parse(digits, settings.PHONE_REGION)
    except phonenumbers.NumberParseException:
        return None


def readable(digits):
    """'(555) 010-2030' for a number of the practice's country, '+44 20 7946 0958' for
    another; as stored when it is no number phonenumbers knows."""
    number = parsed(digits)
    if number is None or not phonenumbers.is_possible_number(number):
        return digits
    home = number.country_code == phonenumbers.country_code_for_region(settings.PHONE_REGION)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def dialable(digits):
    """The number for a tel: or sms: link: +15550102030."""
    number = parsed(digits)
    if number is None or not phonenumbers.is_possible_number(number):
        return digits
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
