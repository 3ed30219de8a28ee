"""Provenance sidecars: `<file>.source.toml` beside every raw file."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EtlError
from .paths import SIDECAR_SUFFIX

REQUIRED = ("title", "publisher", "url", "license", "retrieved", "format")
FORMATS = ("tidy", "dataunodc", "owid", "reference")
#: The layout options the readers use, with their TOML type (other keys are kept as they are).
OPTION_TYPES = {"delimiter": str, "sheet": str, "header_row": int, "table": str, "indicator_prefix": str,
                "indicator_from": list, "sum_over": list, "ignore_columns": list, "partial_membership": list,
                "unit_suffix": bool, "recode": dict, "names": dict, "descriptions": dict, "concepts": dict,
                "indicator_ids": dict, "units": dict}
TOML_TYPE = {str: "a string in double quotes", int: "a whole number", bool: "true or false", list: "a list [...]",
             dict: "a table [name]"}
REFERENCE_TABLES = ("organizations", "org_membership", "goals", "operations", "operation_countries",
                    "operation_results", "dialogue_meetings", "indicator_goals", "translations")


@dataclass(frozen=True)
class Sidecar:
    path: Path            # the data file this sidecar describes
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
    options: dict = field(default_factory=dict)   # every other key (layout options)

    def opt(self, key, default=None):
        return self.options.get(key, default)


def sidecar_path(data_file: Path) -> Path:
    return data_file.with_name(data_file.name + SIDECAR_SUFFIX)


def load(data_file: Path) -> Sidecar:
    side = sidecar_path(data_file)
    if not side.exists():
        raise EtlError(f"no provenance sidecar (expected {side.name})", file=data_file.name,
                       hint=f"add {side.name} with {', '.join(REQUIRED)} (see README, 'Adding a source')")
    try:
        meta = tomllib.loads(side.read_text(encoding="utf-8-sig"))   # (a BOM from Notepad is fine)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise EtlError(f"sidecar is not valid TOML: {exc}", file=side.name,
                       hint="fix the TOML syntax (strings in double quotes, one key = value per line)") from None
    missing = [k for k in REQUIRED if not str(meta.get(k, "")).strip()]
    if missing:
        raise EtlError(f"sidecar lacks required field(s): {', '.join(missing)}", file=side.name,
                       hint=f"every sidecar needs {', '.join(REQUIRED)}")
    fmt = str(meta["format"]).strip()
    if fmt not in FORMATS:
        raise EtlError(f"unknown format '{fmt}'", file=side.name,
                       hint=f"format must be one of: {', '.join(FORMATS)}")
    if fmt == "reference" and meta.get("table") not in REFERENCE_TABLES:
        raise EtlError(f"reference sidecar needs table = one of {', '.join(REFERENCE_TABLES)}",
                       file=side.name, hint="set `table` to the reference table this file fills")
    for key, kind in OPTION_TYPES.items():
        value = meta.get(key)
        if value is not None and (not isinstance(value, kind) or (kind is int and isinstance(value, bool))):
            raise EtlError(f"`{key}` must be {TOML_TYPE[kind]}, not {value!r}", file=side.name,
                           hint="fix the sidecar (see README, 'Adding a source')")
    if "delimiter" in meta and len(meta["delimiter"]) != 1:
        raise EtlError(f"`delimiter` must be one character, not {meta['delimiter']!r}", file=side.name,
                       hint='for example delimiter = ";" or delimiter = "\\t"')
    if "header_row" in meta and meta["header_row"] < 1:
        raise EtlError(f"`header_row` counts rows from 1, not {meta['header_row']}", file=side.name,
                       hint="give the sheet row number of the header line")
    known = set(REQUIRED) | {"source_id", "notes", "synthetic", "preferred"}
    stem = data_file.name.split(".")[0]
    return Sidecar(
        path=data_file, source_id=str(meta.get("source_id") or stem), title=str(meta["title"]),
        publisher=str(meta["publisher"]), url=str(meta["url"]), license=str(meta["license"]),
        retrieved=str(meta["retrieved"]), format=fmt, notes=str(meta.get("notes", "")),
        synthetic=bool(meta.get("synthetic", False)), preferred=bool(meta.get("preferred", False)),
        options={k: v for k, v in meta.items() if k not in known},
    )
