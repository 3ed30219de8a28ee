"""Settings of the export pack. Environment: DASHBOARD_URL (base of the live links, default
http://127.0.0.1:8501), CHROMIUM (else BROWSER_PATH; default /usr/bin/chromium)."""
from __future__ import annotations

import os

from ..settings import REPO

CHROMIUM = os.environ.get("CHROMIUM") or os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
BASE_URL = os.environ.get("DASHBOARD_URL", "http://127.0.0.1:8501")
OUT_DIR = REPO / "exports"
STATIC = REPO / "static"
PNG_WIDTH, PNG_HEIGHT, PNG_SCALE = 1600, 800, 2     # layout pixels; the PNG has twice as many
FONT_SCALE = 1.3                                     # chart type, for reading on paper
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
