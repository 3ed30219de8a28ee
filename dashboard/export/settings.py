"""Settings of the export pack. Environment: DASHBOARD_URL (base of the live links; else
http://<SERVE_ADDRESS>:<PORT> when the dashboard is served on a venue network; else http://127.0.0.1:8501, which
opens only on the presenting machine), CHROMIUM (else BROWSER_PATH; default /usr/bin/chromium)."""
from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from ..settings import REPO

CHROMIUM = os.environ.get("CHROMIUM") or os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
LOOPBACK_URL = "http://127.0.0.1:8501"
OUT_DIR = REPO / "exports"
STATIC = REPO / "static"
PNG_WIDTH, PNG_HEIGHT, PNG_SCALE = 1600, 800, 2     # layout pixels; the PNG has twice as many
FONT_SCALE = 1.3                                     # chart type, for reading on paper
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class BaseUrlError(ValueError):
    """A base URL the links cannot use; the message says what to give instead."""


def base_url(env: Mapping[str, str] | None = None) -> str:
    """Where the links of an export pack point: DASHBOARD_URL, else the venue address the dashboard is served on
    (SERVE_ADDRESS, with PORT), else the loopback address."""
    env = os.environ if env is None else env
    if env.get("DASHBOARD_URL", "").strip():
        return env["DASHBOARD_URL"].strip()
    address = env.get("SERVE_ADDRESS", "").strip()
    if address:
        host = f"[{address.strip('[]')}]" if ":" in address.strip("[]") else address
        return f"http://{host}:{env.get('PORT', '').strip() or 8501}"
    return LOOPBACK_URL


def check_base_url(url: str) -> str:
    """An http(s) address with a host and nothing after the path (the slides' paths and filters follow it)."""
    try:
        parts = urlsplit(url.strip())
        parts.port                                   # noqa: B018 (raises on a bad port)
    except ValueError:
        parts = None
    if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname or parts.query
            or parts.fragment or "@" in parts.netloc or not url.strip().isprintable() or " " in url.strip()):
        raise BaseUrlError(f"{url[:80]!r} is not a web address for the links; give one like "
                           "http://192.168.1.20:8501 (the address delegates open the dashboard at)")
    return url.strip().rstrip("/")


def is_loopback(url: str) -> bool:
    """Whether the links would open only on the machine that serves the dashboard (127.0.0.1, localhost, ::1,
    0.0.0.0)."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified
