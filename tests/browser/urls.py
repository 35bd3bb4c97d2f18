"""The site's URLs, plus uploaded media, which the live server must serve for the browser."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from practice.urls import urlpatterns as site_urlpatterns


def serve_media(request, path):
    # MEDIA_ROOT is read per request: tests point it at a temporary folder.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [*site_urlpatterns, re_path(r"^media/(?P<path>.*)$", serve_media)]
