"""Uploaded images: checked and cleaned before they are stored, and served in several sizes.

Every upload, the featured image and pictures dropped into the editor alike, is decoded by
Pillow and re-encoded from its pixels alone: a file that is not really a JPEG, PNG, WebP or
GIF is refused, and nothing the camera wrote (GPS position, device, time) survives. The
renditions pages use are made once, at upload, and named after the stored image, so a
page can list them from the image's name and size without a query or a look at the storage.
"""

import contextlib
import html
import re
import secrets
import warnings
from io import BytesIO
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.images import get_image_dimensions
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# A 48-megapixel phone photo fits; a decompression bomb, a small file that declares
# enormous dimensions to exhaust the server's memory when decoded, does not.
MAX_PIXELS = 50_000_000
# Pillow's name for each accepted format, and the extension it is stored with.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
FORMAT_OF_EXTENSION = {extension: format for format, extension in EXTENSIONS.items()}
MEDIA_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"]
ENCODER_OPTIONS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    # zlib's default level: "optimize" saves a sixth of the size at fifteen times the time.
    "PNG": {},
    "WEBP": {"quality": 80},
    "GIF": {"optimize": True},
}
RENDITION_WIDTHS = (480, 960, 1600)
# The stored image's longest side at most: enough for the widest rendition, for link
# previews and for a screen of twice the density, and quick to work on.
LARGEST_SIDE = 2400
UPLOAD_DIRECTORY = "posts/"
# The names CleanImage gives, in an upload directory: 32 random hex digits.
UPLOADED_NAME = re.compile(rf"[a-z]+/[0-9a-f]{{32}}\.(?:{'|'.join(EXTENSIONS.values())})")
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))

URL_TABS_AND_LINE_BREAKS = re.compile(r"[\t\n\r]")
C0_CONTROLS_AND_SPACE = "".join(map(chr, range(0x21)))

# Images in a post's body sit in the text column: the page width on phones, about 40rem wider up.
BODY_IMAGE_SIZES = "(min-width: 48rem) 40rem, calc(100vw - 2rem)"


class CleanImage(ContentFile):
    """An upload made safe to store: upright, in sRGB, without metadata, under a random name."""

    def __init__(self, image, format):
        self.image = image
        self.format = format
        name = f"{secrets.token_hex(16)}.{EXTENSIONS[format]}"
        super().__init__(encode(image, format), name=name)


def clean_upload(upload):
    """Check an uploaded file is an image we accept and return it cleaned, as a CleanImage.

    Raises ValidationError with a message for the editor when it is not.
    """
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "This file is over the %(limit)s MB limit for images. "
            "Export it smaller (1600 pixels wide is plenty) and upload it again.",
            code="file_too_large",
            params={"limit": MAX_UPLOAD_BYTES // 1024 // 1024},
        )
    too_many_pixels = ValidationError(
        "This image has more than %(limit)s million pixels. "
        "Export it smaller (1600 pixels wide is plenty) and upload it again.",
        code="too_many_pixels",
        params={"limit": MAX_PIXELS // 1_000_000},
    )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own pixel limit; refuse those outright too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=list(EXTENSIONS)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise too_many_pixels
                # Some phones save photos as MPO: the photo first, then extra images such
                # as a depth map. Only the photo is kept, as a JPEG.
                format = "JPEG" if image.format == "MPO" else image.format
                if format != "JPEG" and getattr(image, "is_animated", False):
                    raise ValidationError(
                        "Animated images cannot be used: upload a still image.", code="animated"
                    )
                # Nothing shows more than LARGEST_SIDE pixels: shrink first, so that
                # the rest works on a few megapixels (a JPEG is even decoded smaller).
                image.thumbnail((LARGEST_SIDE, LARGEST_SIDE), Image.Resampling.LANCZOS)
                pixels = in_srgb(ImageOps.exif_transpose(image))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except UnidentifiedImageError:
        raise ValidationError(
            "This file is not a JPEG, PNG, WebP or GIF image. Other files, such as SVG "
            "drawings or documents, cannot be uploaded.",
            code="not_an_image",
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            "This image could not be read; the file may be damaged. "
            "Try exporting it again from your photo app.",
            code="unreadable_image",
        ) from None
    return CleanImage(pixels, format)


def in_srgb(image):
    """The image's pixels alone, in sRGB, with no metadata left to leak.

    A colour profile is applied rather than kept, so that colours stay right once it is gone.
    """
    mode = "RGBA" if image.has_transparency_data else "RGB"
    if profile := image.info.get("icc_profile"):
        # A profile LittleCMS cannot apply is dropped: the pixels are then taken as sRGB.
        with contextlib.suppress(ImageCms.PyCMSError, OSError):
            image = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(BytesIO(profile)), SRGB, outputMode=mode
            )
    pixels = image if image.mode == mode else image.convert(mode)
    pixels.info = {}
    return pixels


def encode(image, format):
    buffer = BytesIO()
    image.save(buffer, format, **ENCODER_OPTIONS[format])
    return buffer.getvalue()


def rendition_sizes(width, height):
    """The (width, height) of each rendition: the standard widths, never wider than the image."""
    widths = sorted({min(rendition_width, width) for rendition_width in RENDITION_WIDTHS})
    return [(each, max(1, round(height * each / width))) for each in widths]


def rendition_name(name, width, format):
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}-{width}w.{EXTENSIONS[format]}"))


def rendition_formats(format):
    """WebP, which every current browser shows, and the image's own format for the rest."""
    return ["WEBP"] if format == "WEBP" else ["WEBP", format]


def save_renditions(name, clean_image):
    """Store the renditions of a cleaned image that was just stored under `name`."""
    image = clean_image.image
    for width, height in rendition_sizes(image.width, image.height):
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        for format in rendition_formats(clean_image.format):
            rendition = ContentFile(encode(resized, format))
            default_storage.save(rendition_name(name, width, format), rendition)


def store_upload(clean_image):
    """Store an image dropped into the editor, with its renditions; return its address on
    this site, which the editor writes into the Markdown (see site_address)."""
    name = default_storage.save(UPLOAD_DIRECTORY + clean_image.name, clean_image)
    save_renditions(name, clean_image)
    return site_address(name)


def site_address(name):
    """An upload's address on this site, /media/<name>, as Markdown bodies keep it.

    Wherever the file is (this server's disk, a bucket, behind whichever CDN), this address
    stays right: pages show the storage's own addresses, which with_renditions puts in when
    a body is rendered, and /media/ itself answers with a redirect to the file where it is
    stored elsewhere (practice.views.media_file). A move to S3 or to another CDN is then
    `manage.py rerender_posts` away, with nothing an editor wrote to change. (Image fields
    keep only the name, and pages ask the storage for its address each time.)
    """
    return settings.MEDIA_URL + name


def uploaded_name(url):
    """The stored name of an image uploaded here, from its address on this site or the
    storage's own; None for any other address."""
    name = "/".join(url.rsplit("/", 2)[-2:])
    if not UPLOADED_NAME.fullmatch(name):
        return None
    # The site's address first: it is what bodies keep, and asking a bucket's storage for
    # its address builds (and, without a custom domain, signs) one per image per render.
    if url == site_address(name) or url == default_storage.url(name):
        return name
    return None


class Picture:
    """A stored image's renditions, as a `<picture>` element lists them."""

    def __init__(self, name, width, height):
        self.name = name
        self.format = FORMAT_OF_EXTENSION[PurePosixPath(name).suffix.removeprefix(".")]
        self.renditions = rendition_sizes(width, height)
        # The largest rendition is the fallback and sets the aspect ratio.
        self.width, self.height = self.renditions[-1]

    def srcset(self, format):
        return ", ".join(
            f"{default_storage.url(rendition_name(self.name, width, format))} {width}w"
            for width, _ in self.renditions
        )

    @property
    def src(self):
        return default_storage.url(rendition_name(self.name, self.width, self.format))

    @property
    def smallest_src(self):
        """The smallest rendition, in the image's own format: enough for a thumbnail."""
        width, _ = self.renditions[0]
        return default_storage.url(rendition_name(self.name, width, self.format))

    @property
    def own_format_srcset(self):
        return self.srcset(self.format)

    @property
    def webp_srcset(self):
        """A WebP `<source>`, unless the image is a WebP already."""
        return self.srcset("WEBP") if self.format != "WEBP" else ""


def picture_of(image, width, height):
    """The renditions of an image a CleanImageField stored, or None when there is none."""
    if not UPLOADED_NAME.fullmatch(image.name or ""):
        return None
    return Picture(image.name, width, height)


def is_served_here(src):
    """Whether an image address is a path on this site, or an upload's address in the
    storage (a bucket, its CDN), read as a browser reads it.

    Browsers drop tabs and line breaks inside an address, trim control characters and
    spaces around it, and read a backslash as a slash: "/\\evil.example/x.png" leads to
    another host as surely as "//evil.example/x.png".
    """
    src = URL_TABS_AND_LINE_BREAKS.sub("", src).strip(C0_CONTROLS_AND_SPACE)
    parts = urlsplit(src)
    is_path_here = (
        src[:1] == "/" and src[1:2] not in {"/", "\\"} and not parts.scheme and not parts.netloc
    )
    return is_path_here or uploaded_name(src) is not None


def uploaded_picture(url):
    """The Picture of an image uploaded here, found by its URL; None for any other image."""
    name = uploaded_name(url)
    if name is None:
        return None
    try:
        with default_storage.open(name) as file:
            width, height = get_image_dimensions(file)
    except FileNotFoundError:
        return None
    return Picture(name, width, height) if width else None


# The sanitiser writes every tag the same way: attributes in double quotes, with `"`,
# `<` and `>` inside them escaped. So a tag is found exactly by these patterns.
IMG_TAG = re.compile(r'<img(?: [a-z-]+="[^"]*")*>')
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def with_renditions(body_html):
    """Sanitised HTML whose images uploaded here become `<picture>`s with their renditions."""

    def replace(tag):
        attributes = {key: html.unescape(value) for key, value in ATTRIBUTE.findall(tag[0])}
        picture = uploaded_picture(attributes.get("src", ""))
        if picture is None:
            return tag[0]
        return render_to_string(
            "includes/picture.html",
            {
                "picture": picture,
                "alt": attributes.get("alt", ""),
                "title": attributes.get("title", ""),
                "sizes": BODY_IMAGE_SIZES,
                "loading": "lazy",
            },
        ).strip()

    return IMG_TAG.sub(replace, body_html)
