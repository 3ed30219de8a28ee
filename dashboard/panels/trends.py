"""The Trends chart: one indicator over the years, by region and for chosen countries, with coverage."""
from __future__ import annotations

from .. import i18n, tables
from ..charts.lines import cut_to_adequate, trend_chart
from ..filters import Trends
from ..i18n import _, country_name, region_name
from ..questions import PUBLISHER, REPORTING
from ..registry import SCHEMES
from ..text import md_escape
from ..theme import fmt_share
from ..transforms import index_to_base, is_thin
from . import caveats, labels
from .base import Panel
from .overview import series_years

AGGREGATION_NOTES = {
    "sum": i18n.N_("Region values are sums over the countries that reported that year."),
    "population_weighted_mean": i18n.N_("Region values are population-weighted means of the countries that "
                                        "reported that year (World Bank population)."),
    "mean": i18n.N_("Region values are unweighted means of the scores of the countries that reported that year "
                    "(every country counts the same, whatever its population)."),
    "none": i18n.N_("This indicator is not aggregated to regions (a rank, a count of sources or a standard error "
                    "cannot be averaged): only country lines are drawn."),
}


def breakdown_text(sex: str, age: str) -> str:
    return "" if (sex, age) == ("Total", "Total") else f" — {_(sex)}, {_(age)}"


def trends_chart(f: Trends, lang: str, q) -> Panel:
    meta = q.indicator(f.indicator)
    name, breakdown = _(meta["name"]), breakdown_text(f.sex, f.age)
    no_regions = meta["aggregation"] == "none"
    panel = Panel("trends_chart", extra={"measure": None if f.index else meta["measure"],
                                         "csv_name": f"trends_{f.indicator}.csv"})
    if no_regions and not f.countries:
        panel.empty = (_("{name} has no regional values: only the countries you pick are drawn.").format(
            name=md_escape(name)), _("Pick countries above."))
        return panel
    if not f.countries and not f.regions:
        panel.empty = (_("Nothing to draw yet."), _("Pick at least one region in the sidebar or a country above."))
        return panel
    y0, y1 = f.years
    df = q.trend_series(f.indicator, f.scheme, () if no_regions else f.regions, f.iso3, y0, y1, f.sex, f.age,
                        prefer=PUBLISHER if f.estimate == "publisher" else REPORTING)
    panel.extra["has_publisher"] = bool((df["estimate_kind"] == PUBLISHER).any()) or (
        f.estimate == "reporting" and bool(q.trend_series(f.indicator, f.scheme, () if no_regions else f.regions, (),
                                                          y0, y1, f.sex, f.age, prefer=PUBLISHER)
                                           ["estimate_kind"].eq(PUBLISHER).any()))
    df, ended = cut_to_adequate(df, "series", all_years=f.every_year)
    panel.extra["ended"] = ended
    if df.empty:
        panel.empty = (_("No values for {name}{breakdown} in {a}–{b} for this selection.").format(
            name=md_escape(name), breakdown=breakdown, a=y0, b=y1),
            _("This indicator has data from {first} to {last}; widen the years in the sidebar or pick other "
              "regions or countries.").format(first=meta["first_year"], last=meta["last_year"]))
        return panel
    panel.extra["years"] = sorted(set(df["year"].astype(int)))
    panel.years = (panel.extra["years"][0], panel.extra["years"][-1])
    dropped: list[str] = []
    if f.index:
        df, dropped = index_to_base(df, f.index)
    unit = _(meta["unit"])
    y_title = _("Index, {year} = 100").format(year=f.index) if f.index else unit
    shown = {**{r: region_name(r) for r in df.loc[df["kind"] == "region", "series"].unique()},
             **{c: country_name(i, fallback=c) for c, i in zip(f.countries, f.iso3)}}
    headers = {"series": _("Region or country"), "kind": _("Type"), "year": _("Year"), "value": y_title,
               "countries_reporting": _("Countries reporting"), "countries_total": _("Countries in region"),
               "population_covered_share": _("Share of population covered"), "thin": _("Thin coverage")}
    kinds = {"region": _(SCHEMES.get(f.scheme, f.scheme)), "country": _("Country")}
    panel.table = tables.trend_table(df.assign(series=df["series"].map(lambda n: shown.get(n, n))), headers, kinds)
    panel.unit = y_title
    panel.extra.update(value_column=y_title, share_column=headers["population_covered_share"])
    if df.empty:
        panel.empty = (_("No line has a value in {year}, the base year.").format(year=f.index),
                       _("Choose another base year or switch indexing off."))
        return panel
    title = (_("{name}{breakdown}, index ({year} = 100)") if f.index else _("{name}{breakdown}, {unit}")).format(
        name=name, breakdown=breakdown, year=f.index, unit=unit)
    goal_id = meta["goal_id"] if isinstance(meta["goal_id"], str) else None
    first, last = int(df["year"].min()), int(df["year"].max())
    events = (q.goal_operations(goal_id, first, last, f.scheme, region_filter(f, q))
              if goal_id and f.view == "chart" else None)
    panel.caveats = caveats.for_selection(q, lang, f.indicator, f.scheme, () if no_regions else f.regions, f.iso3,
                                          first, last, kinds=tuple(df["estimate_kind"].dropna().unique()))
    breaks, partial = series_years(panel.caveats)
    panel.figure = trend_chart(df, title=title, y_title=y_title, measure=None if f.index else meta["measure"],
                               log=f.log, events=events, labels=labels.coverage(lang, q.adequate_coverage()),
                               locale=lang, names=shown, break_years=breaks, partial_years=partial)
    panel.sources, panel.notes = _sources_and_notes(f, lang, meta, df, shown, dropped, events, q)
    if ended:
        panel.notes += (_("Region lines end at their last adequately covered year ({list}); left out, never "
                          "adequately covered: {never}. Switch on 'Every year' to draw them on.").format(
            list=md_escape(", ".join(f"{shown.get(k, k)} {v}" for k, v in ended.items() if v is not None) or "–"),
            never=md_escape(", ".join(shown.get(k, region_name(k)) for k, v in ended.items() if v is None) or "–")),)
    panel.years = (first, last)
    panel.extra.update(meta=meta, title=title, data=machine_table(df, f, shown),
                       measure=None if f.index else meta["measure"])
    return panel


def region_filter(f, q) -> tuple[str, ...] | None:
    """The regions an operation must touch to be marked on the chart: the selected ones, or no restriction
    when every region of the scheme is selected."""
    if not f.regions or set(q.regions(f.scheme)) <= set(f.regions):
        return None
    return tuple(f.regions)


#: Region columns a download carries beside the value (the warehouse's coverage and like-for-like columns).
COVERAGE_COLUMNS = ("estimate_kind", "countries_reporting", "countries_total", "population_covered_share",
                    "adequate", "coverage_break", "prev_year", "like_for_like_prev", "like_for_like_value",
                    "countries_both", "population_both_share")


def machine_table(df, f, shown: dict):
    """The values drawn, for a download: one row per series and year, with machine-readable column names."""
    is_region = df["kind"] == "region"
    iso3_of = dict(zip(f.countries, f.iso3))
    out = df.assign(
        series=df["series"].map(lambda n: shown.get(n, n)),
        series_type=df["kind"],
        scheme=[f.scheme if r else None for r in is_region],
        region=[s if r else None for s, r in zip(df["series"], is_region)],
        iso3=[None if r else iso3_of.get(s) for s, r in zip(df["series"], is_region)],
        sex=f.sex, age=f.age, thin_coverage=[bool(t) if r else None for t, r in zip(is_thin(df), is_region)])
    return out[["series", "series_type", "scheme", "region", "iso3", "sex", "age", "year", "value",
                *(c for c in COVERAGE_COLUMNS if c in out), "thin_coverage"]]


def _sources_and_notes(f: Trends, lang: str, meta, df, shown: dict, dropped: list, events, q) -> tuple[tuple, tuple]:
    sources, notes = [meta["source_id"]], [_(AGGREGATION_NOTES.get(meta["aggregation"], ""))]
    kinds = set(df["estimate_kind"].dropna())
    if PUBLISHER in kinds:
        sources.extend(s for s in df.loc[df["estimate_kind"] == PUBLISHER, "source_id"].dropna().unique()
                       if s not in sources)
        notes.insert(0, _("Where the publisher gives its own regional estimate, the line is that estimate (it "
                          "imputes the countries that do not report); elsewhere, the aggregate of the reporting "
                          "countries (no imputation). The hover says which."))
    if (df["kind"] == "region").any():
        if meta["aggregation"] == "population_weighted_mean":
            sources.append("population_worldbank")
        notes.append(_("Coverage: the hover and the table give how many of a region's countries reported and "
                       "their share of its population; open markers mark thin coverage, under {pct} of the "
                       "region's population (of its countries where population is unknown); dashed segments are "
                       "coverage breaks (countries holding a tenth of the population entered or left the data), "
                       "series breaks or partial years, and thin years: not trends.").format(
            pct=fmt_share(q.adequate_coverage(), lang)))
    if (df["kind"] == "country").any():
        notes.append(_("Dotted lines with diamonds are single countries."))
    missing = sorted(set(f.countries) - set(df.loc[df["kind"] == "country", "series"]))
    if missing:
        notes.append(_("No values in these years for: {names}.").format(
            names=md_escape(", ".join(shown.get(m, m) for m in missing))))
    if f.index:
        notes.append(_("Indexed: each line is divided by its own {year} value and multiplied by 100.").format(
            year=f.index))
        if dropped:
            notes.append(_("Left out for lack of a {year} value: {names}.").format(
                year=f.index, names=md_escape(", ".join(shown.get(d, d) for d in dropped))))
    if f.log:
        notes.append(_("Logarithmic scale: zero values are not drawn."))
    if f.view == "chart" and events is not None and len(events):
        sources.append("operations")
        notes.append(_("Dotted vertical lines: start of operations under {goal} (the curator's "
                       "classification).").format(goal=md_escape(meta["goal_id"])))
    return tuple(sources), tuple(n for n in notes if n)


BUILDERS = {"trends_chart": trends_chart}
