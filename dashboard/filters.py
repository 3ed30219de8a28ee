"""The URL, parsed once per run into typed, frozen filters (no Streamlit import).

`parse(page, raw, q)` takes a page's path, its raw parameters (name -> list of strings: the URL, or the values
the viewer just picked in the page's widgets) and the questions to check them against, and returns the page's
filters (defaults where a value is missing or invalid) with a notice for every invalid value that came from a
link. The frame (dashboard/frame.py) writes the filters back to the URL and to the widgets; views, slides and
the export read nothing else. Parameters are declared in dashboard/registry.py.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from . import registry as reg
from .filter_types import (  # noqa: F401  (the pages' filters, re-exported: filters.Trends, ...)
    Architecture,
    Body,
    Catalogue,
    Country,
    Data,
    Filters,
    Goals,
    Indicator,
    Map,
    Operations,
    Overview,
    Rankings,
    Selection,
    Shared,
    Since,
    Sources,
    Table,
    Trends,
)
from .rules import Notice, Raw, Reader, boolean, repeated, subset_of, text, year_range

__all__ = ["Notice", "parse"]


def default_regions(scheme: str, options: Sequence[str]) -> tuple[str, ...]:
    wanted = reg.DEFAULT_REGIONS.get(scheme)
    return tuple(options) if wanted is None else tuple(r for r in wanted if r in options)


def default_years(bounds: tuple[int, int]) -> tuple[int, int]:
    """The app's default years within the data's span: from 2000 (or the first year) to the last year."""
    lo, hi = bounds
    return min(max(reg.DEFAULT_YEARS[0], lo), hi), hi


def clamp_years(years: tuple[int, int], bounds: tuple[int, int]) -> tuple[int, int]:
    """A year range kept within the data's span (a link may ask for years without data)."""
    lo, hi = bounds
    a, b = (min(max(y, lo), hi) for y in years)
    return a, b


def _shared(r: Reader, q) -> tuple[dict, dict]:
    scheme = r.one("scheme", list(reg.SCHEMES), reg.DEFAULT_SCHEME)
    options = q.regions(scheme)
    default = default_regions(scheme, options)
    regions = r.get("regions", subset_of(options))
    years = r.get("years", year_range(reg.YEAR_MIN, reg.YEAR_MAX))
    bounds = q.year_bounds()
    default_span = default_years(bounds)
    span = clamp_years((int(years[0]), int(years[1])), bounds) if years else default_span
    return (dict(scheme=scheme, regions=default if regions is None else tuple(regions), years=span),
            {"regions": default, "years": default_span})


def _indicator(r: Reader, q) -> dict:
    """indicator, goal, sex and age: a `goal` alone opens the goal's first indicator."""
    choices = q.indicator_choices()
    goal_of = dict(zip(choices["indicator_id"], choices["goal_key"]))
    first = dict(zip(choices["goal_key"][::-1], choices["indicator_id"][::-1]))
    ind = r.one("indicator", list(goal_of), None)
    goal = r.one("goal", list(first), None)
    if goal is not None and goal_of.get(ind) != goal:
        ind = first[goal]
    if ind is None:
        ind = reg.DEFAULT_INDICATOR if reg.DEFAULT_INDICATOR in goal_of else choices["indicator_id"].iloc[0]
    sex, age = "Total", "Total"
    if bool(q.indicator(ind)["has_breakdown"]):
        pairs = q.breakdowns(ind)
        sex = r.one("sex", list(dict.fromkeys(pairs["sex"])), "Total")
        age = r.one("age", list(dict.fromkeys(pairs.loc[pairs["sex"] == sex, "age"])), "Total")
    else:                                    # no breakdown: a sex or age in a link is reported, then ignored
        r.one("sex", [], None), r.one("age", [], None)
    return dict(indicator=ind, goal=goal_of[ind], sex=sex, age=age)


def _countries(r: Reader, q) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The countries drawn beside the regions: their English names (as in the URL) and their codes."""
    names = q.countries()
    iso3_of = dict(zip(names["name"], names["iso3"]))
    countries = tuple(r.get("countries", subset_of(list(iso3_of))) or ())
    return countries, tuple(iso3_of[c] for c in countries)


def _series(q, common: dict, ind: dict, iso3: tuple[str, ...]):
    """The region and country values a Trends or Table view shows (no regions for a series that has none)."""
    regions = () if q.indicator(ind["indicator"])["aggregation"] == "none" else common["regions"]
    return q.trend_series(ind["indicator"], common["scheme"], regions, iso3, *common["years"], ind["sex"],
                          ind["age"])


def _trends(r: Reader, q) -> Trends:
    common, defaults = _shared(r, q)
    ind = _indicator(r, q)
    countries, iso3 = _countries(r, q)
    df = _series(q, common, ind, iso3)
    index = r.one("index", ["0", *(str(y) for y in sorted(set(df["year"])))], "0")
    log = r.get("log", boolean)
    every = r.get("every_year", boolean)
    return Trends(**common, **ind, countries=countries, iso3=iso3,
                  view=r.one("view", reg.VIEWS, "chart"), index=int(index), log=bool(log and log[0] == "true"),
                  estimate=r.one("estimate", reg.ESTIMATES, "publisher"),
                  every_year=bool(every and every[0] == "true"), defaults=tuple(defaults.items()))


def _year(r: Reader, q, ind: dict) -> tuple[int | None, int | None]:
    """The year of a map or ranking, and its default: the latest adequately covered year."""
    years = q.indicator_years(ind["indicator"])
    default = q.default_map_year(ind["indicator"], ind["sex"], ind["age"]) or (years[-1] if years else None)
    year = r.one("year", years, default)
    return (None if year is None else int(year)), default


def _map(r: Reader, q) -> Map:
    ind = _indicator(r, q)
    year, default = _year(r, q, ind)
    return Map(**ind, year=year, org=r.one("org", q.organization_names(), None), defaults=(("year", default),))


def _rankings(r: Reader, q) -> Rankings:
    ind = _indicator(r, q)
    year, default = _year(r, q, ind)
    return Rankings(**ind, year=year, iso3=r.one("iso3", q.countries()["iso3"].tolist(), None),
                    defaults=(("year", default),))


def _table(r: Reader, q) -> Table:
    common, defaults = _shared(r, q)
    ind = _indicator(r, q)
    countries, iso3 = _countries(r, q)
    df = _series(q, common, ind, iso3)
    shown = sorted(set(int(y) for y in df["year"]))
    adequate = q.default_map_year(ind["indicator"], ind["sex"], ind["age"])      # the latest well covered year
    last = max([y for y in shown if adequate is None or y <= adequate] or shown[-1:] or [0])
    default = (shown[0], last) if len(shown) > 1 and shown[0] < last else None
    chosen = r.get("compare", year_range(reg.YEAR_MIN, reg.YEAR_MAX))
    compare = default
    if chosen and all(int(y) in shown for y in chosen) and int(chosen[0]) < int(chosen[1]):
        compare = (int(chosen[0]), int(chosen[1]))
    defaults.update(compare=default)
    return Table(**common, **ind, countries=countries, iso3=iso3, compare=compare,
                 defaults=tuple(defaults.items()))


def _country(r: Reader, q) -> Country:
    """The country, and the indicator of its chart: one the country reports (the app's default where it does,
    else its first), so that a carried indicator the country lacks falls back silently."""
    iso3 = r.one("iso3", q.countries()["iso3"].tolist(), None)
    if iso3 is None:
        return Country()
    choices = q.indicator_choices()
    reported = set(q.country_profile(iso3)["indicator_id"])
    options = [i for i, t in zip(choices["indicator_id"], choices["technical"]) if i in reported and not t]
    default = reg.DEFAULT_INDICATOR if reg.DEFAULT_INDICATOR in options else (options[0] if options else
                                                                               reg.DEFAULT_INDICATOR)
    return Country(iso3=iso3, indicator=r.one("indicator", options, default), defaults=(("indicator", default),))


def _since(r: Reader, q) -> Since:
    meetings = q.dialogue_meetings()
    dated = meetings[meetings["start_date"].notna()]
    default = q.default_meeting()
    return Since(meeting=r.one("meeting", dated["edition"].tolist(), default), defaults=(("meeting", default),))


def _catalogue(r: Reader, q) -> Catalogue:
    return Catalogue(q=(r.get("q", text()) or [""])[0], goal=r.one("goal", q.goals()["goal_id"].tolist(), None))


def _operations(r: Reader, q) -> Operations:
    common, defaults = _shared(r, q)
    goal = r.one("goal", q.goals()["goal_id"].tolist(), None)
    area = tuple(r.get("area", subset_of(q.operation_areas())) or ())
    text_ = (r.get("q", text()) or [""])[0]
    f = Operations(**common, q=text_, goal=goal, area=area)
    ops = q.operations_filtered(goal, area, f.scheme, f.region_filter(q.regions(f.scheme)), *f.years, f.terms())
    offered = ops["operation_id"].tolist()
    op_default = tuple(p for p in reg.PRESET_OPERATIONS if p in offered)
    chosen = r.get("op", subset_of(q.operations()["operation_id"].tolist()))
    op = op_default if chosen is None else tuple(o for o in chosen if o in offered)
    results = q.operation_results_for(offered) if offered else None
    counts = results["metric"].value_counts() if results is not None else {}
    metrics = sorted(counts.index, key=lambda m: (-counts[m], m)) if len(counts) else []
    m_default = next((m for m in reg.DEFAULT_METRICS if m in metrics), metrics[0] if metrics else None)
    metric = r.one("metric", sorted(set(q.operation_results()["metric"])), m_default)
    metric = metric if metric in metrics else m_default
    defaults.update(op=op_default, metric=m_default)
    return Operations(**common, q=text_, goal=goal, area=area, op=op, metric=metric,
                      defaults=tuple(defaults.items()))


def _goals(r: Reader, q) -> Goals:
    ids = q.goals()["goal_id"].tolist()
    return Goals(goal=r.one("goal", ids, ids[0] if ids else "GPG1"), defaults=(("goal", ids[0] if ids else None),))


PARSERS: dict[str, Callable[[Reader, object], Filters]] = {
    "overview": lambda r, q: Overview(),
    "since": _since,
    "trends": _trends,
    "map": _map,
    "table": _table,
    "sources": lambda r, q: Sources(**_indicator(r, q)),
    "rankings": _rankings,
    "country": lambda r, q: _country(r, q),
    "body": lambda r, q: Body(org=r.one("org", q.organizations()["name"].tolist(), None)),
    "indicators": _catalogue,
    "operations": _operations,
    "goals": lambda r, q: _goals(r, q),
    "architecture": lambda r, q: Architecture(org=r.one("org", q.organizations()["name"].tolist(), None)),
    "data": lambda r, q: Data(table=r.one("table", reg.TABLES, "sources")),
}


def parse(page: str, raw: Raw, q, from_link: Callable[[str], bool] = lambda name: True
          ) -> tuple[Filters, list[Notice]]:
    """The filters of `page` from raw parameters, and a notice per invalid value that came from a link."""
    reader = Reader(raw, from_link)
    notices = [n for n in repeated(raw) if from_link(n.param)]
    filters = PARSERS[page](reader, q)
    return filters, notices + reader.notices
