from django import template
from django.urls import reverse

from booking.models import BookingRequest

register = template.Library()


@register.inclusion_tag("admin/booking/new_requests_notice.html", takes_context=True)
def new_requests_notice(context):
    """How many requests wait for a first look, and how many of them for longer than the
    practice promises, for staff who may see them."""
    if not context["request"].user.has_perm("booking.view_bookingrequest"):
        return {}
    changelist = reverse("admin:booking_bookingrequest_changelist")
    return {
        "new_count": BookingRequest.objects.new().count(),
        "overdue_count": BookingRequest.objects.overdue().count(),
        "new_url": f"{changelist}?status=new",
        "overdue_url": f"{changelist}?status=overdue",
    }
