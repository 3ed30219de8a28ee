"""Map: one indicator by country for one year, optionally only the members of one Dialogue body."""
from __future__ import annotations

import streamlit as st

from dashboard import frame, panels, pickers, ui
from dashboard.i18n import _

ALL = ""          # the "All countries" option of `org` (never in the URL: it is the default)

view = frame.view()
f, q, lang = view.filters, view.q, view.lang

st.title(_("Map"))
st.markdown(_("One indicator by country for one year. Small states missing from the world map are in the "
              "table below it."))

meta = pickers.indicator_picker(view)
pickers.describe_indicator(view, meta)

col_year, col_org, col_sex, col_age = st.columns([3, 2, 1, 1], vertical_alignment="bottom")
pickers.breakdown_pickers(view, meta, (col_sex, col_age))
years = q.indicator_years(f.indicator)
if len(years) > 1:
    col_year.select_slider(_("Year"), years, key="year")
else:
    col_year.markdown(_("Year: {year}").format(year=f.year if f.year is not None else "–"))
col_org.selectbox(_("Dialogue body"), [ALL, *q.organization_names()], key="org",
                  format_func=lambda o: _("All countries") if o == ALL else o,
                  help=_("Show only the member and associate countries of one Dialogue body (INTERPOL "
                         "is not offered: its sourced member list is partial)."))

panel = panels.build("map_chart", f, lang, q)
if panel.empty:
    ui.empty_state(*panel.empty)
else:
    st.markdown(f"**{panel.extra['count']}**")
    ui.show(panel, view)
    st.dataframe(panel.table, hide_index=True, width="stretch", key="map_table",
                 column_config={_("Year"): st.column_config.NumberColumn(format="%d"),
                                panel.extra["value_column"]: st.column_config.NumberColumn(
                                    format=ui.number_format(panel.extra["measure"]))})
    ui.download_csv(panel.table, panel.extra["csv_name"], label=_("Download these data (CSV)"), key="map_csv")
    st.caption(_("Click a column header to sort; the values are as published (the map's hover rounds them)."))
