from django import template

from booking.waitlist import WaitlistForm

register = template.Library()


@register.inclusion_tag("booking/includes/waitlist_form.html", takes_context=True)
def waitlist_form(context, therapist, form=None):
    """The waitlist's form on the booking page of a therapist who takes no new clients:
    blank, or as sent, with its errors (booking.views.JoinWaitlistView)."""
    return {
        "therapist": therapist,
        "form": form or WaitlistForm(),
        "csrf_token": context.get("csrf_token"),
    }
