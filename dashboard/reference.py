"""Small cited reference files the app reads itself (dashboard/reference/<name>.csv with a .source.toml
sidecar): today the UN Sustainable Development Goals' short titles, for the Goals page's links."""
from __future__ import annotations

import csv
import functools
import tomllib

from .settings import REFERENCE_DIR

SDG_FILE = REFERENCE_DIR / "sdg_names.csv"


@functools.lru_cache(maxsize=1)
def sdg_names() -> dict[int, tuple[str, str]]:
    """SDG number -> (official short title, UN page), from sdg_names.csv."""
    with SDG_FILE.open(encoding="utf-8", newline="") as fh:
        return {int(r["sdg"]): (r["short_name"], r["url"]) for r in csv.DictReader(fh)}


def sdg_source() -> dict:
    """The provenance sidecar of sdg_names.csv (title, publisher, url, licence, retrieved)."""
    return tomllib.loads((REFERENCE_DIR / "sdg_names.csv.source.toml").read_text(encoding="utf-8"))


def sdg_links(related_sdgs: str | None) -> list[tuple[int, str, str]]:
    """'5;16;17' -> [(5, 'Gender equality', 'https://sdgs.un.org/goals/goal5'), ...]; unknown numbers skipped."""
    names = sdg_names()
    out = []
    for part in str(related_sdgs or "").replace(",", ";").split(";"):
        part = part.strip()
        if part.isdigit() and int(part) in names:
            title, url = names[int(part)]
            out.append((int(part), title, url))
    return out
