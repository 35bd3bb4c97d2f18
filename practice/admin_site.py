"""The site's admin: Django's, with a view-on-site shortcut that respects permissions."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import Http404
from django.urls import path


class PracticeAdminSite(admin.AdminSite):
    def get_urls(self):
        # Listed first, so it answers instead of Django's own "view_on_site" route.
        return [
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
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


class PracticeAdminConfig(AdminConfig):
    """Django's admin app, on the site's own AdminSite; INSTALLED_APPS names it."""

    default_site = "practice.admin_site.PracticeAdminSite"
