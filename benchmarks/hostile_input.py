"""How long the worst an editor (or a stolen editor's account) can send takes to process.

Markdown: the test suite's bodies of up to MAX_BODY_LENGTH characters built to be slow
for Markdown renderers (brackets, emphasis, quotes, nesting…), each rendered and
sanitised as a post is saved or previewed. Photos: the largest each format can be within
the upload limits (10 MB, 50 megapixels), each checked, cleaned and given its renditions
as an upload is, in a process of its own so that its peak memory can be read.

    .venv/bin/python benchmarks/hostile_input.py

Targets: any body renders within 1 second; any photo within the limits is processed
within 5 seconds and 1 GB. It exits non-zero when one is missed.
"""

import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "practice.settings")

import django

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from PIL import Image  # noqa: E402

from practice import images  # noqa: E402
from practice.markdown import MAX_BODY_LENGTH, render_markdown  # noqa: E402

# The test suite's catalogue of bodies that are slow for Markdown renderers.
from tests.practice.test_markdown_limits import PATHOLOGICAL  # noqa: E402

MARKDOWN_SECONDS = 1.0
PHOTO_SECONDS = 5.0
PHOTO_MEGABYTES = 1024


def photo_file(format, size, noise):
    """A photo-like image: a gradient with soft noise, as much as the 10 MB limit allows."""
    gradient = Image.linear_gradient("L").resize(size).convert("RGB")
    grain = Image.effect_noise((size[0] // 32, size[1] // 32), 30).resize(size).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(gradient, grain, noise).save(buffer, format, quality=95)
    return buffer.getvalue()


PHOTOS = {
    "PNG 7000 x 7000, 49 MP": ("PNG", (7000, 7000), 0.25),
    "WebP 7000 x 7000, 49 MP": ("WEBP", (7000, 7000), 0.25),
    "JPEG 8000 x 6000, 48 MP": ("JPEG", (8000, 6000), 0.25),
    "GIF 7000 x 7000, 49 MP": ("GIF", (7000, 7000), 0.0),
}


def process_upload(path):
    """Clean an upload and make its renditions, as the site does; print seconds and MB."""
    data = Path(path).read_bytes()
    started = time.perf_counter()
    clean = images.clean_upload(ContentFile(data, name="photo"))
    for width, height in images.rendition_sizes(clean.image.width, clean.image.height):
        resized = clean.image.resize((width, height), Image.Resampling.LANCZOS)
        for format in images.rendition_formats(clean.format):
            images.encode(resized, format)
    seconds = time.perf_counter() - started
    # VmHWM: this process's own peak (ru_maxrss would carry the parent's over from fork).
    status = Path("/proc/self/status").read_text()
    peak_kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
    print(seconds, peak_kb / 1024)


def main():
    missed = []
    print(f"Markdown bodies of {MAX_BODY_LENGTH:,} characters (target {MARKDOWN_SECONDS} s):")
    for name, body in PATHOLOGICAL.items():
        started = time.perf_counter()
        render_markdown(body)
        seconds = time.perf_counter() - started
        print(f"  {name:30} {seconds * 1000:7.0f} ms")
        if seconds > MARKDOWN_SECONDS:
            missed.append(f"Markdown: {name}")

    print(f"Photos (target {PHOTO_SECONDS} s and {PHOTO_MEGABYTES} MB):")
    for name, (format, size, noise) in PHOTOS.items():
        with tempfile.NamedTemporaryFile() as file:
            file.write(photo_file(format, size, noise))
            file.flush()
            # A process of its own: its peak memory is the upload's, not this script's.
            measured = subprocess.run(
                [sys.executable, __file__, "--photo", file.name],
                capture_output=True,
                text=True,
                check=True,
            )
            megabytes = os.path.getsize(file.name) / 1e6
        seconds, peak = (float(number) for number in measured.stdout.split())
        print(f"  {name:24} {megabytes:5.1f} MB file  {seconds:5.2f} s  peak {peak:5.0f} MB")
        if seconds > PHOTO_SECONDS or peak > PHOTO_MEGABYTES:
            missed.append(f"photo: {name}")

    if missed:
        print("Missed:", ", ".join(missed))
        sys.exit(1)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--photo"]:
        process_upload(sys.argv[2])
    else:
        main()
