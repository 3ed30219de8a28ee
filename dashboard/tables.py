"""Display tables: frames built for st.dataframe and for the CSV downloads (headers and labels arrive
translated; numbers formatted in the viewer's locale where a cell is text)."""
from __future__ import annotations

import pandas as pd

from . import theme
from .charts.operations import OPS_LABELS
from .i18n import year_span
from .text import fmt_op_period
from .transforms import is_thin


def operations_table(ops: pd.DataFrame, *, columns: dict[str, str], goal_labels: dict[str, str] | None = None,
                     labels: dict | None = None, locale: str = "en") -> pd.DataFrame:
    """The operations as a readable table: period at its precision, goal, crime area, lead, place, source.

    `columns` maps keys operation, period, precision, goal, crime_area, lead, where, countries, source to headers.
    """
    labels = {**OPS_LABELS, **(labels or {})}
    goal_labels = goal_labels or {}
    rows = []
    for r in ops.itertuples(index=False):
        rows.append({
            columns["operation"]: r.name,
            columns["period"]: fmt_op_period(r.start_date, r.end_date, r.date_precision, locale),
            columns["precision"]: labels["precision"].get(r.date_precision, r.date_precision),
            columns["goal"]: f"{r.goal_id} · {goal_labels.get(r.goal_id, '')}" if isinstance(r.goal_id, str)
            else labels["no_goal"],
            columns["crime_area"]: r.crime_area,
            columns["lead"]: r.lead,
            columns["where"]: r.regions,
            columns["countries"]: int(r.countries_listed),
            columns["source"]: r.source_url,
        })
    return pd.DataFrame(rows, columns=list(columns.values()))

def results_table(results: pd.DataFrame, *, columns: dict[str, str], metric_labels: dict[str, str] | None = None,
                  labels: dict | None = None, locale: str = "en") -> pd.DataFrame:
    """One row per operation and metric: the figure with its qualifier sign (≈500, ≥200), the qualifier in words,
    the unit and the row's own source page. `columns` maps operation, metric, figure, qualifier, unit, source."""
    labels = {**OPS_LABELS, **(labels or {})}
    metric_labels = metric_labels or {}
    rows = [{
        columns["operation"]: r.operation,
        columns["metric"]: metric_labels.get(r.metric, r.metric.replace("_", " ")),
        columns["figure"]: theme.fmt_qualified(r.value, r.qualifier, locale=locale),
        columns["qualifier"]: labels["qualifier"].get(r.qualifier, r.qualifier),
        columns["unit"]: theme.unit_text(r.unit, locale),
        columns["source"]: r.source_url,
    } for r in results.itertuples(index=False)]
    return pd.DataFrame(rows, columns=list(columns.values()))

def results_download(results: pd.DataFrame, *, metric_labels: dict[str, str], src, citation: str) -> pd.DataFrame:
    """Operation results for a download: numbers as numbers, the qualifier in its own column (approx: the
    source says 'nearly' or 'about'; at_least: 'more than'), each row's own source page, then the compilation's
    source, licence, retrieval date and citation."""
    out = pd.DataFrame({
        "operation_id": results["operation_id"], "operation": results["operation"], "metric": results["metric"],
        "figure": [metric_labels.get(m, m) for m in results["metric"]],
        "value": pd.to_numeric(results["value"], errors="coerce"), "qualifier": results["qualifier"],
        "unit": results["unit"], "source_url": results["source_url"]})
    if (out["value"].dropna() % 1 == 0).all():
        out["value"] = out["value"].astype("Int64")
    out["source"] = f"{src['publisher']}: {src['title']}"
    out["license"], out["retrieved"], out["citation"] = str(src["license"]), str(src["retrieved"])[:10], citation
    return out.reset_index(drop=True)


def results_side_by_side(results: pd.DataFrame, *, metric_header: str, metric_labels: dict[str, str] | None = None,
                         locale: str = "en") -> pd.DataFrame:
    """Metrics as rows, operations as columns (in the order given), cells the qualified figure with its unit.
    Nothing is summed across operations: each figure has its own source and qualifier."""
    metric_labels = metric_labels or {}
    ops = list(dict.fromkeys(results["operation"]))
    metrics = list(dict.fromkeys(results["metric"]))
    table = {m: {op: "–" for op in ops} for m in metrics}
    for r in results.itertuples(index=False):
        table[r.metric][r.operation] = theme.fmt_qualified(r.value, r.qualifier, r.unit, locale)
    rows = [{metric_header: metric_labels.get(m, m.replace("_", " ")), **table[m]} for m in metrics]
    return pd.DataFrame(rows, columns=[metric_header, *ops])

def countries_by_operation(ops: pd.DataFrame, countries: pd.DataFrame, *, columns: dict[str, str],
                           none_text: str) -> pd.DataFrame:
    """One row per operation: how many countries are listed and which (names), or `none_text` plus the place
    as the source describes it. `columns` maps operation, count, countries, where."""
    rows = []
    for r in ops.itertuples(index=False):
        names = countries.loc[countries["operation_id"] == r.operation_id, "country"].tolist()
        rows.append({columns["operation"]: r.name, columns["count"]: len(names),
                     columns["countries"]: ", ".join(names) if names else none_text,
                     columns["where"]: r.regions})
    return pd.DataFrame(rows, columns=list(columns.values()))

def goal_indicator_table(indicators: pd.DataFrame, values: pd.DataFrame, *, regions: list[str],
                         columns: dict[str, str], thin_mark: str = " †", locale: str = "en") -> pd.DataFrame:
    """One row per indicator: name, id, unit, the year shown, a cell per region 'value (n/N)' (thin coverage
    marked), the latest year with any value, the editorial rationale and a link to the Trends page.

    `indicators`: indicator_id, name, unit, measure, goal_rationale (preferred optional).
    `values`: output of data.latest_region_values. `columns` maps indicator, id, unit, year, latest, rationale,
    trends to headers; region columns are headed by the region names.
    """
    rows = []
    for ind in indicators.itertuples(index=False):
        v = values[values["indicator_id"] == ind.indicator_id]
        row = {columns["indicator"]: ind.name, columns["id"]: ind.indicator_id, columns["unit"]: ind.unit,
               columns["year"]: str(int(v["year"].iloc[0])) if len(v) else "–"}
        for region in regions:
            cell = v[v["region"] == region]
            if cell.empty:
                row[region] = "–"
                continue
            c = cell.iloc[0]
            row[region] = (f"{theme.fmt_number(c.value, ind.measure, locale)} "
                           f"({int(c.countries_reporting)}/{int(c.countries_total)})"
                           + (thin_mark if bool(c.thin) else ""))
        row[columns["latest"]] = str(int(v["last_year"].iloc[0])) if len(v) else "–"
        row[columns["rationale"]] = ind.goal_rationale
        row[columns["trends"]] = f"trends?indicator={ind.indicator_id}"     # relative: works under a base path
        rows.append(row)
    return pd.DataFrame(rows, columns=[columns["indicator"], columns["year"], *regions, columns["unit"],
                                       columns["latest"], columns["rationale"], columns["id"], columns["trends"]])

def goals_overview(goals: pd.DataFrame, indicators: pd.DataFrame, operations: pd.DataFrame, *,
                   columns: dict[str, str], short_names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per goal: id, short name, title, number of indicators mapped to it, number of operations, SDGs.
    `columns` maps goal, name, title, indicators, operations, sdgs to headers."""
    short_names = short_names or {}
    n_ind = indicators["goal_id"].value_counts()
    n_ops = operations["goal_id"].value_counts()
    rows = [{
        columns["goal"]: g.goal_id,
        columns["name"]: short_names.get(g.goal_id, g.short_name),
        columns["title"]: g.title,
        columns["indicators"]: int(n_ind.get(g.goal_id, 0)),
        columns["operations"]: int(n_ops.get(g.goal_id, 0)),
        columns["sdgs"]: ", ".join(p.strip() for p in str(g.related_sdgs or "").split(";") if p.strip().isdigit()),
    } for g in goals.itertuples(index=False)]
    return pd.DataFrame(rows, columns=list(columns.values()))


def trend_table(df: pd.DataFrame, headers: dict[str, str], kinds: dict[str, str]) -> pd.DataFrame:
    """The plotted trend rows as a table (also the CSV download): translated headers and kind labels, and
    whether each region value is thin."""
    out = df.assign(thin=is_thin(df), kind=df["kind"].map(kinds).fillna(df["kind"]))
    out = out[["series", "kind", "year", "value", "countries_reporting", "countries_total",
               "population_covered_share", "thin"]]
    for col in ("countries_reporting", "countries_total"):
        out[col] = out[col].astype("Int64")
    return out.rename(columns=headers).reset_index(drop=True)


def catalogue_table(cat: pd.DataFrame, *, columns: dict[str, str], names: dict[str, str],
                    goal_labels: dict[str, str], directions: dict[str, str], units: dict[str, str]) -> pd.DataFrame:
    """One row per indicator of the catalogue (indicator_catalogue): its name, goal, unit, direction, years,
    the most countries in a year, the countries per year (a list, for a bar column), source, licence,
    definition, links to its chart and sources, and its identifier. Labels arrive translated."""
    rows = []
    for r in cat.itertuples(index=False):
        years = year_span(r.first_year, r.last_year) if pd.notna(r.first_year) else "–"
        rows.append({
            columns["indicator"]: names[r.indicator_id],
            columns["goal"]: goal_labels.get(r.goal_id, "–") if isinstance(r.goal_id, str) else "–",
            columns["unit"]: units[r.indicator_id],
            columns["direction"]: directions[r.indicator_id],
            columns["years"]: years,
            columns["countries"]: int(r.most_countries) if pd.notna(r.most_countries) else None,
            columns["per_year"]: list(r.countries_per_year) if isinstance(r.countries_per_year, (list, tuple))
            or hasattr(r.countries_per_year, "__len__") else [],
            columns["source"]: r.source_publisher,
            columns["license"]: r.source_license,
            columns["definition"]: r.description if isinstance(r.description, str) and r.description else "–",
            columns["chart"]: f"trends?indicator={r.indicator_id}",
            columns["sources"]: f"sources?indicator={r.indicator_id}",
            columns["id"]: r.indicator_id,
        })
    return pd.DataFrame(rows, columns=list(columns.values()))


def years_table(df: pd.DataFrame, changes: pd.DataFrame | None, compare: tuple[int, int] | None
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per region or country (trend_series rows: columns series, series_type, then one per year as
    text, then change, countries_both, countries_total, population_share), and a mask of the year columns,
    True where a region value is thin. The change compares the two `compare` years: for a region on the
    countries reporting in both (`changes`: like_for_like rows), for a country its own two values."""
    years = sorted(int(y) for y in df["year"].unique())
    thin = is_thin(df)
    cells = {(k, s, int(y)): (v, t) for k, s, y, v, t in zip(df["kind"], df["series"], df["year"], df["value"], thin)}
    by_region = changes.set_index("region") if changes is not None and len(changes) else None
    rows, mask = [], []
    for kind, name in dict.fromkeys(zip(df["kind"], df["series"])):
        row = {"series": name, "series_type": kind}
        flags = {}
        for y in years:
            v, t = cells.get((kind, name, y), (None, False))
            row[str(y)], flags[str(y)] = v, bool(t)
        row.update(change=None, countries_both=None, countries_total=None, population_share=None)
        if compare and kind == "region" and by_region is not None and name in by_region.index:
            c = by_region.loc[name]
            row.update(change=c["change"], countries_both=int(c["countries_both"]),
                       countries_total=int(c["countries_total"]), population_share=c["population_share"])
        elif compare and kind == "country":
            va, vb = row.get(str(compare[0])), row.get(str(compare[1]))
            if va is not None and vb is not None and pd.notna(va) and pd.notna(vb):
                row["change"] = vb - va
        rows.append(row)
        mask.append(flags)
    out = pd.DataFrame(rows)
    for col in ("countries_both", "countries_total"):
        out[col] = out[col].astype("Int64")
    return out, pd.DataFrame(mask)
