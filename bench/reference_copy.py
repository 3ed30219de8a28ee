"""The real reference files a synthetic data directory needs (bench/generate.py): population, organizations,
goals and the editorial goal mapping, copied with their sidecars; the synthetic indicators' goal rows appended."""
from __future__ import annotations

import csv
import fnmatch
import io
import math
import shutil
import tomllib
from pathlib import Path

import numpy as np

from .synthetic import NY, THEME_AREAS, THEMES, YEARS, GenerateError

EXCLUDED_PREFIXES = ("unodc_", "terrorism_", "ti_", "gitoc_")
FILE_PREFIX = "synthetic_indicators_"
GOALS_FILE = "indicator_goals.csv"
SIDECAR_SUFFIX = ".source.toml"
POPULATION_FILE = "population.csv"           # the World Bank's long CSV (Country Name, Country Code, Year, Value)
#: The World Bank's long CSV, in the tidy layout's names.
WB_COLUMNS = {"Country Code": "iso3", "Country Name": "country", "Year": "year", "Value": "value"}
GOAL_RATIONALE = "Synthetic benchmark indicator (not real data)"


def load_population(path: Path):
    """Countries (sorted by iso3), their names and a flat country x year population grid. Reads the tidy
    layout (iso3, country, year, value) or the World Bank's long CSV, keeping current countries only (not the
    Bank's aggregates such as WLD or income groups)."""
    from etl.countries import known_iso3

    names, pop = {}, {}
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        rename = WB_COLUMNS if set(WB_COLUMNS) <= set(reader.fieldnames or []) else {}
        missing = {"iso3", "country", "year", "value"} - {rename.get(c, c) for c in reader.fieldnames or []}
        if missing:
            raise GenerateError(f"{path}: population file lacks column(s) {', '.join(sorted(missing))}")
        for raw_row in reader:
            row = {rename.get(k, k): v for k, v in raw_row.items()}
            iso3 = row["iso3"].strip()
            if iso3 not in known_iso3():
                continue
            try:
                year, value = int(row["year"]), float(row["value"])
            except ValueError:
                continue
            if not iso3 or not math.isfinite(value) or value <= 0:
                continue
            names.setdefault(iso3, row["country"].strip())
            pop[iso3, year] = value
    iso3s = sorted(names)
    grid = np.full((len(iso3s), NY), np.nan)
    for c, iso3 in enumerate(iso3s):
        for y, year in enumerate(YEARS):
            grid[c, y] = pop.get((iso3, int(year)), np.nan)
        known = np.flatnonzero(~np.isnan(grid[c]))
        if known.size == 0:          # no population 1990-2024: use the nearest year there is
            years = sorted(yr for (i, yr) in pop if i == iso3)
            nearest = min(years, key=lambda yr: min(abs(yr - 1990), abs(yr - 2024)))
            grid[c] = pop[iso3, nearest]
        else:                        # fill gaps from the nearest known year
            grid[c] = grid[c, known[np.abs(np.arange(NY)[:, None] - known[None, :]).argmin(axis=1)]]
    if not iso3s:
        raise GenerateError(f"{path}: no countries found in the population file")
    return iso3s, [names[i] for i in iso3s], grid.ravel()


def _is_reference(ref: Path, name: str) -> bool:
    """A reference table or the population file (or their sidecars): what a synthetic build needs beside its data."""
    data = name[: -len(SIDECAR_SUFFIX)] if name.endswith(SIDECAR_SUFFIX) else name
    if data == POPULATION_FILE:
        return True
    side = ref / (data + SIDECAR_SUFFIX)
    try:
        return tomllib.loads(side.read_text(encoding="utf-8-sig")).get("format") == "reference"
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False


def copy_reference(ref: Path, raw: Path, log) -> list[str]:
    copied = []
    for src in sorted(ref.iterdir()):
        name = src.name
        if (not src.is_file() or name.startswith(".") or not _is_reference(ref, name)
                or name.startswith(EXCLUDED_PREFIXES) or name.startswith(FILE_PREFIX)):
            continue
        shutil.copyfile(src, raw / name)
        copied.append(name)
    for name in copied:
        if not name.endswith(SIDECAR_SUFFIX) and name + SIDECAR_SUFFIX not in copied:
            log(f"warning: {ref / name} has no {name}{SIDECAR_SUFFIX} sidecar; the ETL may reject it")
    if GOALS_FILE in copied:
        added = append_goal_rows(raw / GOALS_FILE, log)
        log(f"  {GOALS_FILE}: appended {added} syn_* goal mapping row(s)")
    else:
        log(f"  note: no {GOALS_FILE} in {ref}; synthetic indicators will have no goal mapping")
    return copied


def append_goal_rows(path: Path, log) -> int:
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    fields = reader.fieldnames or []
    if "indicator_pattern" not in fields or not {"goal_id", "crime_area"} & set(fields):
        raise GenerateError(f"{path.name}: expected columns indicator_pattern and crime_area (or goal_id), "
                            f"got {fields}")
    flags = [r.get("higher_is_worse", "").strip() for r in rows]
    true_token = next((v for v in flags if v.lower() == "true"), None) or \
        ("1" if set(flags) & {"0", "1"} else "true")
    patterns = [r["indicator_pattern"].strip() for r in rows]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    added = 0
    for theme, goal in THEMES:
        pattern = f"syn_{theme}_*"
        if pattern in patterns:
            continue
        sample = f"syn_{theme}_1_count"
        shadow = next((p for p in patterns if p and fnmatch.fnmatchcase(sample, p)), None)
        if shadow:
            log(f"warning: {path.name}: existing pattern {shadow!r} matches {sample} before {pattern!r}")
        values = {"indicator_pattern": pattern, "goal_id": goal, "higher_is_worse": true_token,
                  "crime_area": THEME_AREAS[theme], "direction": "worse", "series_kind": "indicator",
                  "rationale": GOAL_RATIONALE}
        writer.writerow([values.get(f, "") for f in fields])
        added += 1
    if added:
        if text and not text.endswith(("\n", "\r")):
            text += newline
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + (text + out.getvalue()).encode("utf-8"))
    return added


