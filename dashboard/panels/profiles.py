"""Profiles: a Dialogue body's members on a map; a country beside its UN subregion and the world. These charts
need a body or a country, so they are not among the registry's slide-able charts: `build` draws them for their
pages, in the viewer's language."""
from __future__ import annotations

import pandas as pd

from .. import i18n
from ..charts.lines import trend_chart
from ..charts.maps import membership_map
from ..filters import Body, Country
from ..i18n import _, country_name, region_name
from ..text import md_escape
from ..theme import fmt_change, fmt_number
from . import caveats, labels
from .architecture import MEMBERSHIP
from .base import Panel

TYPES = ("member", "associate", "partner", "observer")         # membership types (data texts, translated)


def body_map(f: Body, lang: str, q) -> Panel:
    panel = Panel("body_map", sources=MEMBERSHIP, unit=_("countries"))
    if not f.org:
        panel.empty = (_("Pick a Dialogue body to see its members."), None)
        return panel
    members = q.org_members(f.org)
    if members.empty:
        panel.empty = (_("{org} has no member countries in the data.").format(org=md_escape(f.org)),
                       _("UNODC is a UN office, not a membership body."))
        return panel
    members = members.assign(country=[country_name(i, fallback=c) for i, c in zip(members["iso3"],
                                                                                    members["country"])])
    title = _("{org}: member countries").format(org=f.org)
    panel.figure = membership_map(members, title=title, type_labels={k: _(k) for k in TYPES})
    panel.notes = (_("Darkest: members; lighter: associates, partners and observers (only members and associates "
                     "count as coverage)."),)
    panel.extra.update(members=members, title=title)
    return panel


def country_chart(f: Country, lang: str, q) -> Panel:
    panel = Panel("country_chart", extra={"csv_name": f"country_{f.iso3}_{f.indicator}.csv"})
    if not f.iso3:
        panel.empty = (_("Pick a country to see its profile."), None)
        return panel
    meta = q.indicator(f.indicator)
    place = q.countries().set_index("iso3").loc[f.iso3]
    name = country_name(f.iso3, fallback=place["name"])
    lines = q.trend_series(f.indicator, "world", ("World",), (f.iso3,), 1900, 2100)
    if lines[lines["kind"] == "country"].empty:
        panel.empty = (_("{country} has no value for {indicator}.").format(
            country=md_escape(name), indicator=md_escape(_(meta["name"]))), _("Pick another indicator."))
        return panel
    sub = q.trend_series(f.indicator, "un_subregion", (place["un_subregion"],), (), 1900, 2100)
    df = pd.concat([lines, sub], ignore_index=True)
    first = int(lines.loc[lines["kind"] == "country", "year"].min())
    df = df[df["year"] >= first]
    unit = _(meta["unit"])
    shown = {place["name"]: name, "World": region_name("World"),
             place["un_subregion"]: region_name(place["un_subregion"])}
    title = _("{name}: {country} beside {subregion} and the world ({unit})").format(
        name=_(meta["name"]), country=name, subregion=shown[place["un_subregion"]], unit=unit)
    panel.figure = trend_chart(df, title=title, y_title=unit, measure=meta["measure"],
                               labels=labels.coverage(lang), locale=lang, names=shown)
    panel.sources = (meta["source_id"], *(["population_worldbank"] if meta["aggregation"] ==
                                          "population_weighted_mean" else []))
    panel.unit = unit
    panel.data_years = (int(df["year"].min()), int(df["year"].max()))
    panel.caveats = caveats.for_selection(q, lang, f.indicator, "un_subregion", (place["un_subregion"],),
                                          (f.iso3,), *panel.data_years)
    panel.notes = (_("Dotted line: the country; solid lines: its UN subregion and the world, aggregated over the "
                     "countries that reported each year (open markers: thin coverage)."),)
    panel.extra.update(meta=meta, title=title, measure=meta["measure"], data=df.assign(
        series=df["series"].map(lambda s: shown.get(s, s)), series_type=df["kind"])[
        ["series", "series_type", "year", "value", "countries_reporting", "countries_total",
         "population_covered_share"]])
    return panel


BUILDERS = {"body_map": body_map, "country_chart": country_chart}


def build(key: str, filters, lang: str, q) -> Panel:
    """A profile's chart `key` for these filters, in `lang` (as panels.build does for the registered charts)."""
    with i18n.use_language(lang):
        return BUILDERS[key](filters, lang, q)


def row_caveats(caveats: pd.DataFrame, indicator_id: str, source_id: str, year_from: int, year_to: int
                ) -> pd.DataFrame:
    """The caveats (rows of country_caveats) that apply to one indicator's values between two years: about the
    indicator or its source as a whole, with years overlapping (or none)."""
    if caveats.empty:
        return caveats
    about = (caveats["indicator_id"] == indicator_id) | (caveats["indicator_id"].isna()
                                                         & (caveats["source_id"] == source_id))
    years = (caveats["year_from"].isna() | (caveats["year_from"] <= year_to)) & (
        caveats["year_to"].isna() | (caveats["year_to"] >= year_from))
    return caveats[about & years.fillna(True)]


def regional_cell(value, kind, reporting, total, adequate, measure, lang: str, labels: dict) -> str:
    """A region's value in a profile: the publisher's estimate named as such, else the reporting countries'
    aggregate with how many of the region's countries reported (and 'thin' below adequate coverage)."""
    if value is None or pd.isna(value):
        return "–"
    text = fmt_number(value, measure, lang)
    if kind == "publisher_estimate":
        return f"{text} ({labels['estimate']})"
    text += f" ({int(reporting)}/{int(total)})"
    return text + (f" {labels['thin']}" if adequate is not None and not pd.isna(adequate) and not adequate else "")


def regional_change(prev_year, lfl_prev, lfl_value, both, kind, measure, lang: str, labels: dict) -> str:
    """The region's like-for-like change from its previous reported year (the ETL's values): on the countries
    reporting in both years, or between the publisher's own estimates."""
    if prev_year is None or pd.isna(prev_year) or pd.isna(lfl_prev) or pd.isna(lfl_value):
        return "–"
    text = labels["since"].format(change=fmt_change(lfl_value - lfl_prev, measure, lang), year=int(prev_year))
    if kind != "publisher_estimate" and both is not None and not pd.isna(both):
        text += " " + i18n.n_("on {n} country", "on {n} countries", int(both)).format(n=int(both))
    return text
