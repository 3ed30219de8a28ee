"""Marts: from the staged rows of every source to the warehouse's shared tables (joins and aggregates).

Editions side by side: every source of an indicator loads, kept apart by source_id. For each indicator the
preferred sources are those whose sidecar says `preferred = true`, else the most recently retrieved one;
where two preferred sources give the same country-year (sex, age), the more recently retrieved wins.
`indicator_values.preferred` marks the rows the dashboard's default reads and the region values use;
`indicator_sources` lists every (indicator, source) pair with its coverage, for comparisons.
"""
from __future__ import annotations

import fnmatch

import pandas as pd

from . import countries
from .build import Build
from .errors import EtlError
from .paths import (
    ADEQUATE_COVERAGE,
    COVERAGE_BREAK,
    DOMINANT_MIN_RECORDS,
    DOMINANT_SHARE,
    OUTLIER_MIN_EVENTS,
    OUTLIER_NEIGHBOURS_AGREE,
    OUTLIER_RATIO,
    OUTLIER_SPAN,
    RULES,
)
from .sql import idents, mart
from .staging.checks import classify_unit, unit_rules

#: Tables inserted in the order of their key (one INSERT ... ORDER BY each, with insertion order preserved).
STORED_IN_KEY_ORDER = ("indicator_values", "region_values", "publisher_estimates")


def _humanize(indicator_id: str) -> str:
    text = indicator_id.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def preference(b: Build) -> pd.DataFrame:
    """indicator_id, source_id, preferred, rank (1 = the source whose values and metadata win) for every pair."""
    meta = pd.concat(b.indicator_meta, ignore_index=True) if b.indicator_meta else pd.DataFrame(
        columns=["indicator_id", "source_id"])
    rows = []
    for ind, group in meta.groupby("indicator_id", sort=True):
        last = dict(zip(group["source_id"], group["last_year"].fillna(0)))
        # sidecar preference, then the most recently retrieved, then the most recent data
        sides = sorted((b.sides[s] for s in group["source_id"].unique()),
                       key=lambda s: (not s.preferred, _desc(s.retrieved), -last[s.source_id], s.source_id))
        chosen = [s for s in sides if s.preferred] or sides[:1]
        for rank, s in enumerate(sides, start=1):
            rows.append((ind, s.source_id, s in chosen, rank))
    return pd.DataFrame(rows, columns=["indicator_id", "source_id", "preferred", "rank"])


def _desc(text: str) -> tuple:
    """Sort key putting the most recent `retrieved` (ISO dates compare as text) first."""
    return tuple(-ord(c) for c in text)


def values(b: Build, pref: pd.DataFrame) -> None:
    """indicator_values and publisher_estimates, with the preferred mark, in key order."""
    con = b.con
    con.register("__pref", pref)
    con.execute("CREATE OR REPLACE TEMP TABLE pref AS SELECT * FROM __pref")
    con.unregister("__pref")
    key = idents(["indicator_id", "iso3", "year", "sex", "age", "source_id"])
    con.execute("SET preserve_insertion_order = true")      # stored in key order: each indicator contiguous
    try:
        con.execute(f"""INSERT INTO wh.indicator_values BY NAME
            SELECT v.*, coalesce(p.preferred, false) AS preferred
            FROM staged_values v LEFT JOIN pref p USING (indicator_id, source_id) ORDER BY {key}""")
        con.execute("DROP TABLE staged_values")
        con.execute("""INSERT INTO wh.publisher_estimates BY NAME
            SELECT r.*, coalesce(p.preferred, false) AS preferred
            FROM staged_routed r LEFT JOIN pref p USING (indicator_id, source_id)
            ORDER BY scheme, region, indicator_id, year, sex, age, source_id""")
        con.execute("DROP TABLE staged_routed")
    finally:
        con.execute("SET preserve_insertion_order = false")
    if b.count("SELECT count(*) FROM (SELECT indicator_id FROM pref WHERE preferred GROUP BY ALL "
               "HAVING count(*) > 1)"):
        con.execute(mart("preferred_overlaps"))


#: How an averaged indicator's regions average it (indicators.mean_kind).
MEAN_KIND = {"population_weighted_mean": "population_weighted", "mean": "unweighted"}
HIGHER_IS_WORSE = {"worse": True, "better": False, "neither": None}


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def crime_area_goals(b: Build) -> dict[str, str]:
    """crime area (lower case) -> goal_id, from the crime_areas reference table."""
    rows = b.con.execute("SELECT lower(crime_area), goal_id FROM wh.crime_areas").fetchall()
    return dict(rows)


def indicators(b: Build, pref: pd.DataFrame) -> None:
    if not b.indicator_meta:
        return
    meta = pd.concat(b.indicator_meta, ignore_index=True).merge(pref, on=["indicator_id", "source_id"])
    meta = meta.sort_values(["indicator_id", "rank"]).drop_duplicates("indicator_id")
    if meta.empty:
        return
    rules = unit_rules()
    areas = crime_area_goals(b)
    rows = []
    for r in meta.itertuples(index=False):
        side = b.sides[r.source_id]
        unit = classify_unit(r.unit, rules)
        match = next((g for g in b.goal_map.itertuples(index=False)
                      if fnmatch.fnmatchcase(r.indicator_id, g.indicator_pattern)), None)
        if match is None and not side.synthetic:
            b.warnings.append(f"indicator {r.indicator_id} has no goal mapping: add a row to indicator_goals.csv")
        area = _text(match.crime_area) if match is not None else None
        if area and area.lower() not in areas:
            b.warnings.append(f"indicator {r.indicator_id}: crime area '{area}' is not in crime_areas.csv, so it "
                              f"has no goal")
        direction = _text(match.direction) if match is not None else None
        rows.append({
            "indicator_id": r.indicator_id,
            "name": side.opt("names", {}).get(r.indicator_id)
            or (r.name_raw if isinstance(r.name_raw, str) and r.name_raw else _humanize(r.indicator_id)),
            "unit": r.unit, "measure": unit["measure"], "aggregation": unit["aggregation"],
            "scale_min": unit["lo"], "scale_max": unit["hi"],
            "goal_id": areas.get(area.lower()) if area else None,
            "crime_area": area,
            "goal_rationale": match.rationale if match is not None
            else "Not yet mapped to a goal (add a row to indicator_goals.csv).",
            # no mapping: no claim that a rise is good or bad
            "direction": direction or "neither",
            "higher_is_worse": HIGHER_IS_WORSE[direction or "neither"],
            "series_kind": (_text(match.series_kind) if match is not None else None) or "indicator",
            "mean_kind": MEAN_KIND.get(unit["aggregation"]),
            "concept": side.opt("concepts", {}).get(r.indicator_id, r.indicator_id),
            "description": side.opt("descriptions", {}).get(r.indicator_id) or side.title,
            "source_id": r.source_id, "source_preferred": side.preferred,
        })
    df = pd.DataFrame(rows)
    n_in_concept = df.groupby("concept")["indicator_id"].transform("count")
    any_pref = df.groupby("concept")["source_preferred"].transform("any")
    df["preferred"] = (n_in_concept == 1) | df["source_preferred"] | ~any_pref
    df["higher_is_worse"] = df["higher_is_worse"].astype("boolean")
    b.con.register("__ind", df.drop(columns=["source_preferred"]))
    b.con.execute(mart("indicators"))
    b.con.unregister("__ind")


def components(b: Build) -> list[str]:
    """indicator_components from the sources' [composites]; returns the composites in computing order (a
    composite after the composites it averages)."""
    rows = [(c, part, s.source_id) for s in b.sides.values() for c, parts in (s.opt("composites") or {}).items()
            for part in parts]
    if not rows:
        return []
    b.con.register("__comp", pd.DataFrame(rows, columns=["indicator_id", "component_id", "source_id"]))
    b.con.execute("INSERT INTO wh.indicator_components SELECT DISTINCT * FROM __comp "
                  "ORDER BY indicator_id, source_id, component_id")
    b.con.unregister("__comp")
    parts = {}
    for c, part, _s in rows:
        parts.setdefault(c, set()).add(part)
    order: list[str] = []
    while len(order) < len(parts):
        ready = sorted(c for c in parts if c not in order and not (parts[c] & (set(parts) - set(order))))
        if not ready:
            raise EtlError(f"the [composites] of the sidecars refer to each other in a circle: "
                           f"{', '.join(sorted(set(parts) - set(order)))}",
                           hint="a composite may average other composites, but never itself")
        order += ready
    return order


def region_values(b: Build, composites: list[str]) -> None:
    """region_values: the reporting-countries aggregates and the publishers' estimates, like-for-like
    comparisons (composites on their common components), in key order."""
    con = b.con
    con.execute(mart("region_base"))
    con.execute(mart("region_counted"))
    con.execute(mart("region_values"), [ADEQUATE_COVERAGE, COVERAGE_BREAK])
    con.execute(mart("region_publisher"))
    if composites:
        con.execute("CREATE OR REPLACE TEMP TABLE comp_lfl (indicator_id VARCHAR, iso3 VARCHAR, year INTEGER, "
                    "c_prev INTEGER, lfl_t DOUBLE, lfl_p DOUBLE, n_components INTEGER)")
        for c in composites:
            con.execute(mart("composite_countries"), [c])
        con.execute(mart("composite_regions"))
        con.execute("DROP TABLE comp_lfl")
    con.execute("SET preserve_insertion_order = true")
    try:
        con.execute("INSERT INTO wh.region_values BY NAME SELECT * FROM rv "
                    "ORDER BY scheme, region, indicator_id, year, sex, age, estimate_kind")
    finally:
        con.execute("SET preserve_insertion_order = false")
    for table in ("rv", "rv_pop", "rv_region_pop", "rv_region_size", "rv_counted", "rv_not_weighted"):
        con.execute(f"DROP TABLE {table}")


def caveats(b: Build) -> None:
    """The outliers the ETL detects, added to the caveats the sources state (never removing a value)."""
    b.con.execute(mart("outliers_neighbours"), [OUTLIER_RATIO, OUTLIER_NEIGHBOURS_AGREE, OUTLIER_SPAN,
                                                OUTLIER_MIN_EVENTS])
    b.con.execute(mart("outliers_records"), [DOMINANT_SHARE, DOMINANT_MIN_RECORDS])


def operation_goals(b: Build) -> None:
    """Operations' goals from the crime-area mapping (warning where it overrides operations.csv)."""
    b.con.execute(mart("operation_goals"))
    changed = b.con.execute("SELECT operation_id, related_goal, goal_id FROM wh.operations "
                            "WHERE related_goal IS DISTINCT FROM goal_id ORDER BY operation_id").fetchall()
    if changed:
        b.warnings.append("the crime-area mapping (crime_areas.csv) classifies these operations differently from "
                          "operations.csv's related_goal: "
                          + ", ".join(f"{o} {a or '-'} -> {g or '-'}" for o, a, g in changed[:12])
                          + (" ..." if len(changed) > 12 else ""))


def settings_table(b: Build) -> None:
    b.con.register("__rules", pd.DataFrame(RULES, columns=["name", "value", "description"]))
    b.con.execute("INSERT INTO wh.etl_settings SELECT * FROM __rules ORDER BY name")
    b.con.unregister("__rules")


def check_units(b: Build) -> None:
    """Two sources of one indicator must give it in the same unit (else they are not editions of it)."""
    if not b.indicator_meta:
        return
    meta = pd.concat(b.indicator_meta, ignore_index=True)
    units = meta.groupby("indicator_id")["unit"].nunique()
    for ind in units[units > 1].index:
        rows = meta[meta.indicator_id == ind]
        raise EtlError(f"indicator '{ind}' comes in different units from "
                       f"{', '.join(f'{s} ({u})' for s, u in zip(rows.source_id, rows.unit))}",
                       hint="two sources of one indicator must share its unit; give one source a distinct "
                            "`indicator_prefix` or map its indicator to another id")


def build(b: Build) -> None:
    b.progress.step("building marts (countries, regions, indicators, region values)")
    con = b.con
    if b.partial_orgs:
        con.execute("UPDATE wh.organizations SET membership_complete = false WHERE list_contains(?, org_id)",
                    [sorted(b.partial_orgs)])
    check_units(b)
    pref = preference(b)
    values(b, pref)
    used = set(con.execute(mart("used_countries")).df()["iso3"].dropna())
    ref = countries.reference()
    con.register("__countries", ref[ref.iso3.isin(used)])
    con.execute("INSERT INTO wh.countries SELECT iso3, name, un_region, un_subregion FROM __countries ORDER BY iso3")
    con.unregister("__countries")
    indicators(b, pref)
    con.execute(mart("indicator_sources"))
    con.execute(mart("indicator_year_counts"))
    con.execute(mart("sources_preferred"))
    con.execute(f"INSERT INTO wh.region_members {mart('region_members')}")
    region_values(b, components(b))
    operation_goals(b)
    caveats(b)
    settings_table(b)
