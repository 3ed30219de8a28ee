"""Provenance sidecars: `<file>.source.toml` beside every raw file, checked before any work starts.

Seven keys are enough for any layout: source_id (default: the file name's stem), format, title, publisher,
url, license, retrieved. Optional: notes, preferred, synthetic, redistribution ("allowed", "restricted" or
"unknown"; absent means unknown) with redistribution_note, and the layout's own options (README, "Adding a
source"). Every text is capped, every id must match paths.ID_PATTERN and the url must be http(s) (or the
project's own file, for its editorial tables).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

from .errors import EtlError, excerpt
from .paths import ID_PATTERN, REPO_PATH_PATTERN, SIDECAR_SUFFIX, TEXT_CAPS, URL_PATTERN

REQUIRED = ("title", "publisher", "url", "license", "retrieved", "format")
FORMATS = ("tidy", "dataunodc", "owid", "wide_years", "worldbank", "ids", "reference")
REDISTRIBUTION = ("allowed", "restricted", "unknown")
#: The layout options, with their TOML type (see README, "Adding a source").
OPTION_TYPES = {"delimiter": str, "sheet": str, "header_row": int, "table": str, "indicator_prefix": str,
                "indicator_from": list, "sum_over": list, "ignore_columns": list, "partial_membership": list,
                "unit_suffix": bool, "recode": dict, "names": dict, "descriptions": dict, "concepts": dict,
                "indicator_ids": dict, "units": dict, "columns": dict, "indicator_id": str, "unit": str,
                "id_columns": list, "country_column": str, "iso3_column": str, "header_pattern": str,
                "year": int, "indicators": dict, "indicator_column": str, "identifiers": dict,
                "country_names": str, "composites": dict}
TOML_TYPE = {str: "a string in double quotes", int: "a whole number", bool: "true or false", list: "a list [...]",
             dict: "a table [name]"}
REFERENCE_TABLES = ("organizations", "org_membership", "goals", "operations", "operation_countries",
                    "operation_results", "dialogue_meetings", "indicator_goals", "translations", "crime_areas",
                    "caveats")
#: Options whose keys or values are indicator ids.
ID_KEYS = ("names", "descriptions", "concepts")
ID_VALUES = ("indicator_ids", "indicators")
MAX_ENTRIES = 5_000            # entries in one option table


@dataclass(frozen=True)
class Sidecar:
    name: str             # the data file this sidecar describes (its name in raw/)
    source_id: str
    title: str
    publisher: str
    url: str
    license: str
    retrieved: str
    format: str
    notes: str = ""
    synthetic: bool = False
    preferred: bool = False
    redistribution: str = "unknown"
    redistribution_note: str = ""
    options: dict = field(default_factory=dict)   # every other key (layout options)

    def opt(self, key, default=None):
        return self.options.get(key, default)

    @property
    def table(self) -> str | None:
        return self.options.get("table")


def sidecar_name(data_name: str) -> str:
    return data_name + SIDECAR_SUFFIX


def default_source_id(data_name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", data_name.split(".")[0].lower()).strip("_")


def _fail(side: str, message: str, hint: str) -> EtlError:
    return EtlError(message, file=side, hint=hint)


#: The cap of the texts inside an option table (by the table's name); other texts: TEXT_CAPS["default"].
NESTED_CAPS = {"names": "name", "descriptions": "description", "units": "unit"}


def _check_texts(side: str, value, key: str, cap: str, depth: int = 0) -> None:
    """Every string in the sidecar within its cap; tables and lists of bounded size and depth."""
    if isinstance(value, str):
        limit = TEXT_CAPS.get(cap, TEXT_CAPS["default"])
        if len(value) > limit:
            raise _fail(side, f"`{key}` is {len(value):,} characters long; the limit is {limit:,}",
                        "shorten it (long explanations belong in SOURCES.md)")
    elif isinstance(value, (dict, list)):
        if len(value) > MAX_ENTRIES or depth > 3:
            raise _fail(side, f"`{key}` holds too many entries (at most {MAX_ENTRIES:,}, nested at most 3 deep)",
                        "split the source or simplify the sidecar")
        inner = NESTED_CAPS.get(key, "default")
        for k, v in (value.items() if isinstance(value, dict) else enumerate(value)):
            _check_texts(side, str(k), key, "default", depth + 1)
            _check_texts(side, v, key, inner, depth + 1)


def _check_id(side: str, what: str, value) -> None:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise _fail(side, f"{what} {excerpt(value, 60)!r} is not a valid id",
                    "ids are lower-case letters, digits and underscores, starting with a letter (at most 120)")


def _check_ids(side: str, meta: dict) -> None:
    _check_id(side, "source_id", meta["source_id"])
    wide = meta.get("format") in ("wide_years", "worldbank")     # (an OWID sidecar's [units] names columns)
    for key in ID_KEYS + (("units",) if wide else ()):
        for k in meta.get(key, {}) or {}:
            _check_id(side, f"`[{key}]` key", k)
    for key in ID_VALUES:
        for v in (meta.get(key, {}) or {}).values():
            _check_id(side, f"an indicator id in `[{key}]`", v)
    if "indicator_id" in meta:
        _check_id(side, "`indicator_id`", meta["indicator_id"])
    for composite, parts in (meta.get("composites", {}) or {}).items():
        _check_id(side, "a `[composites]` key", composite)
        if not isinstance(parts, list) or not parts:
            raise _fail(side, f"`[composites]` entry {excerpt(composite, 60)!r} must list its components",
                        'write it as ocindex_criminal_markets = ["ocindex_human_trafficking", ...]')
        for part in parts:
            _check_id(side, "a component in `[composites]`", part)
    for ident, target in (meta.get("identifiers", {}) or {}).items():
        if not isinstance(target, dict) or "indicator" not in target:
            raise _fail(side, f"`[identifiers]` entry {excerpt(ident, 60)!r} needs an `indicator`",
                        'write it as "Male 15-29 Count" = { indicator = "...", sex = "Male", age = "15-29" }')
        _check_id(side, "an indicator id in `[identifiers]`", target["indicator"])


def _check_url(side: str, url: str) -> None:
    if not (URL_PATTERN.fullmatch(url) or REPO_PATH_PATTERN.fullmatch(url)):
        raise _fail(side, f"url {excerpt(url, 60)!r} is not an http(s) address",
                    "give the publisher's page as https://... (or, for the project's own table, its path "
                    "such as data/raw/indicator_goals.csv)")


def _check_options(side: str, meta: dict) -> None:
    for key, kind in OPTION_TYPES.items():
        value = meta.get(key)
        if value is not None and (not isinstance(value, kind) or (kind is int and isinstance(value, bool))):
            raise _fail(side, f"`{key}` must be {TOML_TYPE[kind]}, not {excerpt(repr(value), 60)}",
                        "fix the sidecar (see README, 'Adding a source')")
    if "delimiter" in meta and len(meta["delimiter"]) != 1:
        raise _fail(side, f"`delimiter` must be one character, not {excerpt(repr(meta['delimiter']), 20)}",
                    'for example delimiter = ";" or delimiter = "\\t"')
    if "header_row" in meta and meta["header_row"] < 1:
        raise _fail(side, f"`header_row` counts rows from 1, not {meta['header_row']}",
                    "give the row number of the header line")
    if "header_pattern" in meta:
        try:
            rx = re.compile(meta["header_pattern"])
        except re.error as exc:
            raise _fail(side, f"`header_pattern` is not a regular expression ({exc})",
                        "fix the pattern; it needs a (?P<year>...) group unless `year` is set") from None
        if "year" not in rx.groupindex and "year" not in meta:
            raise _fail(side, "`header_pattern` has no (?P<year>...) group and the sidecar gives no `year`",
                        "add a year group to the pattern, or set year = 2021 for a one-year file")


def parse(name: str, raw_bytes: bytes, data_name: str) -> Sidecar:
    """The sidecar `name` (bytes as read) of the data file `data_name`, checked."""
    try:
        meta = tomllib.loads(raw_bytes.decode("utf-8-sig"))   # (a BOM from Notepad is fine)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _fail(name, f"sidecar is not valid TOML: {excerpt(exc, 160)}",
                    "fix the TOML syntax (strings in double quotes, one key = value per line)") from None
    missing = [k for k in REQUIRED if not str(meta.get(k, "")).strip()]
    if missing:
        raise _fail(name, f"sidecar lacks required field(s): {', '.join(missing)}",
                    f"every sidecar needs {', '.join(REQUIRED)}")
    meta.setdefault("source_id", default_source_id(data_name))
    for key, value in meta.items():
        _check_texts(name, value, key, key)
    for key in ("source_id", "notes", "redistribution", "redistribution_note", *REQUIRED):
        if key in meta and not isinstance(meta[key], str):
            raise _fail(name, f"`{key}` must be {TOML_TYPE[str]}", "fix the sidecar")
    fmt = meta["format"].strip()
    if fmt not in FORMATS:
        raise _fail(name, f"unknown format {excerpt(fmt, 40)!r}", f"format must be one of: {', '.join(FORMATS)}")
    if fmt == "reference" and meta.get("table") not in REFERENCE_TABLES:
        raise _fail(name, f"reference sidecar needs table = one of {', '.join(REFERENCE_TABLES)}",
                    "set `table` to the reference table this file fills")
    redistribution = str(meta.get("redistribution", "unknown")).strip() or "unknown"
    if redistribution not in REDISTRIBUTION:
        raise _fail(name, f"redistribution must be one of {', '.join(REDISTRIBUTION)}, "
                          f"not {excerpt(redistribution, 30)!r}",
                    "say whether the licence lets a deployment publish the file (unknown when it is not stated)")
    for key in ("preferred", "synthetic"):
        if not isinstance(meta.get(key, False), bool):
            raise _fail(name, f"`{key}` must be true or false", "fix the sidecar")
    _check_url(name, meta["url"].strip())
    _check_ids(name, meta)
    _check_options(name, meta)
    known = set(REQUIRED) | {"source_id", "notes", "synthetic", "preferred", "redistribution",
                             "redistribution_note"}
    return Sidecar(
        name=data_name, source_id=meta["source_id"], title=meta["title"].strip(),
        publisher=meta["publisher"].strip(), url=meta["url"].strip(), license=meta["license"].strip(),
        retrieved=meta["retrieved"].strip(), format=fmt, notes=meta.get("notes", "").strip(),
        synthetic=meta.get("synthetic", False), preferred=meta.get("preferred", False),
        redistribution=redistribution, redistribution_note=meta.get("redistribution_note", "").strip(),
        options={k: v for k, v in meta.items() if k not in known},
    )
