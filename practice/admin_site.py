"""The site's admin: Django's, with the Markdown editor's endpoints and a view-on-site
shortcut that respects permissions."""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.csp import CSP
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_POST

SIGNED_OUT = (
    "You have been signed out. Sign in again in another tab, then carry on here: "
    "your text is kept in this browser."
)


def shown_in_the_editor(view):
    """The one page that may be framed: by the admin's own pages, for the preview."""
    policy = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}
    return xframe_options_sameorigin(csp_override(policy)(require_GET(view)))


class PracticeAdminSite(admin.AdminSite):
    def each_context(self, request):
        """The admin carries the practice's name, not "Django administration"."""
        from practice.models import Practice

        name = Practice.for_request(request).name
        return {**super().each_context(request), "site_header": name, "site_title": name}

    def has_permission(self, request):
        """Staff who enrolled a second factor gave it this session; those who may read
        booking requests cannot do without one."""
        from practice import sign_in

        return super().has_permission(request) and sign_in.second_factor_satisfied(request.user)

    def login(self, request, extra_context=None):
        """Sign-in is django-two-factor-auth's; whoever must enrol a second factor and has
        none is sent to enrol, and sees nothing else until they have."""
        from django.contrib.auth.views import redirect_to_login

        from practice import sign_in

        if request.user.is_authenticated and sign_in.must_enrol(request.user):
            return redirect("two_factor:setup")
        return redirect_to_login(request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index"))

    def get_urls(self):
        # Listed first, so that the shortcut answers instead of Django's own "view_on_site".
        return [
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            path(
                "markdown/preview/",
                self.editor_endpoint(self.markdown_preview),
                name="markdown_preview",
            ),
            path(
                "markdown/upload/",
                self.editor_endpoint(self.markdown_upload),
                name="markdown_upload",
            ),
            path(
                "markdown/preview-frame/",
                self.admin_view(shown_in_the_editor(self.markdown_preview_frame)),
                name="markdown_preview_frame",
            ),
            *super().get_urls(),
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's shortcut to an object's public page, for staff who may see that object.

        Django's own redirects any staff member, so Intake, who may not see the blog, could
        read the addresses of unpublished posts from it.
        """
        # Imported here: INSTALLED_APPS loads this module before any model can be.
        from django.contrib.contenttypes import views as contenttype_views
        from django.contrib.contenttypes.models import ContentType

        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404("No such kind of object.") from None
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            raise Http404("No such object.")
        return contenttype_views.shortcut(request, content_type_id, object_id)

    def editor_endpoint(self, view):
        """One of the editor's endpoints, which its script calls: refusals are JSON lists of
        messages it shows beside the text. A signed-out editor is told so with a 403
        rather than sent to the sign-in page, which would land in the preview."""

        @wraps(view)
        def endpoint(request):
            if not self.has_permission(request):
                return JsonResponse({"session": [SIGNED_OUT]}, status=403)
            if not self.may_write(request):
                message = "Your account may not change anything written in Markdown."
                return JsonResponse({"permission": [message]}, status=403)
            return view(request)

        return never_cache(csrf_protect(require_POST(endpoint)))

    def markdown_preview(self, request):
        """The editor's live preview, rendered and sanitised exactly as the public page is.

        settings.MARKDOWNX_URLS_PATH points django-markdownx's editor here; its own views,
        open to anyone, are not routed.
        """
        from practice.forms import MarkdownPreviewForm

        form = MarkdownPreviewForm(request.POST)
        if not form.is_valid():
            return JsonResponse(form.errors, status=400)
        markdownify = import_string(settings.MARKDOWNX_MARKDOWNIFY_FUNCTION)
        return HttpResponse(markdownify(form.cleaned_data["content"]))

    def markdown_preview_frame(self, request):
        """The page the editor's preview is shown in: the site's own stylesheet and article
        layout, which the editor's script fills with each preview."""
        if not self.may_write(request):
            raise PermissionDenied
        return TemplateResponse(request, "admin/markdown_preview_frame.html")

    def markdown_upload(self, request):
        """An image dropped into the editor: stored cleaned, answered with its address."""
        from practice import images
        from practice.forms import EditorImageForm

        form = EditorImageForm(request.POST, request.FILES)
        if not form.is_valid():
            return JsonResponse(form.errors, status=400)
        return JsonResponse({"url": images.store_upload(form.cleaned_data["image"])})

    def may_write(self, request):
        """The editor serves those who may change something written in Markdown."""
        from practice.fields import MarkdownField

        writable = [
            f"{model._meta.app_label}.change_{model._meta.model_name}"
            for model in self._registry
            if any(isinstance(field, MarkdownField) for field in model._meta.concrete_fields)
        ]
        return any(request.user.has_perm(permission) for permission in writable)


class PracticeAdminConfig(AdminConfig):
    """Django's admin app, on the site's own AdminSite; INSTALLED_APPS names it."""

    default_site = "practice.admin_site.PracticeAdminSite"
