"""A warehouse built from copies of data/raw whose text fields carry HTML, script, Markdown and LaTeX.

Used by the text-safety tests (AppTest: tests/test_app_text_safety.py; browser:
tests/e2e/test_text_safety.py). Every hostile string is appended to a real value, so ids, joins and the
ETL's data tests still hold; the build goes through the real `python -m etl --data-dir DIR`.
"""
from __future__ import annotations

import csv
import functools
import html
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
MARKDOWN = "**bold** [link](http://evil.example)"
LATEX = "$x^2$"
DIRECTIVE = ":red[red] :material/warning:"
#: Appended to every poisoned field.
PAYLOAD = f" {SCRIPT} {IMG} {MARKDOWN} {LATEX} {DIRECTIVE}"
#: Substrings that must never reach a Markdown/HTML renderer unescaped (each is what a renderer would act on).
RAW_MARKERS = ("<script", "<img", "**bold**", "](http://evil.example)", "$x^2$", ":red[")
#: Interpreted by Streamlit even when backslash-escaped: icon shortcodes, and URLs (GFM autolinks).
ICON = ":material/"
#: The same for plotly, which renders a subset of HTML (<a href>, <b>, <br>, <span style>...) but no Markdown.
HTML_MARKERS = ("<script", "<img", "<a ")
EVIL_HOST = "evil.example"

#: (file in raw/, key column, key value, columns to poison)
CSV_EDITS = [
    ("dialogue_meetings.csv", "edition", "1st", ["outcomes", "notes", "host", "city"]),
    ("organizations.csv", "org_id", "afripol", ["full_name", "kind", "hq_city"]),
    ("organizations.csv", "org_id", "sco", ["name"]),
    ("operations.csv", "operation_id", "epervier-2017", ["name", "crime_area", "lead", "regions"]),
    ("operations.csv", "operation_id", "liberterra-iii-2025", ["name", "crime_area"]),   # the latest: on Overview
    ("operation_results.csv", "operation_id", "epervier-2017", ["unit"]),
    ("operation_results.csv", "operation_id", "liberterra-iii-2025", ["unit"]),
    ("global_policing_goals.csv", "goal_id", "GPG3", ["short_name", "full_title", "description"]),
    ("indicator_goals.csv", "indicator_pattern", "homicide_rate_per_100k", ["rationale"]),
]
#: (sidecar, [section or None, key]) poisoned in the TOML sidecars.
SIDECAR_EDITS = [
    ("homicide-rate-unodc.csv.source.toml", [None, "title"]),
    ("homicide-rate-unodc.csv.source.toml", [None, "publisher"]),
    ("homicide-rate-unodc.csv.source.toml", [None, "license"]),
    ("homicide-rate-unodc.csv.source.toml", [None, "notes"]),
    ("homicide-rate-unodc.csv.source.toml", ["names", "homicide_rate_per_100k"]),
    ("organizations.csv.source.toml", [None, "title"]),
    # (a sidecar url that is not an http(s) address is refused by the ETL: tests/fixtures/bad/sidecar_bad_url)
]


_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")


def unescaped(text: str) -> str:
    """The text with every Markdown backslash escape (backslash + ASCII punctuation) blanked out, so a marker
    found in the result is one a Markdown renderer would act on."""
    return _ESCAPED.sub("\x00", text)


def markdown_leak(text: str) -> str | None:
    """The hostile marker Streamlit's Markdown would act on in `text`, or None.

    Backslash escapes stop emphasis, links, HTML and LaTeX, but not `:material/...:` icons, and a URL still
    becomes a link once the escapes are gone (GFM autolink), unless something breaks it up (a word joiner)."""
    live = unescaped(text)
    hit = next((m for m in RAW_MARKERS if m in live), None)
    if hit:
        return hit
    if ICON in text.replace("\\:", ":"):
        return ICON
    shown = html.unescape(re.sub(r"\\(.)", r"\1", text))
    if "://" + EVIL_HOST in shown or "www." + EVIL_HOST in shown:
        return "autolink"
    return None


def _poison_csv(path: Path, key_col: str, key: str, columns: list[str]) -> int:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    k = header.index(key_col)
    hits = 0
    for row in body:
        if row[k] == key:
            for col in columns:
                i = header.index(col)
                row[i] = (row[i] + PAYLOAD).strip()
            hits += 1
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows([header, *body])
    return hits


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _poison_sidecar(path: Path, section: str | None, key: str) -> None:
    """Append the payload to one string value of a flat sidecar (top level or one [section])."""
    lines = path.read_text(encoding="utf-8").splitlines()
    current = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            current = stripped[1:-1].strip()
            continue
        name, sep, _ = stripped.partition("=")
        if sep and current == section and name.strip() == key:
            old = tomllib.loads(line)[key]
            lines[i] = f"{key} = {_toml_str(old + PAYLOAD)}"
            break
    else:
        raise AssertionError(f"{path.name}: no {section}.{key}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _python() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


@functools.cache
def build(root: Path) -> Path:
    """Copy data/raw into root/hostile/raw, poison it, build the warehouse there; return the data dir."""
    data_dir = root / "hostile"
    if data_dir.exists():
        shutil.rmtree(data_dir)
    shutil.copytree(REPO / "data" / "raw", data_dir / "raw")
    raw = data_dir / "raw"
    for name, key_col, key, columns in CSV_EDITS:
        assert _poison_csv(raw / name, key_col, key, columns), f"{name}: no row {key_col}={key}"
    for name, (section, key) in SIDECAR_EDITS:
        _poison_sidecar(raw / name, section, key)
    proc = subprocess.run([_python(), "-m", "etl", "--data-dir", str(data_dir)], cwd=REPO, capture_output=True,
                          text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return data_dir


# -- hostile ids, written straight into a copy of a warehouse (the ETL refuses such ids) ----------------------

IMG_MD = "![x](http://evil.example/{}.png)"
#: Markdown that would make a browser fetch from the evil host if rendered: an image, a link, an HTML image.
ID_PAYLOAD = " " + IMG_MD.format("id") + " [link](http://evil.example/l) <img src=http://evil.example/h.png>"
HOSTILE_GOAL = "GPG3" + ID_PAYLOAD
HOSTILE_SOURCE = "unodc_homicide_rate_owid" + ID_PAYLOAD
#: Every column holding a goal id or a source id: renamed together, so that joins still hold.
GOAL_ID_COLUMNS = [("goals", "goal_id"), ("indicators", "goal_id"), ("operations", "goal_id")]
SOURCE_ID_COLUMNS = [("sources", "source_id"), ("indicators", "source_id"), ("indicator_values", "source_id")]
#: (table, column, key column, key) given the payload as text, or a missing value.
TEXT_EDITS = [
    ("sources", "title", "source_id", HOSTILE_SOURCE),
    ("sources", "publisher", "source_id", HOSTILE_SOURCE),
    ("goals", "short_name", "goal_id", HOSTILE_GOAL),
    ("goals", "title", "goal_id", HOSTILE_GOAL),
    ("indicators", "name", "indicator_id", "homicide_rate_per_100k"),
    ("operations", "name", "operation_id", "epervier-2017"),
    ("organizations", "full_name", "org_id", "afripol"),
]
MISSING_EDITS = [
    ("sources", "publisher", "source_id", "population_worldbank"),
    ("sources", "license", "source_id", "population_worldbank"),
    ("goals", "description", "goal_id", "GPG2"),
    ("operations", "crime_area", "operation_id", "libertad-2018"),
]


def build_hostile_ids(warehouse: Path, data_dir: Path) -> Path:
    """A copy of `warehouse` in data_dir/warehouse.duckdb whose goal GPG3 and homicide source carry Markdown and
    HTML that would fetch from the evil host in their ids, titles and names, with some text values missing, and
    whose official French goal titles have no URL (GPG1) or one that is not a web address (GPG2)."""
    import duckdb

    data_dir.mkdir(parents=True, exist_ok=True)
    target = data_dir / "warehouse.duckdb"
    shutil.copyfile(warehouse.resolve(), target)
    con = duckdb.connect(str(target))
    try:
        for table, column in GOAL_ID_COLUMNS:
            con.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE "{column}" = ?', [HOSTILE_GOAL, "GPG3"])
        con.execute("UPDATE translations SET id = ? WHERE kind = 'goal' AND id = 'GPG3'", [HOSTILE_GOAL])
        for table, column in SOURCE_ID_COLUMNS:
            con.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE "{column}" = ?',
                        [HOSTILE_SOURCE, "unodc_homicide_rate_owid"])
        for table, column, key, value in TEXT_EDITS:
            con.execute(f'UPDATE "{table}" SET "{column}" = "{column}" || ? WHERE "{key}" = ?', [ID_PAYLOAD, value])
        for table, column, key, value in MISSING_EDITS:
            con.execute(f'UPDATE "{table}" SET "{column}" = NULL WHERE "{key}" = ?', [value])
        con.execute("UPDATE translations SET source_url = NULL WHERE kind = 'goal' AND id = 'GPG1' AND lang = 'fr'")
        con.execute("UPDATE translations SET source_url = 'javascript:alert(1)' WHERE kind = 'goal' AND id = 'GPG2' "
                    "AND lang = 'fr'")
        changed = con.execute("SELECT count(*) FROM indicators WHERE goal_id = ? AND source_id = ?",
                              [HOSTILE_GOAL, HOSTILE_SOURCE]).fetchone()[0]
        assert changed, "the homicide indicator no longer carries both hostile ids"
    finally:
        con.close()
    return data_dir


HOSTILE_DECK = f'''title = "Hostile deck {IMG_MD.format("deck")}"
description = "<img src=http://evil.example/desc.png>"
[[slide]]
title = "Trends {IMG_MD.format("title")}"
page = "trends"
chart = "trends_chart"
takeaway = "Takeaway [link](http://evil.example/t) {IMG_MD.format("takeaway")}"
note = "Note <img src=http://evil.example/note.png> {IMG_MD.format("note")} :red[red] $x^2$"
[slide.filters]
indicator = "homicide_rate_per_100k"
[[slide]]
title = "Overlaps <b>bold</b> {IMG_MD.format("title2")}"
page = "architecture"
chart = "arch_overlap"
note = "**bold** <script>alert(1)</script>"
[[slide]]
title = "Overview {IMG_MD.format("title3")}"
page = "overview"
'''
