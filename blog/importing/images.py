"""Bringing an imported post's images home: the site shows only images stored here.

Each image is found in a folder of the old blog's files (`media_dir`), or downloaded,
then goes through the same pipeline as an editor's upload (practice.images): checked,
cleaned of metadata, stored with its renditions. A download goes only to public hosts
unless told otherwise: every address its host resolves to, and that of each redirect,
must be a global one, so that an export cannot make the server fetch from its own
network (a router, a cloud metadata service). The address is resolved again to connect,
so a host that answers differently the second time could still get past: the export is
a file staff chose to import, not a stranger's request.
"""

import ipaddress
import re
import socket
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.error import URLError
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from practice import images, unused_images

TIMEOUT_SECONDS = 10
# WordPress's resized copies: photo-1024x683.jpg is a copy of photo.jpg.
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[^.]+$)")
# Squarespace's: photo.jpg?format=1500w is a copy of photo.jpg, on these hosts.
SQUARESPACE_IMAGE_HOSTS = ("squarespace-cdn.com", "squarespace.com")


class ImageUnavailable(Exception):
    """Why an image could not be brought home, for the report."""


class HomeImages:
    """The images of one import run: each source address is stored once, and forgotten
    again (deleted) if the run is rolled back."""

    def __init__(self, *, download=False, media_dir=None, allow_private_hosts=False):
        self.download = download
        self.allow_private_hosts = allow_private_hosts
        self.media_files = files_by_name(media_dir) if media_dir else {}
        self.stored = {}  # source address -> URL here
        self.problems = {}  # source address -> why it is not here

    def url_for(self, source):
        """The URL here of the image at `source`, stored now if need be; None if it
        cannot be brought home (self.problems[source] says why)."""
        source = original_address(source)
        if images.is_served_here(source):
            return source
        if source not in self.stored and source not in self.problems:
            try:
                clean = images.clean_upload(self.read(source))
                self.stored[source] = images.store_upload(clean)
            except ValidationError as error:
                self.problems[source] = error.messages[0]
            except ImageUnavailable as error:
                self.problems[source] = str(error)
        return self.stored.get(source)

    def read(self, source):
        name = unquote(PurePosixPath(urlsplit(source).path).name)
        for candidate in (name, SIZE_SUFFIX.sub("", name)):
            if path := self.media_files.get(candidate):
                return ContentFile(path.read_bytes(), name=candidate)
        if not self.download:
            found_where = "in the media folder" if self.media_files else "(no media folder given)"
            raise ImageUnavailable(
                f"not found {found_where}, and downloading was not asked for (--download-images)"
            )
        return ContentFile(fetch(source, self.allow_private_hosts), name=name or "image")

    def forget(self):
        """Delete what this run stored: after a dry run, or a run that failed."""
        for url in self.stored.values():
            if picture := images.uploaded_picture(url):
                unused_images.delete_if_unused(picture.name)


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
    """The bytes at an http(s) address: at most the upload limit, from a public host."""
    opener = urllib.request.build_opener(CheckedRedirects(allow_private_hosts))
    check_address(url, allow_private_hosts)
    try:
        with opener.open(url, timeout=TIMEOUT_SECONDS) as response:
            data = response.read(images.MAX_UPLOAD_BYTES + 1)
    except (URLError, OSError, ValueError) as error:
        raise ImageUnavailable(f"could not be downloaded ({reason(error)})") from None
    if len(data) > images.MAX_UPLOAD_BYTES:
        raise ImageUnavailable(
            f"is over the {images.MAX_UPLOAD_BYTES // 1024 // 1024} MB limit for images"
        )
    return data


def reason(error):
    return str(getattr(error, "reason", None) or error)


class CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, allow_private_hosts):
        self.allow_private_hosts = allow_private_hosts

    def redirect_request(self, request, fp, code, msg, headers, new_url):
        check_address(new_url, self.allow_private_hosts)
        return super().redirect_request(request, fp, code, msg, headers, new_url)


def check_address(url, allow_private_hosts):
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImageUnavailable(f"is not an http or https address ({url})")
    if allow_private_hosts:
        return
    try:
        found = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise ImageUnavailable(
            f"could not be downloaded (no such host: {parts.hostname})"
        ) from None
    for *_, address in found:
        ip = ipaddress.ip_address(address[0].split("%")[0])
        ip = getattr(ip, "ipv4_mapped", None) or ip
        if not ip.is_global or ip.is_multicast:
            raise ImageUnavailable(
                f"is on a private or local address ({parts.hostname}), which imports do "
                "not download from"
            )
