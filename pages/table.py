"""Table: one indicator by region and country with the years as columns, and the change between two chosen
years, like-for-like (on the countries reporting in both years).

URL parameters: indicator (with goal, sex, age), countries, compare (two years), and the sidebar's scheme,
regions and years.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import downloads, frame, pickers, tables, ui
from dashboard.i18n import _, country_name, region_name
from dashboard.panels.trends import breakdown_text
from dashboard.registry import SCHEMES
from dashboard.text import md_escape
from dashboard.theme import fmt_change, fmt_number, fmt_share

view = frame.view()
f, q, lang = view.filters, view.q, view.lang

st.title(_("Table by year"))
st.markdown(_("One indicator by region and country, a column per year, and the change between two years "
              "compared on the same countries. Regions, the region scheme and the years are set in the sidebar."))

meta = pickers.indicator_picker(view)
col_cty, col_sex, col_age = st.columns([3, 1, 1])
pickers.country_picker(view, col_cty)
pickers.breakdown_pickers(view, meta, (col_sex, col_age))
ui.indicator_views(view)

no_regions = meta["aggregation"] == "none"
y0, y1 = f.years
df = q.trend_series(f.indicator, f.scheme, () if no_regions else f.regions, f.iso3, y0, y1, f.sex, f.age)
name = _(meta["name"]) + breakdown_text(f.sex, f.age)
if df.empty:
    ui.empty_state(_("No values for {name} in {a}–{b} for this selection.").format(name=md_escape(name), a=y0, b=y1),
                   _("This indicator has data from {first} to {last}; widen the years in the sidebar or pick other "
                     "regions or countries.").format(first=meta["first_year"], last=meta["last_year"]))
    st.stop()
years = sorted(int(y) for y in df["year"].unique())
if len(years) > 1:
    st.select_slider(_("Change between"), years, key="compare",
                     help=_("The change column compares these two years. For a region it is computed on the "
                            "countries that report in both years only (like-for-like), so that countries entering "
                            "or leaving the data do not show as a change."))
a, b = f.compare or (None, None)
changes = (q.like_for_like([(f.indicator, a, b)], f.scheme, f.regions, f.sex, f.age)
           if f.compare and not no_regions else None)

shown = {**{r: region_name(r) for r in df.loc[df["kind"] == "region", "series"].unique()},
         **{c: country_name(i, fallback=c) for c, i in zip(f.countries, f.iso3)}}
kinds = {"region": _(SCHEMES.get(f.scheme, f.scheme)), "country": _("Country")}
data, thin = tables.years_table(df, changes, f.compare)
year_cols = [str(y) for y in years]
cols = {"series": _("Region or country"), "series_type": _("Type"),  # then the change, then the years
        "change": _("Change {a}→{b}").format(a=a, b=b) if f.compare else _("Change"),
        "countries_both": _("Countries in both years"), "population_share": _("Population in both years")}
display = pd.DataFrame({
    cols["series"]: data["series"].map(lambda n: shown.get(n, n)),
    cols["series_type"]: data["series_type"].map(kinds),
    cols["change"]: [fmt_change(v, meta["measure"], lang) if pd.notna(v) else "–" for v in data["change"]],
    cols["countries_both"]: [f"{n}/{t}" if pd.notna(n) else "–" for n, t in zip(data["countries_both"],
                                                                              data["countries_total"])],
    cols["population_share"]: [fmt_share(v, lang) if pd.notna(v) else "–" for v in data["population_share"]],
    **{y: [fmt_number(v, meta["measure"], lang) if v is not None and pd.notna(v) else "–" for v in data[y]]
       for y in year_cols}})
grey = thin.reindex(columns=year_cols, fill_value=False).set_axis(display.index)
styled = display.style.apply(lambda d: pd.DataFrame(
    {c: (grey[c].map(lambda t: "color: #8a8a8a; font-style: italic" if t else "") if c in grey else "")
     for c in d.columns}, index=d.index), axis=None)
right = st.column_config.TextColumn(alignment="right")
st.dataframe(styled, hide_index=True, width="stretch", key="table_years",
             column_config={c: right for c in [cols["change"], cols["countries_both"], cols["population_share"],
                                               *year_cols]})
notes = [_("Grey italic values: thin coverage (the reporting countries hold less than half of the region's "
           "population).")]
if f.compare:
    notes.append(_("Change {a}→{b}: for a region, on the countries that report in both years (how many of the "
                   "region's countries, and their share of its population in {b}); for a country, its own two "
                   "values. – where a line has no value in one of the two years.").format(a=a, b=b))
if no_regions:
    notes.append(_("This series has no regional values: only the countries you pick are listed."))
elif meta["aggregation"] == "population_weighted_mean" and (f.sex, f.age) != ("Total", "Total"):
    notes.append(_("Like-for-like changes of a sex or age group's rate are not computed here (they need the "
                   "group's own population as weights)."))
ui.caption(view, [meta["source_id"], *(["population_worldbank"] if meta["aggregation"] ==
                                       "population_weighted_mean" else [])],
           note=" ".join(notes), years=(years[0], years[-1]))

# the table as shown, with its provenance (header first, numbers as numbers)
src = q.sources_for([meta["source_id"]]).iloc[0]
cite = ui.citation_for(view, src, title=src["title"], years=(years[0], years[-1]),
                       view_title=_("Table: {name}").format(name=name))
wide = data.assign(series=data["series"].map(lambda n: shown.get(n, n)), sex=f.sex, age=f.age)
for y in [*year_cols, "change"]:
    wide[y] = downloads.rounded(wide[y], meta["measure"])
wide["population_share"] = pd.to_numeric(wide["population_share"], errors="coerce").round(4)
wide["change_from"], wide["change_to"] = a, b
wide = wide[["series", "series_type", "sex", "age", *year_cols, "change_from", "change_to", "change",
             "countries_both", "countries_total", "population_share"]]
wide.insert(0, "indicator", _(meta["name"]))
wide.insert(0, "indicator_id", f.indicator)
wide["unit"] = _(meta["unit"])
for k, v in downloads.source_fields(src).items():
    wide[k] = v
wide["citation"] = cite
ui.download_csv(wide, f"table_{f.indicator}.csv", label=_("Download this table (CSV)"), key="table_csv")
with st.popover(_("Cite this"), icon=":material/format_quote:"):
    st.code(cite, language=None, wrap_lines=True)
