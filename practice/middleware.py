from django.conf import settings


def permissions_policy(get_response):
    """Add the Permissions-Policy header, which Django has no setting for."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
