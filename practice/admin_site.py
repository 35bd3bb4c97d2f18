"""The site's admin: Django's, with the Markdown editor's endpoints and a view-on-site
shortcut that respects permissions."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.urls import path
from django.utils.module_loading import import_string
from django.views.decorators.http import require_POST


class PracticeAdminSite(admin.AdminSite):
    def each_context(self, request):
        """The admin carries the practice's name, not "Django administration"."""
        from practice.models import Practice

        name = Practice.for_request(request).name
        return {**super().each_context(request), "site_header": name, "site_title": name}

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
                self.admin_view(require_POST(self.markdown_preview)),
                name="markdown_preview",
            ),
            path(
                "markdown/upload/",
                self.admin_view(require_POST(self.markdown_upload)),
                name="markdown_upload",
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

    def markdown_preview(self, request):
        """The editor's live preview, rendered and sanitised exactly as the public page is.

        settings.MARKDOWNX_URLS_PATH points django-markdownx's editor here; its own views,
        open to anyone, are not routed.
        """
        from practice.forms import MarkdownPreviewForm

        self.check_may_write(request)
        form = MarkdownPreviewForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(form.errors.as_text())
        markdownify = import_string(settings.MARKDOWNX_MARKDOWNIFY_FUNCTION)
        return HttpResponse(markdownify(form.cleaned_data["content"]))

    def markdown_upload(self, request):
        """An image dropped into the editor: stored cleaned, answered with its Markdown."""
        from practice import images
        from practice.forms import EditorImageForm

        self.check_may_write(request)
        form = EditorImageForm(request.POST, request.FILES)
        if not form.is_valid():
            return JsonResponse(form.errors, status=400)
        url = images.store_upload(form.cleaned_data["image"])
        return JsonResponse({"image_code": f"![]({url})"})

    def check_may_write(self, request):
        """The editor serves those who may change something written in Markdown."""
        from practice.fields import MarkdownField

        writable = [
            f"{model._meta.app_label}.change_{model._meta.model_name}"
            for model in self._registry
            if any(isinstance(field, MarkdownField) for field in model._meta.concrete_fields)
        ]
        if not any(request.user.has_perm(permission) for permission in writable):
            raise PermissionDenied


class PracticeAdminConfig(AdminConfig):
    """Django's admin app, on the site's own AdminSite; INSTALLED_APPS names it."""

    default_site = "practice.admin_site.PracticeAdminSite"
