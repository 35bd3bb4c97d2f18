from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from practice.caching import behind_secret_address
from practice.models import Therapist
from practice.seo import PageMeta, PageMetaMixin

from . import waitlist
from .client_link import request_for
from .forms import BookingRequestForm, ClientContactDetailsForm, ClientContactWishesForm
from .models import BookingRequest
from .notifications import notify_after_commit, send_new_link
from .ratelimit import client_hashes, lock_client, over_limit
from .withdrawal import withdraw


@method_decorator(never_cache, name="dispatch")  # each form carries its own one-time token
class BookingRequestView(PageMetaMixin, FormView):
    """The booking form for the practice's default therapist, or for the one in the URL."""

    form_class = BookingRequestForm
    template_name = "booking/bookingrequest_form.html"
    rate_limited_template_name = "booking/rate_limited.html"
    is_rate_limited = False

    def dispatch(self, request, *args, **kwargs):
        if "slug" in kwargs:
            self.therapist = get_object_or_404(Therapist, slug=kwargs["slug"])
        else:
            self.therapist = Therapist.objects.default_for(request)
            if self.therapist is None:
                raise Http404("The practice has no therapist yet.")
        if not self.therapist.accepting_new_clients:
            return self.render_to_response(self.get_context_data(form=None))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "therapist": self.therapist}

    def get_meta(self):
        if self.is_rate_limited:
            return PageMeta(title="Please try again later", noindex=True)
        return PageMeta(
            title=f"Book therapy with {self.therapist.name}",
            description=f"Ask for a first appointment with {self.therapist.name}.",
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            therapist=self.therapist,
            other_therapists=Therapist.objects.accepting_new_clients().exclude(
                pk=self.therapist.pk
            ),
            **kwargs,
        )

    def form_valid(self, form):
        # A refresh, a resent POST or a second click of the same form: already stored.
        if BookingRequest.objects.filter(token=form.token).exists():
            return redirect("booking:thanks")
        hashes = client_hashes(self.request)
        booking_request = form.save(commit=False)
        booking_request.client_hash = hashes[0]
        try:
            with transaction.atomic():
                lock_client(booking_request.client_hash)
                if over_limit(hashes):
                    return self.rate_limited()
                booking_request.save()
                if booking_request.status != BookingRequest.Status.SPAM:
                    notify_after_commit(booking_request)
        except IntegrityError:
            # The same form submitted twice at once: the other submission stored it.
            if not BookingRequest.objects.filter(token=form.token).exists():
                raise
        return redirect("booking:thanks")

    def rate_limited(self):
        self.is_rate_limited = True
        return TemplateResponse(
            self.request, self.rate_limited_template_name, self.get_context_data(), status=429
        )


@method_decorator(never_cache, name="dispatch")  # a booking page: kept by no cache
class ThanksView(PageMetaMixin, TemplateView):
    """What happens next; it names nothing the client sent, so it is the same for everyone.

    It promises no confirmation email: a request kept as suspected spam, or sent while
    email is off, gets none, and this page cannot tell them apart.
    """

    template_name = "booking/thanks.html"

    def get_meta(self):
        return PageMeta(title="Thank you: your request has reached us", noindex=True)


class ClientLinkMixin(PageMetaMixin):
    """A page behind a client's private link (booking.client_link), about their request
    alone. A link that names no request, for whatever reason, gets one neutral page.

    Its forms need no CSRF token: the secret address is itself what lets a POST act, and
    no other site can forge a request to an address it does not know. (The token could
    not work here anyway: with `no-referrer`, browsers send `Origin: null`.)
    """

    @method_decorator(csrf_exempt)
    @method_decorator(behind_secret_address)
    def dispatch(self, request, *args, token, **kwargs):
        self.token = token
        self.booking_request = request_for(token)
        if self.booking_request is None:
            return TemplateResponse(
                request,
                "booking/link_not_working.html",
                {
                    "meta": PageMeta(
                        title="This link does not work", noindex=True, secret_address=True
                    ),
                    "link_days": settings.BOOKING_CLIENT_LINK_DAYS,
                },
                status=404,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_meta(self):
        return PageMeta(title=self.title, noindex=True, secret_address=True)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            booking_request=self.booking_request,
            token=self.token,
            link_days=settings.BOOKING_CLIENT_LINK_DAYS,
            **kwargs,
        )


class YourRequestView(ClientLinkMixin, TemplateView):
    """Where the client's request stands, what they asked for, and what they can do."""

    template_name = "booking/your_request.html"
    title = "Your request"


class ClientFormMixin(ClientLinkMixin):
    """A form changing the client's own request; what they change is theirs to change,
    and the request's page tells Intake when it was last changed."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.booking_request}

    def form_valid(self, form):
        booking_request = form.save(commit=False)
        booking_request.changed_by_client_at = timezone.now()
        return self.save(booking_request, form)

    def save(self, booking_request, form):
        booking_request.save()
        messages.success(self.request, self.saved_message)
        return redirect("booking:your_request", token=self.token)


class ContactDetailsView(ClientFormMixin, FormView):
    """Correct the email address or phone number.

    A new address ends the old link: the new address gets a new one, and the old address
    a notice without it, since whoever reads that mailbox may be who the client needs
    privacy from.
    """

    form_class = ClientContactDetailsForm
    template_name = "booking/contact_details.html"
    title = "Correct your email or phone"
    saved_message = "Thank you: your details are saved."

    def save(self, booking_request, form):
        old_email = form.initial["email"]
        if booking_request.email == old_email:
            return super().save(booking_request, form)
        booking_request.new_link_key()
        with transaction.atomic():
            booking_request.save()
            booking_request.replies.unsent().update(to=booking_request.email)
        sent = send_new_link(booking_request, old_email)
        return redirect("booking:new_link_sent" if sent else "booking:new_link_not_sent")


class ContactWishesView(ClientFormMixin, FormView):
    form_class = ClientContactWishesForm
    template_name = "booking/contact_wishes.html"
    title = "How and when we may contact you"
    saved_message = "Thank you: we will contact you as you now ask."


class WithdrawView(ClientLinkMixin, TemplateView):
    """Asks once, then deletes the request for good."""

    template_name = "booking/withdraw.html"
    title = "Withdraw your request"

    def post(self, request, *args, **kwargs):
        withdraw(self.booking_request)
        return redirect("booking:withdrawn")


class ClientNoticeView(PageMetaMixin, TemplateView):
    """A page after a change through a private link; the same for every client, so it
    names nothing of theirs."""

    title = ""

    def get_meta(self):
        return PageMeta(title=self.title, noindex=True)

    def get_context_data(self, **kwargs):
        return super().get_context_data(link_days=settings.BOOKING_CLIENT_LINK_DAYS, **kwargs)


@method_decorator(never_cache, name="dispatch")
class JoinWaitlistView(FormView):
    """Puts an address on the list of a therapist who takes no new clients. The form is on
    their booking page, which shows it again with any error."""

    form_class = waitlist.WaitlistForm

    def dispatch(self, request, *args, **kwargs):
        self.therapist = get_object_or_404(Therapist, slug=kwargs["slug"])
        if self.therapist.accepting_new_clients:
            return redirect(self.therapist.get_booking_url())  # the booking form is back
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return redirect(self.therapist.get_booking_url())

    def form_valid(self, form):
        if not form.spam_reason and not waitlist.join(
            self.request, self.therapist, form.cleaned_data["email"]
        ):
            form.add_error(None, waitlist.TOO_MANY)
            return self.form_invalid(form)
        return redirect("booking:waitlist_joined", slug=self.therapist.slug)

    def form_invalid(self, form):
        booking_page = BookingRequestView(request=self.request, therapist=self.therapist)
        return booking_page.render_to_response(
            booking_page.get_context_data(form=None, waitlist_form=form)
        )


@method_decorator(never_cache, name="dispatch")
class WaitlistJoinedView(PageMetaMixin, TemplateView):
    """What happens next, and how to leave; it names nothing the reader sent, so it is the
    same for a new address, one already listed, and a bot's."""

    template_name = "booking/waitlist_joined.html"

    def dispatch(self, request, *args, **kwargs):
        self.therapist = get_object_or_404(Therapist, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_meta(self):
        return PageMeta(
            title=f"We will tell you when {self.therapist.first_name} has space", noindex=True
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(therapist=self.therapist, **kwargs)


@method_decorator([csrf_exempt, behind_secret_address], name="dispatch")
class LeaveWaitlistView(PageMetaMixin, TemplateView):
    """The link in the confirmation email. GET only asks, since mail scanners open links;
    POST removes the address, from the page's button or from a mail client's one-click
    unsubscribe (RFC 8058), which carries no CSRF token: the signed link is the authority.

    A forged, cut-short or used link gets one page that says nothing of any address; the
    link is a secret, so no page here sends it on as a referrer.
    """

    template_name = "booking/waitlist_leave.html"
    removed = False

    def dispatch(self, request, *args, **kwargs):
        self.entry = waitlist.entry_from_token(kwargs["token"])
        if self.entry is None:
            return self.render_to_response(self.get_context_data(), status=404)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.entry.delete()
        self.removed = True
        return self.render_to_response(self.get_context_data())

    def get_meta(self):
        if self.entry is None:
            title = "This link does not work"
        elif self.removed:
            title = "Your address is off the list"
        else:
            title = "Leave the list"
        return PageMeta(title=title, noindex=True, secret_address=True)

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.entry, removed=self.removed, **kwargs)
