"""Rankings: for one indicator and year, the countries ranked, with coverage, and where each country stands in
its UN region and subregion.

URL parameters: indicator (with goal, sex, age), year (default: the latest adequately covered year), iso3 (a
country to highlight).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import frame, panels, pickers, ui
from dashboard.i18n import _, country_name
from dashboard.text import md_escape

view = frame.view()
f, q, lang = view.filters, view.q, view.lang

st.title(_("Rankings"))
st.markdown(_("For one indicator and year: the reporting countries ranked, and where each stands in its UN "
              "region and subregion. Countries that did not report are not ranked."))

meta = pickers.indicator_picker(view)
col_year, col_cty, col_sex, col_age = st.columns([2, 2, 1, 1], vertical_alignment="bottom")
pickers.breakdown_pickers(view, meta, (col_sex, col_age))
years = q.indicator_years(f.indicator)
if len(years) > 1:
    col_year.select_slider(_("Year"), years, key="year")
else:
    col_year.markdown(_("Year: {year}").format(year=f.year if f.year is not None else "–"))
ui.indicator_views(view)

panel = panels.build("rankings_chart", f, lang, q)
if panel.empty:
    ui.empty_state(*panel.empty)
    st.stop()
ranked = panel.extra["ranked"]
names = dict(zip(ranked["iso3"], ranked["country"]))
col_cty.selectbox(_("Highlight a country"), list(names), key="iso3", index=None, format_func=names.get,
                  placeholder=_("None"), filter_mode="contains")
st.markdown(f"**{md_escape(panel.extra['coverage'])}**")
if f.iso3:
    if f.iso3 in names:
        r = ranked[ranked["iso3"] == f.iso3].iloc[0]
        region = panel.extra["region_names"]
        st.info(_("{country}: rank {rank} of {n} reporting countries; {k} of {m} in {region}; {j} of {p} reporting "
                  "in {subregion} ({total} countries).").format(
            country=md_escape(r["country"]), rank=int(r["rank"]), n=int(r["reporting"]), k=int(r["region_rank"]),
            m=int(r["region_reporting"]), region=md_escape(region.get(r["un_region"], r["un_region"])),
            j=int(r["subregion_rank"]), p=int(r["subregion_reporting"]),
            subregion=md_escape(region.get(r["un_subregion"], r["un_subregion"])),
            total=int(r["subregion_countries"])), icon="📍")
    else:
        st.info(_("{country} did not report a value for {year}.").format(
            country=md_escape(country_name(f.iso3)), year=f.year), icon="ℹ️")
ui.show(panel, view)
region = panel.extra["region_names"]
table = pd.DataFrame({
    _("Rank"): ranked["rank"],
    _("Country"): ranked["country"],
    _("Value ({unit})").format(unit=panel.unit): ranked["value"],
    _("UN region"): [region.get(r, r) for r in ranked["un_region"]],
    _("Rank in region"): [_("{k} of {n}").format(k=int(k), n=int(n)) for k, n in zip(
        ranked["region_rank"], ranked["region_reporting"])],
    _("UN subregion"): [region.get(r, r) for r in ranked["un_subregion"]],
    _("Rank in subregion"): [_("{k} of {n}").format(k=int(k), n=int(n)) for k, n in zip(
        ranked["subregion_rank"], ranked["subregion_reporting"])],
    _("Profile"): [f"country?iso3={i}" + (f"&lang={lang}" if lang != "en" else "") for i in ranked["iso3"]],
})
ui.table(table, lang=lang, key="rankings_table", column_config={
    _("Rank"): st.column_config.NumberColumn(format="%d", width="small"),
    _("Value ({unit})").format(unit=panel.unit): st.column_config.NumberColumn(
        format=ui.number_format(meta["measure"])),
    _("Profile"): st.column_config.LinkColumn(display_text=_("country profile")),
})
ui.downloads_row(view, panel, key="rankings")
