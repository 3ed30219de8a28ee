"""The Map: one indicator by country for one year, optionally only one Dialogue body's members."""
from __future__ import annotations

from ..charts.maps import colour_cap, country_map
from ..filters import Map
from ..i18n import _, country_name
from ..text import md_escape
from ..theme import fmt_number
from . import labels
from .base import Panel
from .trends import breakdown_text


def map_chart(f: Map, lang: str, q) -> Panel:
    meta = q.indicator(f.indicator)
    name, breakdown = _(meta["name"]), breakdown_text(f.sex, f.age)
    panel = Panel("map_chart", extra={"measure": meta["measure"], "csv_name": f"map_{f.indicator}_{f.year}.csv"})
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
    cap = colour_cap(df["value"])
    panel.figure = country_map(df, title=title, colorbar_title=unit, unit=unit, measure=meta["measure"],
                               higher_is_worse=meta["direction"] == "worse", labels=labels.coverage(lang),
                               locale=lang, range_color=(min(0.0, float(df["value"].min())), cap) if cap else None,
                               zoom_to_data=bool(f.org))
    members = len(q.organization_members(f.org)) if f.org else None
    panel.extra["count"] = (_("{n} of {total} {org} countries have a value for {year}.").format(
        n=len(df), total=members, org=md_escape(f.org), year=f.year) if f.org else
        _("{n} countries have a value for {year}.").format(n=len(df), year=f.year))
    direction = {"worse": _("Darker red: a higher value, which is worse for this indicator."),
                 "better": _("Darker blue: a higher value (for this indicator a higher value is not worse)."),
                 }.get(meta["direction"], _("Darker blue: a higher value. For this indicator a higher value is "
                                            "neither better nor worse: it measures detection and enforcement, or "
                                            "it is a technical series."))
    if cap:
        direction += " " + _("The colours top out at {cap} so that a few very high values do not wash out the "
                             "rest: those countries take the darkest shade (exact values in the table).").format(
            cap=fmt_number(cap, meta["measure"], lang))
    note = direction + " " + _("Countries without a value are left grey. Small states (e.g. Singapore, Bahrain, "
                               "Malta) are too small for this world map: see the table.")
    if f.org:
        note += " " + _("Members and associates of {org}.").format(org=md_escape(f.org))
    panel.sources = (meta["source_id"], *(["org_membership"] if f.org else []))
    panel.unit, panel.notes, panel.years = unit, (note,), (int(f.year), int(f.year))
    panel.table = df[["country", "iso3", "value", "year", "publisher"]].rename(columns={
        "country": _("Country"), "iso3": "ISO3", "value": _("Value ({unit})").format(unit=unit),
        "year": _("Year"), "publisher": _("Source")})
    panel.extra["value_column"] = panel.table.columns[2]
    return panel


BUILDERS = {"map_chart": map_chart}
