"""A staff member's phone, for tests: an enrolled authenticator app and the codes it shows."""

from django_otp.oath import totp


def enrol(user):
    """The user's authenticator app, enrolled and confirmed as the setup wizard leaves it."""
    return user.totpdevice_set.create(name="default", confirmed=True)


def current_code(device, steps_ahead=0):
    """The six digits the app shows now, or that many 30-second steps later."""
    code = totp(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=steps_ahead
    )
    return f"{code:0{device.digits}d}"
