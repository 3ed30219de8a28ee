"""Map: one indicator by country for one year, optionally only the members of one Dialogue body."""
from __future__ import annotations

import streamlit as st

from dashboard import charts, data, filters, pickers, theme, ui
from dashboard.i18n import _, country_name, language

ALL = ""          # the "All countries" option of `org` (never in the URL: it is the default)

ui.require_frame()

st.title(_("Map"))
st.markdown(_("One indicator by country for one year. Small states missing from the world map are in the "
              "table below it."))

url = pickers.url_snapshot()
first = pickers.first_draw()
notice_box = st.container()

meta = pickers.indicator_picker(url)
ind_id = meta["indicator_id"]
pickers.describe_indicator(meta)

col_year, col_org, col_sex, col_age = st.columns([3, 2, 1, 1], vertical_alignment="bottom")
sex, age = pickers.breakdown_pickers(meta, (col_sex, col_age))
years = data.indicator_years(ind_id)
default_year = data.default_map_year(ind_id, sex, age) or (years[-1] if years else None)
if st.session_state.get("year") is not None and st.session_state["year"] not in years:
    del st.session_state["year"]                      # the previous indicator's year: use this one's default
if len(years) > 1:
    year = col_year.select_slider(_("Year"), years, value=default_year if default_year in years else years[-1],
                                  key="year", bind="query-params")
else:
    year = years[0] if years else None
    col_year.markdown(_("Year: {year}").format(year=year if year is not None else "–"))

orgs = data.organization_names()
org = col_org.selectbox(_("Dialogue body"), [ALL] + orgs, key="org", bind="query-params",
                        format_func=lambda o: _("All countries") if o == ALL else o,
                        help=_("Show only the member and associate countries of one Dialogue body (INTERPOL "
                               "is not offered: its sourced member list is partial)."))

if first:
    rules = {**pickers.indicator_rules(data.indicator_choices()), **pickers.breakdown_rules(meta),
             "year": filters.one_of([str(y) for y in years]), "org": filters.one_of(orgs)}
    with notice_box:
        ui.show_notices(filters.check(url, rules))

breakdown = "" if (sex, age) == ("Total", "Total") else f" — {_(sex)}, {_(age)}"
df = data.map_data(ind_id, year, sex, age, org or None) if year is not None else None
if df is not None and len(df):
    df = df.assign(country=[country_name(i, fallback=c) for i, c in zip(df["iso3"], df["country"])])
if df is None or df.empty:
    where = _(" among {org} members").format(org=ui.md_escape(org)) if org else ""
    ui.empty_state(_("No country values for {name}{breakdown} in {year}{where}.").format(
        name=ui.md_escape(_(meta["name"])), breakdown=breakdown, year=year if year is not None else "–", where=where),
        _("Pick another year, indicator or Dialogue body."))
else:
    unit = _(meta["unit"])
    members = len(data.organization_members(org)) if org else None
    count = (_("{n} of {total} {org} countries have a value for {year}.").format(
        n=len(df), total=members, org=ui.md_escape(org), year=year) if org else
        _("{n} countries have a value for {year}.").format(n=len(df), year=year))
    st.markdown(f"**{count}**")
    title = _("{name}{breakdown}, {year}{where} ({unit})").format(
        name=_(meta["name"]), breakdown=breakdown, year=year, unit=unit,
        where=(" — " + org) if org else "")
    cap = charts.colour_cap(df["value"])
    fig = charts.country_map(df, title=title, colorbar_title=unit, unit=unit, measure=meta["measure"],
                             higher_is_worse=bool(meta["higher_is_worse"]),
                             labels={"year": _("Year"), "source": _("Source")}, locale=language(),
                             range_color=(min(0.0, float(df["value"].min())), cap) if cap else None,
                             zoom_to_data=bool(org))
    ui.plot(fig, key="map_chart")
    direction = (_("Darker red: a higher value, which is worse for this indicator.") if meta["higher_is_worse"]
                 else _("Darker blue: a higher value (for this indicator a higher value is not worse)."))
    if cap:
        direction += " " + _("The colours top out at {cap} so that a few very high values do not wash out the "
                             "rest: those countries take the darkest shade (exact values in the table).").format(
            cap=theme.fmt_number(cap, meta["measure"], language()))
    sources = [meta["source_id"]] + (["org_membership"] if org else [])
    note = direction + " " + _("Countries without a value are left grey. Small states (e.g. Singapore, Bahrain, "
                               "Malta) are too small for this world map: see the table.")
    if org:
        note += " " + _("Members and associates of {org}.").format(org=ui.md_escape(org))
    ui.caption(sources, unit=unit, note=note)

    table = df[["country", "iso3", "value", "year", "publisher"]].rename(columns={
        "country": _("Country"), "iso3": "ISO3", "value": _("Value ({unit})").format(unit=unit),
        "year": _("Year"), "publisher": _("Source")})
    st.dataframe(table, hide_index=True, width="stretch", key="map_table",
                 column_config={_("Year"): st.column_config.NumberColumn(format="%d"),
                                table.columns[2]: st.column_config.NumberColumn(
                                    format=pickers.number_format(meta["measure"]))})
    ui.download_csv(table, f"map_{ind_id}_{year}.csv", label=_("Download these data (CSV)"), key="map_csv")
    st.caption(_("Click a column header to sort; the values are as published (the map's hover rounds them)."))
