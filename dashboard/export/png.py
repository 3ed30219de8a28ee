"""Charts as PNG: kaleido 1.x drawing each figure in Debian's Chromium, offline (maps from static/)."""
from __future__ import annotations

import os
import tempfile
import warnings
from pathlib import Path

from .settings import CHROMIUM, OFFLINE_PROXY, PNG_HEIGHT, PNG_SCALE, PNG_WIDTH, STATIC


def render_pngs(figures: list) -> list[bytes]:
    """PNG bytes of each figure, drawn by kaleido in Debian's Chromium, offline (maps from static/)."""
    import kaleido
    import plotly.io as pio

    if not figures:
        return []
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set CHROMIUM)")
    os.environ.setdefault("BROWSER_PATH", CHROMIUM)
    pio.defaults.topojson = STATIC.as_uri() + "/"          # world_110m.json, served from disk, not a CDN
    # kaleido takes no Chromium flags but a proxy: every http(s) fetch of its Chromium (the component updater,
    # sign-in, search engine) goes to a closed loopback port instead of the network (settings.OFFLINE_ARGS)
    kaleido.start_sync_server(path=CHROMIUM, mathjax=False, timeout=120, silence_warnings=True,
                              proxy_server=OFFLINE_PROXY)
    with tempfile.TemporaryDirectory(prefix="export-png-") as tmp:
        paths = [Path(tmp) / f"chart{i}.png" for i in range(len(figures))]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)      # "kopts ignored when a server runs": intended
            pio.write_images(figures, paths, format="png", width=PNG_WIDTH, height=PNG_HEIGHT, scale=PNG_SCALE)
        pngs = [p.read_bytes() for p in paths]
    kaleido.stop_sync_server(silence_warnings=True)
    return pngs
