from django.http import HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control

from .models import OldAddress, Post


def redirect_old_addresses(get_response):
    """Send a reader who follows a link to a post's address on the imported blog to its
    address here (blog.models.OldAddress).

    Looked up only when nothing here answers (a 404), or for the home page with a query
    string, which it ignores, as in WordPress's /?p=123: other pages answered from the
    page cache cost no query. Placed above the page cache, so that a 404 it kept is
    redirected too.
    """

    def middleware(request):
        response = get_response(request)
        if request.method not in {"GET", "HEAD"}:
            return response
        if response.status_code == 404 or (request.path == "/" and request.GET):
            path = OldAddress.path_of(request.path, request.META.get("QUERY_STRING", ""))
            if post := Post.objects.published().filter(old_addresses__path=path).first():
                response = HttpResponsePermanentRedirect(post.get_absolute_url())
                # The address may become a page here one day: browsers check again.
                patch_cache_control(response, no_cache=True)
        return response

    return middleware
