"""Operations: when INTERPOL-coordinated operations ran, what they reported (with qualifiers) and where.

URL parameters (besides the shared scheme, regions and years of the sidebar):
q (search text), goal (GPG1..GPG7), area (crime-area tags, repeated), op (operation ids, repeated),
metric (metric id for the comparison chart).
"""
from __future__ import annotations

import streamlit as st

from dashboard import charts, data, filters, ui
from dashboard.i18n import _, country_name, language, metric_label

ui.require_frame()

#: The three operations the Dialogue cites together; the preset selects them at once.
PRESET = ["epervier-2017", "libertad-2018", "sawiyan-2018"]
#: Metric compared across operations by default, in order of preference.
DEFAULT_METRICS = ("victims_rescued", "arrests")
SIDE_BY_SIDE_MAX = 6

lang = language()
all_ops = data.operations()
goals = data.goals()
goal_ids = goals["goal_id"].tolist()
goal_short = {g: _(n) for g, n in zip(goals["goal_id"], goals["short_name"])}
goal_labels = {g: f"{g} · {n}" for g, n in goal_short.items()}
area_options = data.operation_areas()
all_metrics = sorted(data.operation_results()["metric"].unique())
op_names = dict(zip(all_ops["operation_id"], all_ops["name"]))
preset = [p for p in PRESET if p in op_names]

st.title(_("Operations"))
st.markdown(_("INTERPOL-coordinated operations: when they ran, what their sources report and which countries "
              "took part. Filter by goal, crime area, search text, and by region and years in the sidebar."))

ui.reject_params(filters.check(st.query_params, {
    "goal": filters.one_of(goal_ids),
    "area": filters.subset_of(area_options),
    "op": filters.subset_of(list(op_names)),
    "metric": filters.one_of(all_metrics),
    "q": filters.text(),
}))


def _apply_preset() -> None:
    """Select Epervier, Libertad and Sawiyan, clearing the page filters (and widening the years) that hide them."""
    st.session_state["q"] = ""
    st.session_state["goal"] = None
    st.session_state["area"] = []
    years = [int(all_ops.loc[all_ops["operation_id"] == p, "year"].iloc[0]) for p in preset]
    if years:
        y0, y1 = st.session_state.get("years", (min(years), max(years)))
        if y0 > min(years) or y1 < max(years):
            st.session_state["years"] = (min(y0, min(years)), max(y1, max(years)))
    st.session_state["op"] = list(preset)
    st.session_state["_ops_preset_clicked"] = True


# -- filters ----------------------------------------------------------------------------------------
c1, c2, c3 = st.columns([2, 1, 2])
q = c1.text_input(_("Search operations"), key="q", bind="query-params", max_chars=filters.MAX_TEXT,
                  placeholder=_("e.g. Epervier, Libertad, Sawiyan"),
                  help=_("Matches the name, crime area or place; separate several words with commas to find "
                         "any of them."))
goal = c2.selectbox(_("Global Policing Goal"), goal_ids, index=None, key="goal", bind="query-params",
                    placeholder=_("All goals"),
                    help="\n".join(f"- {ui.md_escape(label)}" for label in goal_labels.values()))
if goal:
    c2.caption(goal_labels.get(goal, goal))
areas = c3.multiselect(_("Crime area"), area_options, key="area", bind="query-params",
                       placeholder=_("All crime areas"),
                       help=_("Tags taken from each operation's crime area; an operation matches any selected tag."))

scheme = st.session_state.get("scheme") or filters.DEFAULT_SCHEME
selected_regions = list(st.session_state.get("regions") or [])
scheme_regions = data.regions(scheme)
# Region rule: no restriction when every region of the scheme (or none) is selected; otherwise an operation
# must list at least one participating country in a selected region.
region_filter = None if not selected_regions or set(scheme_regions) <= set(selected_regions) else selected_regions
year_from, year_to = st.session_state.get("years") or (1900, 2100)
ops = data.operations_filtered(goal, areas, scheme, region_filter, year_from, year_to, q.split(",") if q else [])
ops = ops.assign(crime_area=[_(a) if isinstance(a, str) else a for a in ops["crime_area"]])
unlisted = int((all_ops["countries_listed"] == 0).sum())

st.markdown(_("**{n}** of {total} operations match ({y0}–{y1}).").format(
    n=len(ops), total=len(all_ops), y0=year_from, y1=year_to))
region_note = (_("Region filter: an operation matches a region when at least one of its listed participating "
                 "countries belongs to it. {k} of {total} operations list no countries in their sources: they "
                 "are shown only while every region of the scheme (or none) is selected, since nothing tells "
                 "where they ran country by country.").format(k=unlisted, total=len(all_ops)))
st.caption(region_note)

# -- timeline ---------------------------------------------------------------------------------------
st.subheader(_("Timeline"))
op_labels = {
    "no_goal": _("No goal"), "approx_dates": _("dates approximate: {precision} only"), "goal": _("Goal"),
    "crime_area": _("Crime area"), "lead": _("Lead"), "where": _("Where"), "countries": _("Countries listed"),
    "precision": {"day": _("day"), "month": _("month"), "year": _("year")},
    "qualifier": {"exact": _("exact"), "approx": _("approximately (≈)"), "at_least": _("at least (≥)")},
}
if ops.empty:
    ui.empty_state(_("No operation matches these filters."),
                   _("Widen the years or the regions in the sidebar, or clear the goal, crime area and search."))
else:
    fig = charts.operations_timeline(ops, title=_("Operations from start to end date, by Global Policing Goal"),
                                     goal_labels=goal_labels, labels=op_labels, locale=lang)
    ui.plot(fig, key="ops_timeline")
    ui.caption(["operations", "operation_countries"], unit=_("dates, start to end"),
               note=_("Hatched bars and open diamonds: the source gives only the month or the year, so the dates "
                      "are approximate. Goals are the curator's classification by crime area, not INTERPOL "
                      "labels."))
    with st.expander(_("These operations as a table")):
        op_cols = {"operation": _("Operation"), "period": _("Dates"), "precision": _("Date precision"),
                   "goal": _("Goal"), "crime_area": _("Crime area"), "lead": _("Lead"),
                   "where": _("Where (as the source describes it)"), "countries": _("Countries listed"),
                   "source": _("Source")}
        table = charts.operations_table(ops, columns=op_cols, goal_labels=goal_short, labels=op_labels, locale=lang)
        st.dataframe(table, hide_index=True, width="stretch", column_config={
            op_cols["source"]: st.column_config.LinkColumn(display_text=_("source page"))})
        ui.download_csv(table, "operations.csv", key="ops_table_csv")

# -- results of selected operations -------------------------------------------------------------------
st.subheader(_("Published results"))
options = ops["operation_id"].tolist()
current = st.session_state.get("op")
if current is not None and any(o not in options for o in current):
    st.session_state["op"] = [o for o in current if o in options]
c1, c2 = st.columns([3, 1.3], vertical_alignment="bottom")
selected = c1.multiselect(
    _("Operations (by identifier)"), options, default=[p for p in preset if p in options], key="op",
    bind="query-params", placeholder=_("All operations matching the filters"),
    help=_("Empty: the results of every operation matching the filters."))
c2.button(_("Epervier, Libertad, Sawiyan"), key="ops_preset", on_click=_apply_preset, width="stretch",
          help=_("Select the three operations at once (clears the goal, crime-area and search filters)."))
if st.session_state.pop("_ops_preset_clicked", False):
    hidden = [op_names[p] for p in preset if p not in options]
    if hidden:
        st.info(_("Hidden by the region filter in the sidebar: {names}.").format(names=ui.md_escape(", ".join(hidden))),
                icon="ℹ️")
shown_ids = list(selected) or options
if selected:
    st.caption(ui.md_escape(", ".join(op_names.get(o, o) for o in selected)))

metric_labels = {m: metric_label(m) for m in all_metrics}
results = data.operation_results_for(shown_ids) if shown_ids else None
if results is None or results.empty:
    ui.empty_state(_("The sources publish no figures for these operations."))
else:
    if 2 <= len(selected) <= SIDE_BY_SIDE_MAX:
        st.markdown("**" + _("Side by side") + "**")
        st.dataframe(charts.results_side_by_side(results, metric_header=_("Figure"), metric_labels=metric_labels,
                                                 locale=lang), hide_index=True, width="stretch")
    res_cols = {"operation": _("Operation"), "metric": _("Figure"), "figure": _("Value"),
                "qualifier": _("As the source puts it"), "unit": _("Unit"), "source": _("Source")}
    res_table = charts.results_table(results, columns=res_cols, metric_labels=metric_labels, labels=op_labels,
                                     locale=lang)
    st.dataframe(res_table, hide_index=True, width="stretch", column_config={
        res_cols["source"]: st.column_config.LinkColumn(display_text=_("source page"))})
    ui.download_csv(res_table, "operation_results.csv", key="ops_results_csv")
    ui.caption(["operation_results", "operations"],
               note=_("≈ means the source says 'nearly' or 'about'; ≥ means 'more than' or 'at least'. Each "
                      "figure links to its own source page. Figures are never added up across operations: no "
                      "source gives a combined total (for example for Epervier, Libertad and Sawiyan together)."))

# -- one figure across operations ----------------------------------------------------------------------
st.subheader(_("One figure across operations"))
all_results = data.operation_results_for(options) if options else None
if all_results is None or all_results.empty:
    ui.empty_state(_("No published figures for the operations matching the filters."))
else:
    counts = all_results["metric"].value_counts()
    metric_options = sorted(counts.index, key=lambda m: (-counts[m], m))
    default_metric = next((m for m in DEFAULT_METRICS if m in metric_options), metric_options[0])
    if st.session_state.get("metric") is not None and st.session_state["metric"] not in metric_options:
        st.session_state["metric"] = default_metric
    metric = st.selectbox(_("Figure to compare"), metric_options, index=metric_options.index(default_metric),
                          key="metric", bind="query-params",
                          help=_("Only figures that the sources report for at least one operation matching the "
                                 "filters; the number in brackets is how many report it.") + "\n\n" +
                          "\n".join(f"- {ui.md_escape(m)}: {ui.md_escape(metric_labels.get(m, m))} ({counts[m]})"
                                    for m in metric_options))
    one = all_results[all_results["metric"] == metric]
    unit = one["unit"].mode().iloc[0] if one["unit"].notna().any() else ""
    fig = charts.metric_bars(one, title=_("{metric} by operation ({unit})").format(
        metric=metric_labels.get(metric, metric), unit=_(unit) if unit else "–"), x_title=_(unit) if unit else "",
        goal_labels=goal_labels, labels=op_labels, locale=lang)
    ui.plot(fig, key="ops_metric")
    ui.caption(["operation_results", "operations"], unit=_(unit) if unit else None,
               note=_("{n} of {total} operations matching the filters report this figure. Labels keep the "
                      "source's qualifier (≈ approximately, ≥ at least); hatched bars are not exact.").format(
                   n=len(one), total=len(options)))

# -- participating countries ---------------------------------------------------------------------------
st.subheader(_("Participating countries"))
if not shown_ids:
    ui.empty_state(_("No operation matches these filters."))
else:
    shown_ops = ops[ops["operation_id"].isin(shown_ids)]
    counts = data.operation_country_counts(shown_ids)
    counts = counts.assign(country=[country_name(i, fallback=c) for i, c in zip(counts["iso3"], counts["country"])])
    if counts.empty:
        ui.empty_state(_("None of these operations lists its participating countries in the sources."),
                       _("Where each ran, as the source describes it, is in the list below."))
    else:
        fig = charts.operation_countries_map(
            counts, title=_("Countries taking part, by number of these operations"), colorbar_title=_("operations"))
        ui.plot(fig, key="ops_map")
        ui.caption(["operation_countries", "operations"], unit=_("operations a country took part in"),
                   note=_("Only countries the sources list by name. Small states (e.g. Singapore, Bahrain, Malta) "
                          "do not show on this world map; the list below names every country."))
    cols = {"operation": _("Operation"), "count": _("Countries listed"), "countries": _("Countries"),
            "where": _("Where (as the source describes it)")}
    listed = data.operation_countries_for(shown_ids)
    if "iso3" in listed.columns:
        listed = listed.assign(country=[country_name(i, fallback=c) for i, c in zip(listed["iso3"], listed["country"])])
    st.dataframe(charts.countries_by_operation(shown_ops, listed, columns=cols,
                                               none_text=_("not listed in the sources")),
                 hide_index=True, width="stretch",
                 column_config={cols["countries"]: st.column_config.TextColumn(width="large")})
    ui.caption(["operation_countries", "operations"])
