from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView

from practice.caching import public_page
from practice.models import Therapist
from practice.seo import PageMeta, PageMetaMixin

from . import waitlist
from .forms import BookingRequestForm
from .models import BookingRequest
from .notifications import notify_after_commit
from .ratelimit import client_hashes, lock_client, over_limit


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
            self.therapist = Therapist.objects.default()
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


@method_decorator(public_page, name="dispatch")
class ThanksView(PageMetaMixin, TemplateView):
    """What happens next; it names nothing the client sent, so it is the same for everyone.

    It promises no confirmation email: a request kept as suspected spam, or sent while
    email is off, gets none, and this page cannot tell them apart.
    """

    template_name = "booking/thanks.html"

    def get_meta(self):
        return PageMeta(title="Thank you: your request has reached us", noindex=True)


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
        if not form.looks_automated and not waitlist.join(
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


@method_decorator([csrf_exempt, never_cache], name="dispatch")
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
            response = self.render_to_response(self.get_context_data(), status=404)
        else:
            response = super().dispatch(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

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
        return PageMeta(title=title, noindex=True)

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.entry, removed=self.removed, **kwargs)
