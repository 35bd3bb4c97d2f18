"""Where the operating system's Chromium is: CHROMIUM_PATH, else `chromium` on the PATH."""

import os
import shutil
from pathlib import Path

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def chromium_available():
    return Path(CHROMIUM_PATH).is_file() and os.access(CHROMIUM_PATH, os.X_OK)
