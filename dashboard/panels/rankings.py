"""Rankings: the countries of one indicator and year, ranked, with where each stands in its region."""
from __future__ import annotations

from ..charts.bars import ranked_bars
from ..filters import Rankings
from ..i18n import _, country_name, region_name
from ..text import md_escape
from ..theme import fmt_share
from . import caveats
from .base import Panel
from .labels import direction
from .trends import breakdown_text

TOP = 25                       # countries drawn (the table lists them all)


def rankings_chart(f: Rankings, lang: str, q) -> Panel:
    meta = q.indicator(f.indicator)
    name, breakdown = _(meta["name"]), breakdown_text(f.sex, f.age)
    unit = _(meta["unit"])
    panel = Panel("rankings_chart", unit=unit, extra={"meta": meta, "measure": meta["measure"],
                                                      "csv_name": f"rankings_{f.indicator}_{f.year}.csv"})
    df = q.rankings(f.indicator, f.year, f.sex, f.age) if f.year is not None else None
    if df is None or df.empty:
        panel.empty = (_("No country values for {name}{breakdown} in {year}.").format(
            name=md_escape(name), breakdown=breakdown, year=f.year if f.year is not None else "–"),
            _("Pick another year or indicator."))
        return panel
    df = df.assign(country=[country_name(i, fallback=c) for i, c in zip(df["iso3"], df["country"])])
    shown = df[(df["rank"] <= TOP) | (df["iso3"] == f.iso3)]
    title = _("{name}{breakdown}, {year}: countries ranked, highest first ({unit})").format(
        name=name, breakdown=breakdown, year=f.year, unit=unit)
    way = direction(meta)
    panel.figure = ranked_bars(shown, title=title, x_title=unit, highlight=f.iso3, measure=meta["measure"],
                               higher_is_worse=True if way == "worse" else (False if way == "better" else None),
                               labels={}, locale=lang)
    world = q.region_value(f.indicator, "world", "World", f.year, f.sex, f.age)
    coverage = _("{n} of {total} countries report a value for {year}.").format(
        n=len(df), total=len(q.countries()), year=f.year)
    if len(world) and world["population_covered_share"].notna().iloc[0]:
        coverage = _("{n} of {total} countries report a value for {year}, holding {share} of the world's "
                     "population.").format(n=len(df), total=int(world["countries_total"].iloc[0]), year=f.year,
                                           share=fmt_share(float(world["population_covered_share"].iloc[0]), lang))
    notes = [coverage]
    if len(df) > TOP:
        notes.append(_("The chart shows the first {top} (and the country you picked); the table lists all "
                       "{n}.").format(top=TOP, n=len(df)))
    if way == "better":
        notes.append(_("For this indicator a higher value is better: the first rank is the best."))
    elif way == "neither":
        notes.append(_("A higher value is neither better nor worse here (detection, enforcement or a technical "
                       "series): a high rank says more about recording than about crime."))
    notes.append(_("Countries that did not report are not ranked: a rank compares only the reporting countries."))
    panel.notes = tuple(notes)
    panel.sources = tuple(sorted(set(df["source_id"])))
    panel.caveats = caveats.for_selection(q, lang, f.indicator, "world", ("World",), (), f.year, f.year,
                                          kinds=("reporting_countries",))
    panel.data_years = (f.year, f.year)
    panel.extra.update(ranked=df, coverage=coverage, title=title, data=df.assign(
        year=f.year, sex=f.sex, age=f.age, un_region=df["un_region"], un_subregion=df["un_subregion"])[
        ["rank", "iso3", "country", "sex", "age", "year", "value", "un_region", "region_rank", "region_reporting",
         "un_subregion", "subregion_rank", "subregion_reporting", "subregion_countries", "reporting"]])
    panel.extra["region_names"] = {r: region_name(r) for r in set(df["un_region"]) | set(df["un_subregion"])
                                   if isinstance(r, str)}
    return panel


BUILDERS = {"rankings_chart": rankings_chart}
