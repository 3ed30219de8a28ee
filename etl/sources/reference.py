"""Reference tables (organizations, memberships, goals, operations, meetings, the goal mapping).

Each table is declared once in `TABLES`: the file's columns mapped to the warehouse's, which must be
filled, and how each typed column is parsed. A row that fails a check is rejected with the column and
the reason; the rest load. Small files, so pandas is fine here.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

from .. import warehouse
from ..errors import EtlError, excerpt
from ..paths import URL_PATTERN
from ..sql import ident, idents
from .raw import columns_shown


@dataclass(frozen=True)
class Table:
    columns: dict[str, str]                 # file column -> warehouse column
    required: tuple[str, ...]               # warehouse columns that must be non-empty
    key: tuple[str, ...]
    parse: dict[str, str] = field(default_factory=dict)   # warehouse column -> parser name
    optional: tuple[str, ...] = ()          # file columns that may be absent


TABLES: dict[str, Table] = {
    "organizations": Table(
        {"org_id": "org_id", "name": "name", "full_name": "full_name", "role": "role", "kind": "kind",
         "founded_year": "founded_year", "hq_city": "hq_city", "hq_country_iso3": "hq_country_iso3",
         "source_url": "source_url"},
        required=("org_id", "name", "role"), key=("org_id",),
        parse={"founded_year": "year", "hq_country_iso3": "iso3", "role": "role", "source_url": "urls"}),
    "org_membership": Table(
        {"org_id": "org_id", "country_iso3": "iso3", "membership_type": "membership_type",
         "since_year": "since_year", "source_url": "source_url"},
        required=("org_id", "iso3", "membership_type"), key=("org_id", "iso3"),
        parse={"iso3": "iso3", "since_year": "year", "source_url": "urls"}),
    "goals": Table(
        {"goal_id": "goal_id", "short_name": "short_name", "full_title": "title", "description": "description",
         "related_sdgs": "related_sdgs", "source_url": "source_url"},
        required=("goal_id", "short_name", "title"), key=("goal_id",), parse={"source_url": "urls"}),
    "operations": Table(
        {"operation_id": "operation_id", "name": "name", "start_date": "start_date", "end_date": "end_date",
         "announced_date": "announced_date", "crime_area": "crime_area", "related_goal": "related_goal",
         "lead": "lead", "regions": "regions", "source_url": "source_url"},
        required=("operation_id", "name", "start_date"), key=("operation_id",),
        parse={"start_date": "date", "end_date": "date", "announced_date": "date", "source_url": "urls"}),
    "operation_countries": Table(
        {"operation_id": "operation_id", "country_iso3": "iso3", "source_url": "source_url"},
        required=("operation_id", "iso3"), key=("operation_id", "iso3"), parse={"iso3": "iso3", "source_url": "urls"}),
    "operation_results": Table(
        {"operation_id": "operation_id", "metric": "metric", "value": "value", "unit": "unit",
         "qualifier": "qualifier", "source_url": "source_url"},
        required=("operation_id", "metric", "value", "qualifier"), key=("operation_id", "metric"),
        parse={"value": "nonneg_number", "qualifier": "qualifier", "source_url": "urls"}),
    "dialogue_meetings": Table(
        {"edition": "edition", "start_date": "start_date", "end_date": "end_date", "city": "city",
         "country_iso3": "iso3", "virtual": "virtual", "host": "host", "outcomes": "outcomes", "notes": "notes",
         "source_url": "source_url"},
        required=("edition",), key=("edition",),
        parse={"start_date": "date", "end_date": "date", "iso3": "iso3", "virtual": "yesno", "source_url": "urls"},
        optional=("notes",)),
    "indicator_goals": Table(
        {"indicator_pattern": "indicator_pattern", "crime_area": "crime_area", "direction": "direction",
         "series_kind": "series_kind", "rationale": "rationale"},
        required=("indicator_pattern", "direction", "rationale"), key=("indicator_pattern",),
        parse={"direction": "direction", "series_kind": "series_kind"}, optional=("series_kind",)),
    "crime_areas": Table(
        {"crime_area": "crime_area", "goal_id": "goal_id", "rationale": "rationale"},
        required=("crime_area", "goal_id", "rationale"), key=("crime_area",)),
    "caveats": Table(
        {"caveat_id": "caveat_id", "source_id": "source_id", "indicator_id": "indicator_id", "iso3": "iso3",
         "scheme": "scheme", "region": "region", "year_from": "year_from", "year_to": "year_to", "kind": "kind",
         "estimate_kind": "estimate_kind", "text": "text", "citation": "citation"},
        required=("caveat_id", "kind", "text", "citation"), key=("caveat_id",),
        parse={"iso3": "iso3", "year_from": "year", "year_to": "year", "kind": "caveat_kind",
               "scheme": "scheme", "estimate_kind": "estimate_kind"}, optional=("estimate_kind",)),
    "translations": Table(
        {"kind": "kind", "id": "id", "field": "field", "lang": "lang", "text": "text", "official": "official",
         "source_url": "source_url"},
        required=("kind", "id", "field", "lang", "text", "official"), key=("kind", "id", "field", "lang"),
        parse={"official": "bool", "source_url": "urls"}),
}

#: Closed vocabularies of reference columns (parser name -> accepted values).
CHOICES = {
    "direction": ("worse", "better", "neither"),
    "series_kind": ("indicator", "technical"),
    "caveat_kind": ("break", "last_year", "definition_change", "outlier", "enforcement_measure", "imputation",
                    "missing_year", "not_totals", "duplicates", "provenance"),
    "scheme": ("world", "un_region", "un_subregion", "organization"),
    "estimate_kind": ("reporting_countries", "publisher_estimate"),
}

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_date(text: str):
    """'2017-11-06' -> (date, 'day'); '2019-10' -> (2019-10-01, 'month'); '2024' -> (2024-01-01, 'year')."""
    m = _DATE.match(text)
    if not m:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): '{excerpt(text, 40)}'")
    y, mo, d = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    return dt.date(y, mo, d), ("day" if m[3] else "month" if m[2] else "year")


def _parse(kind: str, text: str, known_iso3: set[str]):
    if kind == "year":
        if not re.fullmatch(r"\d{4}", text):
            raise ValueError(f"not a year: '{excerpt(text, 20)}'")
        return int(text)
    if kind == "iso3":
        code = text.upper()
        if code not in known_iso3:
            raise ValueError(f"unknown country code '{excerpt(text, 20)}'")
        return code
    if kind == "date":
        return parse_date(text)[0]
    if kind == "nonneg_number":
        value = float(text.replace(",", "")) if re.fullmatch(r"[0-9][0-9,]*(\.[0-9]+)?", text) else None
        if value is None:
            raise ValueError(f"not a non-negative number: '{excerpt(text, 40)}'")
        return value
    if kind == "qualifier":
        if text not in ("exact", "approx", "at_least"):
            raise ValueError(f"qualifier must be exact, approx or at_least, not '{excerpt(text, 20)}'")
        return text
    if kind == "role":
        if text not in ("member", "observer"):
            raise ValueError(f"role must be member or observer, not '{excerpt(text, 20)}'")
        return text
    if kind in ("yesno", "bool"):
        low = text.lower()
        if low in ("yes", "true", "1"):
            return True
        if low in ("no", "false", "0"):
            return False
        raise ValueError(f"expected yes/no or true/false, not '{excerpt(text, 20)}'")
    if kind in CHOICES:
        if text not in CHOICES[kind]:
            raise ValueError(f"{kind.replace('_', ' ')} must be one of {', '.join(CHOICES[kind])}, "
                             f"not '{excerpt(text, 30)}'")
        return text
    if kind == "urls":
        parts = [p.strip() for p in text.split(" ; ")]
        if not all(URL_PATTERN.fullmatch(p) for p in parts):
            raise ValueError(f"not http(s) addresses: '{excerpt(text, 60)}' (several: separated by ' ; ')")
        return text
    raise AssertionError(kind)


def _text(value) -> str:
    """A cell as stripped text ('' for empty cells, which arrive as None or NaN)."""
    return value.strip() if isinstance(value, str) else ""


def read(table_name: str, raw: pd.DataFrame, file: str, known_iso3: set[str]):
    """raw: text columns + __line. Returns (clean DataFrame, rejects as (line, column, reason, raw))."""
    spec = TABLES[table_name]
    missing = [c for c in spec.columns if c not in raw.columns and c not in spec.optional]
    if missing:
        raise EtlError(f"missing required column(s): {', '.join(missing)} "
                       f"(found: {columns_shown([c for c in raw.columns if c != '__line'])})",
                       file=file, line=1, hint=f"the {table_name} reference file needs: {', '.join(spec.columns)}")
    twice = [c for c in spec.columns if f"{c}__1" in raw.columns]     # the reader renames repeats c__1, ...
    if twice:
        raise EtlError(f"column(s) named more than once in the header: {', '.join(twice)}", file=file, line=1,
                       hint="rename or remove the repeated columns: the ETL cannot tell which one to read")
    out_rows, rejects = [], []
    src_cols = [c for c in spec.columns if c in raw.columns]
    for rec in raw.to_dict("records"):
        line = int(rec["__line"])
        row = {spec.columns[c]: _text(rec[c]) for c in src_cols}
        raw_text = ",".join(_text(rec[c]) for c in src_cols)[:1000]
        problem = next(((col, "missing value") for col in spec.required if not row.get(col)), None)
        if problem is None:
            for col, kind in spec.parse.items():
                if not row.get(col):
                    row[col] = None
                    continue
                try:
                    row[col] = _parse(kind, row[col], known_iso3)
                except ValueError as exc:
                    problem = (col, str(exc))
                    break
        if problem:
            rejects.append((line, problem[0], problem[1], raw_text))
            continue
        for col in spec.columns.values():
            if row.get(col, "") == "":
                row[col] = None
        row["__line"] = line
        out_rows.append(row)
    df = pd.DataFrame(out_rows, columns=list(spec.columns.values()) + ["__line"])
    # duplicate keys: identical rows are kept once, conflicting ones are all rejected
    if len(df):
        keycols = list(spec.key)
        body = [c for c in df.columns if c != "__line"]
        dup = df.duplicated(keycols, keep=False)
        if dup.any():
            grp = df.groupby(keycols, dropna=False)
            n_variants = (grp[body].transform(lambda s: s.astype(str).nunique()).max(axis=1)
                          if len(body) > len(keycols) else None)
            first_line = grp["__line"].transform("min")
            conflicting = dup & (n_variants > 1) if n_variants is not None else dup & False
            exact_later = dup & ~conflicting & (df["__line"] != first_line)
            for idx in df.index[conflicting]:
                rejects.append((int(df.at[idx, "__line"]), ",".join(keycols),
                                "duplicate key with conflicting values", ""))
            for idx in df.index[exact_later]:
                rejects.append((int(df.at[idx, "__line"]), ",".join(keycols),
                                f"exact duplicate of line {int(first_line[idx])}", ""))
            df = df[~(conflicting | exact_later)]
    return df.reset_index(drop=True), rejects


def insert(b, side, clean: pd.DataFrame, raw: pd.DataFrame) -> None:
    """Write a reference table's clean rows into the build (the goal mapping is kept for the marts)."""
    table = side.table
    if table == "caveats":       # (source_id is the source a caveat is about; the file is where it is listed)
        clean = clean.assign(listed_in=side.source_id, detected=False)
    else:
        clean = clean.assign(source_id=side.source_id)
    if table == "indicator_goals":
        b.goal_map = clean.sort_values("__line")
        return
    if table == "org_membership":
        b.partial_orgs |= set(side.opt("partial_membership", []))
    if table == "operations":
        starts = raw.set_index("__line").loc[clean["__line"], "start_date"].str.strip()
        clean["date_precision"] = [parse_date(t)[1] for t in starts]
        clean["year"] = pd.to_datetime(clean["start_date"]).dt.year
    if table == "organizations":
        clean["membership_complete"] = True
    cols = [c for c in warehouse.columns(table) if c in clean.columns]
    b.con.register("__ref", clean[cols])
    b.con.execute(f"INSERT INTO wh.{ident(table)} ({idents(cols)}) SELECT {idents(cols)} FROM __ref")
    b.con.unregister("__ref")
