"""The Map: one indicator by country for one year, optionally only one Dialogue body's members."""
from __future__ import annotations

from ..charts.maps import country_map, quantile_bins
from ..filters import Map
from ..i18n import _, country_name, n_
from ..text import md_escape
from . import caveats, labels
from .base import Panel
from .trends import breakdown_text


def map_chart(f: Map, lang: str, q) -> Panel:
    meta = q.indicator(f.indicator)
    name, breakdown = _(meta["name"]), breakdown_text(f.sex, f.age)
    panel = Panel("map_chart", extra={"measure": meta["measure"], "meta": meta,
                                      "csv_name": f"map_{f.indicator}_{f.year}.csv"})
    df = q.map_data(f.indicator, f.year, f.sex, f.age, f.org) if f.year is not None else None
    if df is None or df.empty:
        where = _(" among {org} members").format(org=md_escape(f.org)) if f.org else ""
        panel.empty = (_("No country values for {name}{breakdown} in {year}{where}.").format(
            name=md_escape(name), breakdown=breakdown, year=f.year if f.year is not None else "–", where=where),
            _("Pick another year, indicator or Dialogue body."))
        return panel
    df = df.assign(country=[country_name(i, fallback=c) for i, c in zip(df["iso3"], df["country"])])
    unit = _(meta["unit"])
    title = _("{name}{breakdown}, {year}{where} ({unit})").format(
        name=name, breakdown=breakdown, year=f.year, unit=unit, where=(" — " + f.org) if f.org else "")
    way = labels.direction(meta)
    bins = quantile_bins(df["value"])
    panel.figure = country_map(
        df, title=title, colorbar_title=unit, unit=unit, measure=meta["measure"],
        higher_is_worse={"worse": True, "better": False}.get(way), locale=lang, bins=bins,
        labels={**labels.coverage(lang), "under": _("under {value}"), "or_more": _("{value} or more"),
                "click": _("click: country profile")}, zoom_to_data=bool(f.org))
    members = len(q.organization_members(f.org)) if f.org else None
    panel.extra["count"] = (_("{n} of {total} {org} countries have a value for {year}.").format(
        n=len(df), total=members, org=md_escape(f.org), year=f.year) if f.org else
        n_("{n} country has a value for {year}.", "{n} countries have a value for {year}.", len(df)).format(
            n=len(df), year=f.year))
    shade = {"worse": _("Darker red: a higher value, which is worse for this indicator."),
             "better": _("Darker blue: a higher value, which is better for this indicator."),
             "neither": _("Darker purple: a higher value, neither better nor worse in itself (detection, "
                          "enforcement or a technical series).")}[way]
    if bins:
        shade += " " + _("Colours by class: each class holds about as many countries (quantiles), so that a few "
                         "very high values do not wash out the rest; the top class reads 'or more'. Exact values "
                         "are in the hover and the table.")
    note = shade + " " + _("Countries without a value are left grey. Small states (e.g. Singapore, Bahrain, Malta) "
                           "are too small for this world map: see the table. Click a country to open its profile.")
    if f.org:
        note += " " + _("Members and associates of {org}.").format(org=md_escape(f.org))
    panel.sources = (meta["source_id"], *(["org_membership"] if f.org else []))
    panel.caveats = caveats.for_selection(q, lang, f.indicator, "organization" if f.org else "world",
                                          (f.org,) if f.org else ("World",), (), f.year, f.year,
                                          kinds=("reporting_countries",))
    panel.unit, panel.notes = unit, (note,)
    panel.years = (int(f.year), int(f.year))
    panel.table = df[["country", "iso3", "value", "year", "publisher"]].rename(columns={
        "country": _("Country"), "iso3": "ISO3", "value": _("Value ({unit})").format(unit=unit),
        "year": _("Year"), "publisher": _("Source")})
    panel.extra.update(value_column=panel.table.columns[2], iso3=df["iso3"].tolist(), title=title,
                       data=df.assign(sex=f.sex, age=f.age, body=f.org)[
                           ["iso3", "country", "un_region", "sex", "age", "year", "value", "body"]])
    return panel


BUILDERS = {"map_chart": map_chart}
