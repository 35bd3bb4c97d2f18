from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import Http404, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.template import loader
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView
from django.views.static import serve

from . import health, structured_data
from .caching import public_page
from .models import Page, Practice, Service, Therapist
from .preview import StaffPreviewMixin
from .privacy import current_notice
from .seo import PageMeta, PageMetaMixin


@method_decorator(public_page, name="dispatch")
class HomeView(PageMetaMixin, TemplateView):
    template_name = "home.html"

    def get_meta(self):
        practice = Practice.for_request(self.request)
        return PageMeta(title=practice.name, description=practice.tagline)

    def get_structured_data(self):
        return structured_data.practice(
            Practice.for_request(self.request),
            Therapist.objects.all(),
            self.request.build_absolute_uri,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(services=Service.objects.published(), **kwargs)


@method_decorator(public_page, name="dispatch")
class PageView(PageMetaMixin, DetailView):
    """One of the practice's pages; what its purpose adds (services, the notice) with it."""

    model = Page
    context_object_name = "page"
    template_name = "practice/page.html"

    def visible(self):
        return Page.objects.published()

    def get_queryset(self):
        return self.visible().prefetch_related("questions")

    def get_meta(self):
        page = self.object
        return PageMeta(title=page.seo_title or page.title, description=page.seo_description)

    def get_context_data(self, **kwargs):
        page = self.object
        if page.purpose == Page.Purpose.SERVICES:
            kwargs["services"] = Service.objects.published()
        elif page.purpose == Page.Purpose.PRIVACY:
            kwargs["notice"] = current_notice(page)
        return super().get_context_data(**kwargs)


class PagePreviewView(StaffPreviewMixin, PageView):
    pass


@method_decorator(public_page, name="dispatch")
class ServiceView(PageMetaMixin, DetailView):
    """A service's page: who it is for, how sessions work, fees, questions, articles."""

    model = Service
    context_object_name = "service"
    template_name = "practice/service.html"

    def visible(self):
        return Service.objects.published()

    def get_queryset(self):
        return self.visible().prefetch_related("questions", "categories")

    def get_meta(self):
        service = self.object
        return PageMeta(
            title=service.seo_title or service.name,
            description=service.seo_description or service.summary,
        )


class ServicePreviewView(StaffPreviewMixin, ServiceView):
    pass


@method_decorator(public_page, name="dispatch")
class TherapistListView(PageMetaMixin, ListView):
    model = Therapist
    context_object_name = "therapists"
    template_name = "practice/therapist_list.html"

    def get_meta(self):
        return PageMeta(
            title="Our therapists",
            description="Who you would meet: their training, licences and ways of working.",
        )


@method_decorator(public_page, name="dispatch")
class TherapistView(PageMetaMixin, DetailView):
    """A therapist's profile: photo, credentials, licence, approach, services, articles."""

    model = Therapist
    context_object_name = "therapist"
    template_name = "practice/therapist.html"

    def get_queryset(self):
        return Therapist.objects.prefetch_related("services")

    def get_meta(self):
        therapist = self.object
        picture = therapist.photo_picture
        return PageMeta(
            title=therapist.name_with_credentials,
            description=therapist.short_bio,
            image_url=self.request.build_absolute_uri(picture.src) if picture else "",
            image_alt=therapist.name if picture else "",
            og_type="profile",
        )

    def get_structured_data(self):
        return structured_data.therapist(
            self.object, Practice.for_request(self.request), self.request.build_absolute_uri
        )


@method_decorator(public_page, name="dispatch")
class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


@never_cache
def healthz(request):
    """For load balancers and uptime checks: 200 while every service the site needs
    answers, 503 when one does not; the text names each (practice.health)."""
    answers = health.report()
    body = "".join(f"{name}: {state}\n" for name, state in answers.items())
    status = 503 if health.UNAVAILABLE in answers.values() else 200
    return HttpResponse(body, status=status, content_type="text/plain")


def media_file(request, name):
    """An upload at its address on this site, /media/<name>, which Markdown bodies keep
    (practice.images.site_address).

    Stored in a bucket, it is a redirect to the file there, which browsers may keep a day:
    temporary, since the bucket or its CDN may change. Stored on disk, the reverse proxy
    serves /media/ itself, and Django serves it only in development (debug on).
    """
    if not isinstance(default_storage, FileSystemStorage):
        response = HttpResponseRedirect(default_storage.url(name))
        patch_cache_control(response, public=True, max_age=24 * 60 * 60)
        return response
    if not settings.DEBUG:
        raise Http404
    return serve(request, name, document_root=default_storage.location)


def server_error(request):
    """The 500 page, which must not need the database: the practice's details as this
    process last read them (the crisis wording above all), or the defaults."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"practice": Practice.last_read()}))
