"""Image files made in the test: photos as phones write them, and files posing as images."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, ImageCms

LEFT_COLOUR = (200, 30, 30)
RIGHT_COLOUR = (30, 30, 200)
SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def photo(size=(64, 48), format="JPEG", **save_options):
    """An image whose left half is red and right half blue, so turning it shows."""
    image = Image.new("RGB", size, RIGHT_COLOUR)
    image.paste(LEFT_COLOUR, (0, 0, size[0] // 2, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, format, **save_options)
    return buffer.getvalue()


def phone_photo(size=(64, 48), orientation=1, colour_profile=True):
    """A JPEG as a phone might save it: camera make, GPS position, orientation, a comment
    and, unless told otherwise, a colour profile."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 39.0)
    profile = {"icc_profile": SRGB_PROFILE} if colour_profile else {}
    return photo(size, "JPEG", exif=exif, comment=b"PhoneMaker at home", **profile)


def decompression_bomb(width, height):
    """A PNG of a few bytes whose header declares width by height pixels."""
    buffer = io.BytesIO()
    Image.new("L", (1, 1)).save(buffer, "PNG")
    png = bytearray(buffer.getvalue())
    # The IHDR chunk follows the 8-byte signature: length, type, then width and height.
    png[16:24] = struct.pack(">II", width, height)
    png[29:33] = struct.pack(">I", zlib.crc32(bytes(png[12:29])))
    return bytes(png)


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)
