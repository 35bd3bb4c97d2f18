"""Who must give a second factor at sign-in, and what a locked-out sign-in is told.

Anyone who may read booking requests (Intake, superusers) must enrol an authenticator app;
anyone else may. Whoever enrolled one gives a code from it (or a recovery code) at each
sign-in: django-two-factor-auth asks whenever the user has its "default" device.
"""

from axes.helpers import get_cool_off
from django.shortcuts import render
from django.utils import timezone
from two_factor.utils import default_device

READS_CLIENTS = "booking.view_bookingrequest"


def must_enrol(user):
    """A user who must enrol a second factor and has none yet: they may only enrol."""
    return user.has_perm(READS_CLIENTS) and not default_device(user)


def second_factor_satisfied(user):
    """Whether the admin may serve this signed-in user: verified in this session by a
    device they enrolled, or without any and not required to have one."""
    if user.is_verified():
        return True
    return not default_device(user) and not user.has_perm(READS_CLIENTS)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a sign-in while the account or address is locked: when to try
    again. Each refused try starts the cooling-off again, so it ends that long from now."""
    try_again_at = timezone.now() + get_cool_off(request)
    return render(
        request, "two_factor/core/locked_out.html", {"try_again_at": try_again_at}, status=429
    )
