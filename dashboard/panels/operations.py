"""The Operations charts: timeline, one figure across operations, participating countries."""
from __future__ import annotations

import pandas as pd

from .. import tables
from ..charts.maps import operation_countries_map
from ..charts.operations import metric_bars, operations_timeline
from ..filters import Operations
from ..i18n import _, country_name, metric_label
from . import labels
from .base import Panel


def filtered(f: Operations, q):
    """The operations matching the page's filters (crime areas translated), oldest first."""
    ops = q.operations_filtered(f.goal, f.area, f.scheme, f.region_filter(q.regions(f.scheme)), *f.years,
                                f.terms())
    return ops.assign(crime_area=[_(a) if isinstance(a, str) else a for a in ops["crime_area"]])


def _years(dates) -> tuple[int, int] | None:
    """First and last year of the operations' start dates (None without one)."""
    years = pd.to_datetime(dates, errors="coerce").dropna().dt.year
    return (int(years.min()), int(years.max())) if len(years) else None


def shown_ids(f: Operations, ops) -> list[str]:
    """The operations whose results and countries are shown: the selected ones, else every match."""
    return list(f.op) or ops["operation_id"].tolist()


def ops_timeline(f: Operations, lang: str, q) -> Panel:
    ops = filtered(f, q)
    panel = Panel("ops_timeline", sources=("operations", "operation_countries"), unit=_("dates, start to end"))
    if ops.empty:
        panel.empty = (_("No operation matches these filters."),
                       _("Widen the years or the regions in the sidebar, or clear the goal, crime area and search."))
        return panel
    goals = q.goals(lang)
    op_labels = labels.operations()
    panel.figure = operations_timeline(ops, title=_("Operations from start to end date, by Global Policing Goal"),
                                       goal_labels=labels.goal_labels(goals), labels=op_labels, locale=lang)
    panel.years = _years(ops["start_date"])
    panel.notes = (_("Hatched bars and open diamonds: the source gives only the month or the year, so the dates "
                     "are approximate. Goals are the curator's classification by crime area, not INTERPOL "
                     "labels."),)
    columns = {"operation": _("Operation"), "period": _("Dates"), "precision": _("Date precision"),
               "goal": _("Goal"), "crime_area": _("Crime area"), "lead": _("Lead"),
               "where": _("Where (as the source describes it)"), "countries": _("Countries listed"),
               "source": _("Source")}
    panel.table = tables.operations_table(ops, columns=columns, goal_labels={g: _(n) for g, n in zip(
        goals["goal_id"], goals["short_name"])}, labels=op_labels, locale=lang)
    panel.extra.update(link_column=columns["source"], csv_name="operations.csv")
    return panel


def ops_metric(f: Operations, lang: str, q) -> Panel:
    ops = filtered(f, q)
    options = ops["operation_id"].tolist()
    results = q.operation_results_for(options) if options else None
    panel = Panel("ops_metric", sources=("operation_results", "operations"))
    if results is None or results.empty or f.metric is None:
        panel.empty = (_("No published figures for the operations matching the filters."), None)
        return panel
    one = results[results["metric"] == f.metric]
    unit = one["unit"].mode().iloc[0] if one["unit"].notna().any() else ""
    panel.figure = metric_bars(one, title=_("{metric} by operation ({unit})").format(
        metric=metric_label(f.metric), unit=_(unit) if unit else "–"), x_title=_(unit) if unit else "",
        goal_labels=labels.goal_labels(q.goals(lang)), labels=labels.operations(), locale=lang)
    panel.unit = _(unit) if unit else None
    panel.years = _years(one["start_date"])
    panel.notes = (_("{n} of {total} operations matching the filters report this figure. Labels keep the "
                     "source's qualifier (≈ approximately, ≥ at least); hatched bars are not exact.").format(
        n=len(one), total=len(options)),)
    counts = results["metric"].value_counts()
    panel.extra["metrics"] = {m: int(counts[m]) for m in sorted(counts.index, key=lambda m: (-counts[m], m))}
    return panel


def ops_map(f: Operations, lang: str, q) -> Panel:
    ids = shown_ids(f, filtered(f, q))
    panel = Panel("ops_map", sources=("operation_countries", "operations"),
                  unit=_("operations a country took part in"))
    counts = q.operation_country_counts(ids) if ids else None
    if not ids:
        panel.empty = (_("No operation matches these filters."), None)
        return panel
    if counts.empty:
        panel.empty = (_("None of these operations lists its participating countries in the sources."),
                       _("Where each ran, as the source describes it, is in the list below."))
        return panel
    counts = counts.assign(country=[country_name(i, fallback=c) for i, c in zip(counts["iso3"], counts["country"])])
    panel.figure = operation_countries_map(counts, title=_("Countries taking part, by number of these operations"),
                                           colorbar_title=_("operations"))
    panel.notes = (_("Only countries the sources list by name. Small states (e.g. Singapore, Bahrain, Malta) do "
                     "not show on this world map; the list below names every country."),)
    return panel


BUILDERS = {"ops_timeline": ops_timeline, "ops_metric": ops_metric, "ops_map": ops_map}
