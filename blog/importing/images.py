"""Bringing an imported post's images home: the site shows only images stored here.

Each image is found in a folder of the old blog's files (`media_dir`), or downloaded,
then goes through the same pipeline as an editor's upload (practice.images): checked,
cleaned of metadata, stored with its renditions. A download goes only to public hosts
unless told otherwise: every address its host resolves to, and that of each redirect,
must be a global one, so that an export cannot make the server fetch from its own
network (a router, a cloud metadata service). The connection then goes to the address
that was checked, not to the host's name, which could answer differently the second time
(DNS rebinding); the request still names the host, and HTTPS still checks its
certificate against that name.
"""

import http.client
import ipaddress
import re
import socket
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urljoin, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from practice import images, unused_images

TIMEOUT_SECONDS = 10
MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
# WordPress's resized copies: photo-1024x683.jpg is a copy of photo.jpg.
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[^.]+$)")
# Squarespace's: photo.jpg?format=1500w is a copy of photo.jpg, on these hosts.
SQUARESPACE_IMAGE_HOSTS = ("squarespace-cdn.com", "squarespace.com")


class ImageUnavailable(Exception):
    """Why an image could not be brought home, for the report."""


class ToBeDownloaded(Exception):
    """The image would be downloaded, but this run (a quick check) downloads nothing."""


class HomeImages:
    """The images of one import run: each source address is stored once, and forgotten
    again (deleted) if the run is rolled back.

    With `defer_downloads`, those it would download are listed in `to_be_downloaded`
    instead, so that a check ends in seconds however many images the posts show."""

    def __init__(
        self, *, download=False, media_dir=None, allow_private_hosts=False, defer_downloads=False
    ):
        self.download = download
        self.allow_private_hosts = allow_private_hosts
        self.defer_downloads = defer_downloads
        self.media_files = files_by_name(media_dir) if media_dir else {}
        self.stored = {}  # source address -> URL here
        self.problems = {}  # source address -> why it is not here
        self.to_be_downloaded = set()  # source addresses

    def url_for(self, source):
        """The URL here of the image at `source`, stored now if need be; None if it
        cannot be brought home (self.problems[source] says why)."""
        source = original_address(source)
        if images.is_served_here(source):
            return source
        known = {*self.stored, *self.problems, *self.to_be_downloaded}
        if source not in known:
            try:
                clean = images.clean_upload(self.read(source))
                self.stored[source] = images.store_upload(clean)
            except ValidationError as error:
                self.problems[source] = error.messages[0]
            except ImageUnavailable as error:
                self.problems[source] = str(error)
            except ToBeDownloaded:
                self.to_be_downloaded.add(source)
        return self.stored.get(source)

    def read(self, source):
        name = unquote(PurePosixPath(urlsplit(source).path).name)
        for candidate in (name, SIZE_SUFFIX.sub("", name)):
            if path := self.media_files.get(candidate):
                return ContentFile(path.read_bytes(), name=candidate)
        if not self.download:
            raise ImageUnavailable(
                "was not found in the media folder, and downloading images from the old "
                "site was not asked for"
                if self.media_files
                else "is on the old site, and downloading images from it was not asked for"
            )
        if self.defer_downloads:
            raise ToBeDownloaded
        return ContentFile(fetch(source, self.allow_private_hosts), name=name or "image")

    def forget(self):
        """Delete what this run stored: after a dry run, or a run that failed."""
        for url in self.stored.values():
            unused_images.delete_if_unused(images.uploaded_name(url))


def original_address(source):
    """The address of the image itself, rather than of a resized copy, where the address
    says which: the same image is then stored once, and at its best."""
    parts = urlsplit(source)
    if parts.query and (parts.hostname or "").endswith(SQUARESPACE_IMAGE_HOSTS):
        return parts._replace(query="").geturl()
    return source


def files_by_name(directory):
    directory = Path(directory)
    return {path.name: path for path in sorted(directory.rglob("*")) if path.is_file()}


def fetch(url, allow_private_hosts):
    """The bytes at an http(s) address: at most the upload limit, from a public host,
    following a few redirects, each checked as the first address was."""
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        connection = pinned_connection(parts, vetted_address(parts, allow_private_hosts))
        try:
            connection.request("GET", request_target(parts))
            response = connection.getresponse()
            location = response.getheader("Location")
            if response.status in REDIRECTS and location:
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise ImageUnavailable(f"could not be downloaded (HTTP {response.status})")
            data = response.read(images.MAX_UPLOAD_BYTES + 1)
        except (OSError, http.client.HTTPException) as error:
            raise ImageUnavailable(f"could not be downloaded ({error})") from None
        finally:
            connection.close()
        if len(data) > images.MAX_UPLOAD_BYTES:
            raise ImageUnavailable(
                f"is over the {images.MAX_UPLOAD_BYTES // 1024 // 1024} MB limit for images"
            )
        return data
    raise ImageUnavailable(f"could not be downloaded (more than {MAX_REDIRECTS} redirects)")


def request_target(parts):
    """The path and query to ask for, percent-encoded where the export left them raw."""
    target = parts._replace(scheme="", netloc="", fragment="").geturl() or "/"
    return quote(target, safe="/?=&%:@!$'()*+,;~")


def pinned_connection(parts, address):
    """An HTTP(S) connection to the host of `parts` that connects to `address`, the one
    checked, rather than resolving the name again."""
    connection_class = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_class(parts.hostname, parts.port, timeout=TIMEOUT_SECONDS)

    # connect() opens its socket through this attribute, then (for HTTPS) wraps it in TLS
    # for the host's name: only the address changes.
    def create_connection(host_and_port, *args, **kwargs):
        return socket.create_connection((address, host_and_port[1]), *args, **kwargs)

    connection._create_connection = create_connection
    return connection


def vetted_address(parts, allow_private_hosts):
    """The address to connect to for this URL: one its host resolves to, all of which
    must be public unless private hosts are allowed."""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        port = None
    if parts.scheme not in {"http", "https"} or not parts.hostname or port is None:
        raise ImageUnavailable(f"is not an http or https address ({parts.geturl()})")
    try:
        found = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise ImageUnavailable(
            f"could not be downloaded (no such host: {parts.hostname})"
        ) from None
    addresses = [address[0] for *_, address in found]
    if not allow_private_hosts and not all(map(is_public, addresses)):
        raise ImageUnavailable(
            f"is on a private or local address ({parts.hostname}), which imports do "
            "not download from"
        )
    return addresses[0]


def is_public(address):
    ip = ipaddress.ip_address(address.split("%")[0])
    ip = getattr(ip, "ipv4_mapped", None) or ip
    return ip.is_global and not ip.is_multicast
