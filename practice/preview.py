"""Unpublished posts, pages and services, shown to the staff who write them."""

from dataclasses import replace

from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from practice.sign_in import second_factor_satisfied


class HiddenFromSearchEngines:
    """A page no search engine may index or describe: a preview, a review copy."""

    def get_meta(self):
        return replace(super().get_meta(), noindex=True)

    def get_structured_data(self):
        return None


class StaffPreviewMixin(HiddenFromSearchEngines):
    """An unpublished page as readers will see it, for staff who may change it.

    Anyone else gets the 404 the public page gives, as does a signed-in user who has yet
    to give the second factor the admin would ask of them; once published, it redirects
    there. Never cached, never indexed.
    """

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def visible(self):
        user, options = self.request.user, self.model._meta
        if (
            user.is_staff
            and second_factor_satisfied(user)
            and user.has_perm(f"{options.app_label}.change_{options.model_name}")
        ):
            return self.model._default_manager.all()
        return self.model._default_manager.none()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.is_published:
            return redirect(self.object)
        return self.render_to_response(self.get_context_data(is_preview=True))
