"""Trends: one indicator over the years, by region (sidebar filters) and for chosen countries, with coverage."""
from __future__ import annotations

import streamlit as st

from dashboard import frame, panels, pickers, registry, ui
from dashboard.i18n import _

VIEW_LABELS = {"chart": _("Chart"), "table": _("Table")}
ESTIMATE_LABELS = {"publisher": _("Publisher's estimate"), "reporting": _("Aggregate of reporting countries")}

view = frame.view()
f, q, lang = view.filters, view.q, view.lang

st.title(_("Trends"))
st.markdown(_("One indicator over the years, by region and for the countries you pick.") if view.presenting else
            _("One indicator over the years, by region and for the countries you pick. Regions, the region "
              "scheme and the years are set in the sidebar."))          # presentation mode has no sidebar

meta = pickers.indicator_picker(view)
pickers.describe_indicator(view, meta)

col_cty, col_sex, col_age = st.columns([3, 1, 1])
pickers.country_picker(view, col_cty)
pickers.breakdown_pickers(view, meta, (col_sex, col_age))

panel = panels.build("trends_chart", f, lang, q)
col_view, col_index, col_log = st.columns([2, 2, 1], vertical_alignment="bottom")
col_view.radio(_("View"), list(registry.VIEWS), key="view", format_func=lambda v: VIEW_LABELS[v], horizontal=True)
col_index.selectbox(_("Index to base year"), [0, *panel.extra.get("years", [])], key="index",
                    format_func=lambda y: _("Off (values as published)") if y == 0 else str(y),
                    help=_("Divide each line by its own value in the base year and multiply by 100. "
                           "Lines without a value in that year are left out."))
col_log.toggle(_("Log scale"), key="log")
col_estimate, col_every = st.columns([3, 2], vertical_alignment="bottom")
if panel.extra.get("has_publisher"):
    col_estimate.segmented_control(
        _("Region values"), list(registry.ESTIMATES), key="estimate", required=True,
        format_func=lambda k: ESTIMATE_LABELS[k],
        help=_("The publisher's own estimate imputes the countries that do not report (UNODC's homicide estimates); "
               "the aggregate of the reporting countries does not, and moves when countries enter or leave the "
               "data."))
col_every.toggle(_("Every year"), key="every_year",
                 help=_("Region lines end at their last adequately covered year (reporting countries holding at "
                        "least half of the region's population). Switch on to draw the thin years after it too "
                        "(open markers, dashed)."))

if panel.empty:
    ui.empty_state(panel.empty[0], None if view.presenting else panel.empty[1])    # hints name the sidebar
else:
    if f.view == "chart":
        ui.plot(panel.figure, panel.key, lang=lang, presenting=view.presenting)
    else:
        ui.table(panel.table, lang=lang, key="trends_table", column_config={
            panel.extra["share_column"]: st.column_config.NumberColumn(format="percent"),
            panel.extra["value_column"]: st.column_config.NumberColumn(
                format=ui.number_format(panel.extra["measure"]))})
    ui.caveat_badges(panel.caveats, key="trends_chart_caveats")
    ui.caption(view, panel.sources, unit=panel.unit, note=panel.note, years=panel.years)
    ui.downloads_row(view, panel, key="trends")
