"""Trends: one indicator over the years, by region (sidebar filters) and for chosen countries, with coverage."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import charts, data, filters, pickers, theme, ui
from dashboard.i18n import _, country_name, language, region_name
from dashboard.settings import THIN_COVERAGE

VIEW_LABELS = {"chart": _("Chart"), "table": _("Table")}
AGGREGATION_NOTES = {
    "sum": _("Region values are sums over the countries that reported that year."),
    "population_weighted_mean": _("Region values are population-weighted means of the countries that reported "
                                  "that year (World Bank population)."),
    "mean": _("Region values are plain means of the scores of the countries that reported that year."),
    "none": _("This indicator is not aggregated to regions (a rank, a count of sources or a standard error "
              "cannot be averaged): only country lines are drawn."),
}

ui.require_frame()

st.title(_("Trends"))
st.markdown(_("One indicator over the years, by region and for the countries you pick. Regions, the region "
              "scheme and the years are set in the sidebar."))

url = pickers.url_snapshot()
first = pickers.first_draw()
if first:              # unknown countries leave the link first: the bound multiselect would keep the known ones
    ui.reject_params(filters.check(url, {"countries": filters.subset_of(data.countries()["name"].tolist())}))
notice_box = st.container()

meta = pickers.indicator_picker(url)
ind_id = meta["indicator_id"]
goal_id = meta["goal_id"] if isinstance(meta["goal_id"], str) else None
pickers.describe_indicator(meta)

# Shared sidebar filters (app.py); defaults if the page runs without them.
scheme = st.session_state.get("scheme") or filters.DEFAULT_SCHEME
regions = st.session_state.get("regions")
regions = data.regions(scheme) if regions is None else list(regions)
year_from, year_to = st.session_state.get("years") or (2000, dt.date.today().year)

countries = data.countries()
iso3_of = dict(zip(countries["name"], countries["iso3"]))
no_regions = meta["aggregation"] == "none"

col_cty, col_sex, col_age = st.columns([3, 1, 1])
picked = col_cty.multiselect(_("Countries"), list(iso3_of), key="countries", bind="query-params",
                             max_selections=filters.MAX_SELECTED,
                             placeholder=_("Add countries to draw beside the regions"),
                             help=_("Single countries are drawn as dotted lines beside the region lines."))
sex, age = pickers.breakdown_pickers(meta, (col_sex, col_age))

col_view, col_index, col_log = st.columns([2, 2, 1], vertical_alignment="bottom")
view = ui.url_selectbox(_("View"), list(filters.VIEWS), key="view", default="chart", widget=col_view.radio,
                       format_func=lambda v: VIEW_LABELS[v], horizontal=True)

df = data.trend_series(ind_id, scheme, [] if no_regions else regions, [iso3_of[c] for c in picked],
                       year_from, year_to, sex, age)
years_with_data = sorted(df["year"].unique().tolist())
index_options = [0] + years_with_data
base = col_index.selectbox(_("Index to base year"), index_options, key="index", bind="query-params",
                           format_func=lambda y: _("Off (values as published)") if y == 0 else str(y),
                           help=_("Divide each line by its own value in the base year and multiply by 100. "
                                  "Lines without a value in that year are left out."))
log = col_log.toggle(_("Log scale"), key="log", bind="query-params")

if first:
    rules = {**pickers.indicator_rules(data.indicator_choices()), **pickers.breakdown_rules(meta),
             "countries": filters.subset_of(list(iso3_of)), "view": filters.one_of(list(filters.VIEWS)),
             "index": filters.one_of([str(y) for y in years_with_data]), "log": filters.boolean}
    with notice_box:
        ui.show_notices(filters.check(url, rules))

breakdown = "" if (sex, age) == ("Total", "Total") else f" — {_(sex)}, {_(age)}"
no_region_note = _("{name} has no regional values: only the countries you pick are drawn.").format(
    name=ui.md_escape(_(meta["name"])))
if no_regions and not picked:
    ui.empty_state(no_region_note, _("Pick countries above."))
elif not picked and not regions:
    ui.empty_state(_("Nothing to draw yet."), _("Pick at least one region in the sidebar or a country above."))
elif df.empty:
    ui.empty_state(_("No values for {name}{breakdown} in {a}–{b} for this selection.").format(
        name=ui.md_escape(_(meta["name"])), breakdown=breakdown, a=year_from, b=year_to),
        _("This indicator has data from {first} to {last}; widen the years in the sidebar or pick other "
          "regions or countries.").format(first=meta["first_year"], last=meta["last_year"]))
else:
    dropped: list[str] = []
    if base:
        df, dropped = data.index_to_base(df, int(base))
    unit = _(meta["unit"])
    y_title = _("Index, {year} = 100").format(year=base) if base else unit
    title = (_("{name}{breakdown}, index ({year} = 100)") if base else _("{name}{breakdown}, {unit}")).format(
        name=_(meta["name"]), breakdown=breakdown, year=base, unit=unit)
    events = data.goal_operations(goal_id, year_from, year_to)
    headers = {"series": _("Region or country"), "kind": _("Type"), "year": _("Year"), "value": y_title,
               "countries_reporting": _("Countries reporting"), "countries_total": _("Countries in region"),
               "population_covered_share": _("Share of population covered"), "thin": _("Thin coverage")}
    kinds = {"region": _(filters.SCHEMES.get(scheme, scheme)), "country": _("Country")}
    shown_names = {**{r: region_name(r) for r in df.loc[df["kind"] == "region", "series"].unique()},
                   **{c: country_name(iso3_of[c], fallback=c) for c in picked}}
    table = data.trend_table(df.assign(series=df["series"].map(lambda n: shown_names.get(n, n))), headers,
                             kinds)           # exactly the plotted rows: shown, and downloaded

    if df.empty:
        ui.empty_state(_("No line has a value in {year}, the base year.").format(year=base),
                       _("Choose another base year or switch indexing off."))
    elif view == "chart":
        labels = {"coverage": _("{n} of {total} countries reporting"), "population": _("{share} of population"),
                  "thin": _("thin coverage (under {pct} of population)").format(
                      pct=theme.fmt_share(THIN_COVERAGE, language())),
                  "thin_legend": _("thin coverage (open marker)"), "year": _("Year")}
        fig = charts.trend_chart(df, title=title, y_title=y_title, measure=None if base else meta["measure"],
                                 log=bool(log), events=events, labels=labels, locale=language(), names=shown_names)
        ui.plot(fig, key="trends_chart")
    else:
        st.dataframe(table, hide_index=True, width="stretch", key="trends_table",
                     column_config={headers["population_covered_share"]: st.column_config.NumberColumn(
                         format="percent"), headers["value"]: st.column_config.NumberColumn(
                         format=pickers.number_format(None if base else meta["measure"]))})

    if not df.empty:
        sources = [meta["source_id"]]
        notes = [AGGREGATION_NOTES.get(meta["aggregation"], "")]
        if (df["kind"] == "region").any():
            if meta["aggregation"] == "population_weighted_mean":
                sources.append("population_worldbank")
            notes.append(_("Coverage: the hover and the table give how many of a region's countries reported and "
                           "their share of its population; open markers mark thin coverage, under {pct} of the "
                           "region's population (of its countries where population is unknown).").format(
                               pct=theme.fmt_share(THIN_COVERAGE, language())))
        if (df["kind"] == "country").any():
            notes.append(_("Dotted lines with diamonds are single countries."))
        missing = sorted(set(picked) - set(df.loc[df["kind"] == "country", "series"]))
        if missing:
            notes.append(_("No values in these years for: {names}.").format(
                names=pickers.plain(", ".join(shown_names.get(m, m) for m in missing))))
        if base:
            notes.append(_("Indexed: each line is divided by its own {year} value and multiplied by 100.").format(
                year=base))
            if dropped:
                notes.append(_("Left out for lack of a {year} value: {names}.").format(
                    year=base, names=pickers.plain(", ".join(shown_names.get(d, d) for d in dropped))))
        if log:
            notes.append(_("Logarithmic scale: zero values are not drawn."))
        if view == "chart" and len(events):
            sources.append("operations")
            notes.append(_("Dashed vertical lines: start of operations under {goal} (the curator's "
                           "classification).").format(goal=goal_id))
        ui.caption(sources, unit=y_title, note=" ".join(n for n in notes if n))
        ui.download_csv(table, f"trends_{ind_id}.csv", label=_("Download these data (CSV)"), key="trends_csv")
