"""The client's address as the site counts it, behind a reverse proxy or not."""

from django.conf import settings


def client_address(request):
    """REMOTE_ADDR, or the address the trusted proxy recorded last in its header."""
    if settings.TRUSTED_PROXY_HEADER:
        meta_key = "HTTP_" + settings.TRUSTED_PROXY_HEADER.upper().replace("-", "_")
        forwarded = [part.strip() for part in request.META.get(meta_key, "").split(",")]
        if forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")
