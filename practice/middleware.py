"""Site-wide request and response rules that Django has no setting for."""

from django.conf import settings
from django.http import UnreadablePostError
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse

FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def permissions_policy(get_response):
    """Add the Permissions-Policy header, which Django has no setting for."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware


def head_without_body(get_response):
    """Answer HEAD with GET's headers and no body, as HTTP asks and gunicorn expects.

    Placed above CommonMiddleware, so the Content-Length stays that of the GET answer.
    """

    def middleware(request):
        response = get_response(request)
        if request.method == "HEAD":
            if response.streaming:
                response.streaming_content = []
            else:
                response.content = b""
        return response

    return middleware


def slide_staff_session(get_response):
    """Start a signed-in user's SESSION_COOKIE_AGE again with each admin page they open.

    Only admin pages: public pages are cached, and a reader's session is never read
    there, let alone written. Django's SESSION_SAVE_EVERY_REQUEST would write (and send a
    cookie with) every public page a staff member reads.
    """

    def middleware(request):
        if request.path.startswith(reverse("admin:index")) and request.user.is_authenticated:
            request.session.modified = True
        return get_response(request)

    return middleware


def limit_request_body(get_response):
    """Refuse a request body far larger than its purpose before reading any of it.

    Every form a visitor can send fits in PUBLIC_REQUEST_MAX_BYTES; staff, who upload
    photos, may send up to STAFF_REQUEST_MAX_BYTES, and more only to a view that allows
    it (accepts_large_body) and only with its permission. Placed after
    AuthenticationMiddleware: the user is looked up only for a body over the public limit.
    """

    def middleware(request):
        length = request.META.get("CONTENT_LENGTH") or "0"
        length = int(length) if length.isdigit() else 0
        if length > settings.PUBLIC_REQUEST_MAX_BYTES and not (
            request.user.is_staff
            and (
                length <= settings.STAFF_REQUEST_MAX_BYTES or length <= large_body_allowed(request)
            )
        ):
            return render(request, "413.html", status=413)
        return get_response(request)

    return middleware


def accepts_large_body(max_bytes, permission):
    """Let staff who have `permission` send this view a body of up to max_bytes, more
    than STAFF_REQUEST_MAX_BYTES (an export of another blog, say)."""

    def decorate(view):
        view.large_body = (max_bytes, permission)
        return view

    return decorate


def large_body_allowed(request):
    """How large a body the requested view accepts from this user, by accepts_large_body."""
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return 0
    max_bytes, permission = getattr(view, "large_body", (0, None))
    return max_bytes if permission and request.user.has_perm(permission) else 0


def refuse_malformed_requests(get_response):
    """Answer 400 to what no browser sends and the database would refuse.

    A NUL character in the address or the form data (PostgreSQL cannot store or compare
    it), a form encoded in anything but UTF-8 (which every page here declares), or a body
    that stopped arriving: each gets the "bad request" page, never a server error.

    The page is rendered here: Django's own 400 view checks the CSRF token, and so reads
    the very form that could not be read, and fails.
    """

    def middleware(request):
        if is_malformed(request):
            return render(request, "400.html", status=400)
        return get_response(request)

    return middleware


def is_malformed(request):
    is_form = request.content_type in FORM_CONTENT_TYPES
    if is_form and request.content_params.get("charset", "utf-8").lower() != "utf-8":
        return True
    if "\x00" in request.path or has_nul(request.GET):
        return True
    if request.method == "POST" and is_form:
        try:
            return has_nul(request.POST)
        except UnreadablePostError:
            return True
    return False


def has_nul(query_dict):
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in query_dict.lists()
    )
