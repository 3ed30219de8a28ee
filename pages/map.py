"""Map: one indicator by country for one year, optionally only the members of one Dialogue body. It opens on the
latest adequately covered year, steps through the years, and a click on a country opens its profile."""
from __future__ import annotations

import streamlit as st

from dashboard import frame, panels, pickers, registry, ui
from dashboard.i18n import _

ALL = ""          # the "All countries" option of `org` (never in the URL: it is the default)

view = frame.view()
f, q, lang = view.filters, view.q, view.lang

st.title(_("Map"))
st.markdown(_("One indicator by country for one year. Click a country to open its profile; small states missing "
              "from the world map are in the table below it."))

meta = pickers.indicator_picker(view)
pickers.describe_indicator(view, meta)
years = q.indicator_years(f.indicator)


def _step(delta: int) -> None:
    """Previous or next year with data (a callback: it runs before the frame reads the widgets)."""
    current = st.session_state.get("year")
    if current in years:
        st.session_state["year"] = years[min(max(years.index(current) + delta, 0), len(years) - 1)]


col_prev, col_year, col_next, col_org, col_sex, col_age = st.columns([0.5, 3, 0.5, 2, 1, 1],
                                                                     vertical_alignment="bottom")
pickers.breakdown_pickers(view, meta, (col_sex, col_age))
if len(years) > 1:
    col_year.select_slider(_("Year"), years, key="year")
    col_prev.button("◀", key="year_prev", on_click=_step, args=(-1,), help=_("Previous year with data"),
                    disabled=f.year == years[0])
    col_next.button("▶", key="year_next", on_click=_step, args=(1,), help=_("Next year with data"),
                    disabled=f.year == years[-1])
else:
    col_year.markdown(_("Year: {year}").format(year=f.year if f.year is not None else "–"))
col_org.selectbox(_("Dialogue body"), [ALL, *q.organization_names()], key="org",
                  format_func=lambda o: _("All countries") if o == ALL else o,
                  help=_("Show only the member and associate countries of one Dialogue body (INTERPOL "
                         "is not offered: its sourced member list is partial)."))
if f.year is not None and f.year != f.default("year"):
    st.caption(_("The map opens on {year}, the latest year whose reporting countries hold at least half of the "
                 "world's population.").format(year=f.default("year")))
ui.indicator_views(view)


def _open_profile() -> None:
    """A click on a country: its profile (the country's code from the clicked point)."""
    event = st.session_state.get("map_chart")
    points = (event or {}).get("selection", {}).get("points", []) if hasattr(event, "get") else []
    codes = [p.get("location") or p.get("customdata") for p in points]
    codes = [c[0] if isinstance(c, list) else c for c in codes if c]
    if codes:
        st.session_state["_map_profile"] = codes[0]


panel = panels.build("map_chart", f, lang, q)
if panel.empty:
    ui.empty_state(*panel.empty)
else:
    st.markdown(f"**{panel.extra['count']}**")
    ui.plot(panel.figure, panel.key, lang=lang, presenting=view.presenting, on_select=_open_profile)
    code = st.session_state.pop("_map_profile", None)
    if code in panel.extra["iso3"]:
        st.switch_page(registry.BY_PATH["country"].file,
                       query_params={"iso3": code, **({"lang": lang} if lang != "en" else {})})
    ui.caption(view, panel.sources, unit=panel.unit, note=panel.note, years=panel.data_years)
    table = panel.table.assign(**{_("Profile"): [f"country?iso3={i}" + (f"&lang={lang}" if lang != "en" else "")
                                                 for i in panel.extra["iso3"]]})
    ui.table(table, lang=lang, key="map_table",
                 column_config={_("Year"): st.column_config.NumberColumn(format="%d"),
                                panel.extra["value_column"]: st.column_config.NumberColumn(
                                    format=ui.number_format(panel.extra["measure"])),
                                _("Profile"): st.column_config.LinkColumn(display_text=_("country profile"))})
    st.caption(_("Click a column header to sort; the values are as published (the map's hover rounds them)."))
    ui.downloads_row(view, panel, key="map")
