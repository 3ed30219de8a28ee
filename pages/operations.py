"""Operations: when INTERPOL-coordinated operations ran, what they reported (with qualifiers) and where.

URL parameters (besides the shared scheme, regions and years of the sidebar): q (search text), goal
(GPG1..GPG7), area (crime-area tags), op (operation ids), metric (the figure compared across operations).
"""
from __future__ import annotations

import streamlit as st

from dashboard import frame, panels, registry, tables, ui
from dashboard.i18n import _, country_name, metric_label
from dashboard.panels import labels
from dashboard.panels.operations import filtered, shown_ids
from dashboard.text import md_escape

SIDE_BY_SIDE_MAX = 6

view = frame.view()
f, q, lang = view.filters, view.q, view.lang
all_ops = q.operations()
goals = q.goals(lang)
goal_labels = labels.goal_labels(goals)
op_names = dict(zip(all_ops["operation_id"], all_ops["name"]))
preset = [p for p in registry.PRESET_OPERATIONS if p in op_names]


def _apply_preset() -> None:
    """Select Epervier, Libertad and Sawiyan, clearing the page filters (and widening the years) that hide them."""
    years = [int(y) for y in all_ops.loc[all_ops["operation_id"].isin(preset), "year"]]
    y0, y1 = st.session_state.get("years", registry.DEFAULT_YEARS)
    st.session_state.update(q="", goal=None, area=[], op=list(preset), _ops_preset_clicked=True,
                            years=(min(y0, *years), max(y1, *years)) if years else (y0, y1))


st.title(_("Operations"))
st.markdown(_("INTERPOL-coordinated operations: when they ran, what their sources report and which countries "
              "took part.") if view.presenting else                 # presentation mode has no sidebar
            _("INTERPOL-coordinated operations: when they ran, what their sources report and which countries "
              "took part. Filter by goal, crime area, search text, and by region and years in the sidebar."))

c1, c2, c3 = st.columns([2, 1, 2])
c1.text_input(_("Search operations"), key="q", max_chars=registry.MAX_TEXT,
              placeholder=_("e.g. Epervier, Libertad, Sawiyan"),
              help=_("Matches the name, crime area or place; separate several words with commas to find any of them."))
c2.selectbox(_("Global Policing Goal"), goals["goal_id"].tolist(), index=None, key="goal", placeholder=_("All goals"),
             help="\n".join(f"- {md_escape(label)}" for label in goal_labels.values()))
if f.goal:
    c2.caption(goal_labels.get(f.goal, f.goal))
c3.multiselect(_("Crime area"), q.operation_areas(), key="area", placeholder=_("All crime areas"),
               help=_("Tags taken from each operation's crime area; an operation matches any selected tag."))

ops = filtered(f, q)
unlisted = int((all_ops["countries_listed"] == 0).sum())
st.markdown(_("**{n}** of {total} operations match ({y0}–{y1}).").format(
    n=len(ops), total=len(all_ops), y0=f.years[0], y1=f.years[1]))
st.caption(_("Region filter: an operation matches a region when at least one of its listed participating "
             "countries belongs to it. {k} of {total} operations list no countries in their sources: they "
             "are shown only while every region of the scheme (or none) is selected, since nothing tells "
             "where they ran country by country.").format(k=unlisted, total=len(all_ops)))

st.subheader(_("Timeline"))
timeline = panels.build("ops_timeline", f, lang, q)
if ui.show(timeline, view):
    with st.expander(_("These operations as a table")):
        ui.table(timeline.table, lang=lang, column_config={
            timeline.extra["link_column"]: st.column_config.LinkColumn(display_text=_("source page"))})
        ui.download_csv(timeline.table, timeline.extra["csv_name"], key="ops_table_csv")

# -- results of the selected operations ------------------------------------------------------------------
st.subheader(_("Published results"))
c1, c2 = st.columns([3, 1.3], vertical_alignment="bottom")
c1.multiselect(_("Operations"), ops["operation_id"].tolist(), key="op", format_func=lambda o: op_names.get(o, o),
               placeholder=_("All operations matching the filters"), select_all=False, filter_mode="contains",
               help=_("Empty: the results of every operation matching the filters."))
c2.button(_("Epervier, Libertad, Sawiyan"), key="ops_preset", on_click=_apply_preset, width="stretch",
          help=_("Select the three operations at once (clears the goal, crime-area and search filters)."))
if st.session_state.pop("_ops_preset_clicked", False):
    hidden = [op_names[p] for p in preset if p not in f.op]
    if hidden:
        st.info(_("Hidden by the region filter in the sidebar: {names}.").format(names=md_escape(", ".join(hidden))),
                icon="ℹ️")
ids = shown_ids(f, ops)
results = q.operation_results_for(ids) if ids else None
metric_labels = {m: metric_label(m) for m in sorted(q.operation_results()["metric"].unique())}
op_labels = labels.operations()
if results is None or results.empty:
    ui.empty_state(_("The sources publish no figures for these operations."))
else:
    if 2 <= len(f.op) <= SIDE_BY_SIDE_MAX:
        st.markdown("**" + _("Side by side") + "**")
        ui.table(tables.results_side_by_side(results, metric_header=_("Figure"), metric_labels=metric_labels,
                                                 locale=lang), lang=lang)
    res_cols = {"operation": _("Operation"), "metric": _("Figure"), "figure": _("Value"),
                "qualifier": _("As the source puts it"), "unit": _("Unit"), "source": _("Source")}
    res_table = tables.results_table(results, columns=res_cols, metric_labels=metric_labels, labels=op_labels,
                                     locale=lang)
    ui.table(res_table, lang=lang, key="ops_results", column_config={
        res_cols["source"]: st.column_config.LinkColumn(display_text=_("source page"))})
    ui.download_csv(tables.results_download(results, metric_labels=metric_labels, src=q.sources_for(
        ["operation_results"]).iloc[0], citation=ui.citation_for(
        view, q.sources_for(["operation_results"]).iloc[0], title=_("Results of INTERPOL operations"), years=None,
        view_title=_("Operations: published results"))), "operation_results.csv",
        label=_("Download these results (CSV)"), key="ops_results_csv")
    ui.caption(view, ["operation_results", "operations"],
               note=_("≈ means the source says 'nearly' or 'about'; ≥ means 'more than' or 'at least'. Each "
                      "figure links to its own source page. Figures are never added up across operations: no "
                      "source gives a combined total (for example for Epervier, Libertad and Sawiyan together)."))

# -- one figure across operations ------------------------------------------------------------------------
st.subheader(_("One figure across operations"))
metric = panels.build("ops_metric", f, lang, q)
if "metrics" in metric.extra:
    counts = metric.extra["metrics"]
    st.selectbox(_("Figure to compare"), list(counts), key="metric",
                 format_func=lambda m: f"{metric_labels.get(m, m)} ({counts[m]})",
                 help=_("Only figures that the sources report for at least one operation matching the filters; "
                        "the number in brackets is how many report it."))
ui.show(metric, view)

# -- participating countries -----------------------------------------------------------------------------
st.subheader(_("Participating countries"))
if ui.show(panels.build("ops_map", f, lang, q), view) or ids:
    listed = q.operation_countries_for(ids) if ids else None
    if listed is not None:
        listed = listed.assign(country=[country_name(i, fallback=c) for i, c in zip(listed["iso3"],
                                                                                     listed["country"])])
        cols = {"operation": _("Operation"), "count": _("Countries listed"), "countries": _("Countries"),
                "where": _("Where (as the source describes it)")}
        ui.table(tables.countries_by_operation(ops[ops["operation_id"].isin(ids)], listed, columns=cols,
                                                   none_text=_("not listed in the sources")),
                     lang=lang,
                     column_config={cols["countries"]: st.column_config.TextColumn(width="large")})
        ui.caption(view, ["operation_countries", "operations"])
