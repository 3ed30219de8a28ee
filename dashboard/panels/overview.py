"""The Overview: a headline tile per Global Policing Goal and the small multiples of the headline trend indicator
by UN region (both configured in dashboard/headlines.toml).

A tile holds what leadership reads in 30 seconds: the world's value (the publisher's estimate where the publisher
gives one, else the aggregate of the reporting countries, each labelled for what it is), the year of its data,
a sparkline of about ten years drawn by the one line rule (charts/lines.py: breaks and thin years dashed), the
like-for-like change with the previous reported year (coloured only when the indicator has a direction) and the
caveats that touch it. The page (pages/overview.py) only lays tiles out; the same Tile objects could feed a slide.
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field

import pandas as pd

from .. import theme
from ..charts.lines import cut_to_adequate, signed, small_multiples, sparkline
from ..i18n import _, region_name, unit_label
from ..questions import PUBLISHER, REPORTING
from ..settings import REPO
from ..text import md_escape, missing
from . import caveats, labels
from .base import Panel
from .caveats import Caveat

HEADLINES = REPO / "dashboard" / "headlines.toml"
SPARK_YEARS = 10                   # a tile's sparkline: about ten years up to the tile's data year
NEUTRAL = "gray"                   # a change's colour when it has none (labels.change_color)


@functools.lru_cache(maxsize=1)
def headlines() -> dict:
    """The Overview's tiles and small multiples, as configured in dashboard/headlines.toml."""
    return tomllib.loads(HEADLINES.read_text(encoding="utf-8"))


# -- texts shared by tiles, hovers and exports ------------------------------------------------------------

def change_colour(delta: float | None, direction: str | None) -> str:
    """'green', 'red' or NEUTRAL (labels.change_color): coloured only when the indicator has a direction."""
    return labels.change_color(delta, direction if direction in ("worse", "better") else "neither")


def change_sentence(r, meta, lang: str, world: bool = True) -> str:
    """The like-for-like change into one region_values row, as one sentence with one true sign: '−0.41 on the
    103 countries reporting in 2021 and 2022 (49% of the world's population)'; composites name the components
    compared; a publisher's estimate says whose. '' without a previous year."""
    if missing(r.get("like_for_like_prev")) or missing(r.get("like_for_like_value")) or missing(r.get("prev_year")):
        return ""
    delta = signed(r["like_for_like_value"] - r["like_for_like_prev"], meta["measure"], lang)
    prev, year = int(r["prev_year"]), int(r["year"])
    if r["estimate_kind"] == PUBLISHER:
        return _("{change} from {prev} to {year} in the publisher's own estimates").format(
            change=delta, prev=prev, year=year)
    n = int(r["countries_both"]) if not missing(r.get("countries_both")) else 0
    share = theme.fmt_share(r.get("population_both_share"), lang)
    if not missing(r.get("components_both")):
        return _("{change} on the {n} countries scored in {prev} and {year}, comparing only the {k} components "
                 "scored in both").format(change=delta, n=n, prev=prev, year=year, k=int(r["components_both"]))
    if meta["aggregation"] == "mean":
        return _("{change} on the {n} countries scored in {prev} and {year}").format(
            change=delta, n=n, prev=prev, year=year)
    text = (_("{change} on the {n} countries reporting in {prev} and {year} ({share} of the world's population)")
            if world else _("{change} on the {n} countries reporting in {prev} and {year} ({share} of the region's "
                            "population)"))
    return text.format(change=delta, n=n, prev=prev, year=year, share=share)


def estimate_sentence(r, meta, lang: str, publisher: str = "") -> str:
    """What a value is: the publisher's estimate (which imputes countries that do not report) or the aggregate
    of the reporting countries (which does not), saying how the aggregate weighs them."""
    if r["estimate_kind"] == PUBLISHER:
        text = _("The publisher's own estimate: it imputes the countries that do not report")
        return f"{text} ({publisher})" if publisher else text
    n, share = int(r["countries_reporting"]), theme.fmt_share(r.get("population_covered_share"), lang)
    if meta["aggregation"] == "sum":
        return _("Sum over the {n} reporting countries ({share} of the population); no imputation").format(
            n=n, share=share)
    if meta["aggregation"] == "mean":
        return _("Unweighted mean of {n} countries (each counts the same)").format(n=n)
    return _("Population-weighted mean of the {n} reporting countries ({share} of the population); no "
             "imputation").format(n=n, share=share)


def series_years(cavs: tuple[Caveat, ...]) -> tuple[set[int], set[int]]:
    """(break years, partial years) of a series from its caveats: series breaks, definition changes and missing
    years cut the line where they fall; partial years (last_year) are drawn open and dashed."""
    breaks, partial = set(), set()
    for c in cavs:
        if c.year_from is None or c.iso3:
            continue
        span = range(c.year_from, (c.year_to or c.year_from) + 1)
        if c.kind in ("break", "definition_change", "missing_year"):
            breaks.update(span)
        elif c.kind == "last_year":
            partial.update(span)
    return breaks, partial


# -- tiles -----------------------------------------------------------------------------------------------

@dataclass
class Tile:
    goal_id: str
    goal: str                                   # 'GPG3 · Vulnerable communities' (translated)
    indicator_id: str
    title: str                                  # the indicator's name, in full
    value: str = "–"                            # formatted
    year: int | None = None                     # the year of the data shown
    unit: str = ""
    estimate: str = ""                          # what the value is (publisher's estimate or which aggregate)
    change: str = ""                            # the like-for-like change sentence ('' without one)
    delta: str = ""                             # the change alone, with its one sign (the metric's delta)
    colour: str = NEUTRAL
    coverage: str = ""                          # 'n of N countries reporting' (aggregates)
    alternative: str = ""                       # the reporting countries' aggregate, when the value is the
    #                                             publisher's estimate (one click away)
    figure: object | None = None                # the sparkline
    caveats: tuple[Caveat, ...] = ()
    sources: tuple[str, ...] = ()
    help: str = ""
    empty: str = ""
    extra: dict = field(default_factory=dict)


def _world(q, ind: str, year_from: int, year_to: int, kind: str, series: pd.DataFrame | None) -> pd.DataFrame:
    """The World's values of one kind over the years: from `series` (region_series_many) when the caller asked
    for several indicators at once, else one region_series question."""
    if series is None:
        return q.region_series(ind, "world", ("World",), year_from, year_to, kind=kind)
    rows = series[(series["indicator_id"] == ind) & (series["estimate_kind"] == kind)
                  & series["year"].between(year_from, year_to)]
    return rows.drop(columns="indicator_id").reset_index(drop=True)


def _alternative(q, ind: str, year: int, meta, lang: str, series: pd.DataFrame | None = None) -> str:
    """The reporting countries' aggregate for the same year, with its change: one sentence."""
    df = _world(q, ind, year, year, REPORTING, series)
    if df.empty:
        return _("The reporting countries give no aggregate for {year}.").format(year=year)
    r = df.iloc[0]
    text = _("Aggregate of the {n} reporting countries, {year}: {value} ({share} of the population; no "
             "imputation).").format(n=int(r["countries_reporting"]), year=year,
                                    value=theme.fmt_number(r["value"], meta["measure"], lang),
                                    share=theme.fmt_share(r["population_covered_share"], lang))
    change = change_sentence({**r.to_dict(), "year": year}, meta, lang)
    return text + (" " + change + "." if change else "")


def tile(goal_id: str, indicator_id: str, lang: str, q, goal_name: str = "", head: pd.DataFrame | None = None,
         series: pd.DataFrame | None = None, cavs: pd.DataFrame | None = None) -> Tile:
    """One goal's tile; `head` (its headline() row), `series` (region_series_many's World rows) and `cavs`
    (caveats_for_many's rows) when the caller asked for several tiles at once."""
    meta = q.indicator(indicator_id)
    t = Tile(goal_id=goal_id, goal=f"{goal_id} · {goal_name}" if goal_name else goal_id, indicator_id=indicator_id,
             title=_(meta["name"]) if meta is not None else indicator_id)
    if meta is None:
        t.empty = _("No values for this indicator in the warehouse.")
        return t
    t.unit = unit_label(meta["unit"])
    t.help = _(meta["goal_rationale"]) if isinstance(meta.get("goal_rationale"), str) else ""
    h = q.headline(indicator_id) if head is None else head
    if h.empty:
        t.empty = _("No year with enough coverage.")
        return t
    r = h.iloc[0]
    year, kind = int(r["year"]), r["estimate_kind"]
    t.year, t.value = year, theme.fmt_number(r["value"], meta["measure"], lang)
    publisher = ""
    if kind == PUBLISHER and isinstance(r.get("source_id"), str):
        src = q.sources_for((r["source_id"],))
        publisher = str(src.iloc[0]["publisher"]) if len(src) else ""
    t.estimate = estimate_sentence(r, meta, lang, publisher)
    t.change = change_sentence(r, meta, lang)
    delta = None if not t.change else r["like_for_like_value"] - r["like_for_like_prev"]
    t.delta = "" if delta is None else theme.fmt_change(delta, meta["measure"], lang)
    t.colour = change_colour(delta, meta["direction"])
    if kind == REPORTING:
        t.coverage = _("{n} of {total} countries reporting").format(n=int(r["countries_reporting"]),
                                                                   total=int(r["countries_total"]))
    else:
        t.alternative = _alternative(q, indicator_id, year, meta, lang, series)
    spark = _world(q, indicator_id, year - SPARK_YEARS + 1, year, kind, series)
    # caveats from the sparkline's first year on, later years included (a partial year left out of the tile)
    if cavs is None:
        t.caveats = caveats.for_selection(q, lang, indicator_id, "world", ("World",),
                                          year_from=year - SPARK_YEARS + 1, year_to=2100, kinds=(kind,))
    else:
        t.caveats = caveats.from_many(cavs, lang, indicator_id, year - SPARK_YEARS + 1, 2100, (kind,))
    breaks, partial = series_years(t.caveats)
    if len(spark) > 1:
        t.figure = sparkline(spark, color=theme.color_for("World"), measure=meta["measure"],
                             labels=labels.coverage(lang, q.adequate_coverage()), locale=lang, name=t.title,
                             break_years=breaks, partial_years=partial)
    t.sources = tuple(s for s in (meta["source_id"], r.get("source_id") if kind == PUBLISHER else None,
                                  "population_worldbank" if meta["aggregation"] == "population_weighted_mean"
                                  else None) if isinstance(s, str))
    t.extra = {"row": r, "meta": meta, "delta": delta}
    return t


def overview_tiles(lang: str, q) -> list[Tile]:
    """One tile per goal of dashboard/headlines.toml, in goal order."""
    goals = q.goals(lang)
    short = dict(zip(goals["goal_id"], goals["short_name"]))          # in `lang` where translated
    configs = sorted(headlines()["tile"], key=lambda c: c["goal_id"])
    ids = tuple(dict.fromkeys(c["indicator_id"] for c in configs))
    heads = q.headlines(ids)
    series = q.region_series_many(ids, "world", ("World",))
    cavs = q.caveats_for_many(ids, "world", ("World",))
    out = []
    for cfg in configs:
        name = short.get(cfg["goal_id"], "")
        head = heads[heads["indicator_id"] == cfg["indicator_id"]].reset_index(drop=True)
        out.append(tile(cfg["goal_id"], cfg["indicator_id"], lang, q, _(name) if name else "", head, series,
                        cavs))
    return out


# -- small multiples -------------------------------------------------------------------------------------

def overview_multiples(f, lang: str, q) -> Panel:
    cfg = headlines()["overview"]
    panel = Panel("overview_multiples")
    meta = q.indicator(cfg["trend_indicator"])
    if meta is None:
        panel.empty = (_("No regional values for this indicator yet."), None)
        return panel
    regions = q.regions(cfg["trend_scheme"])
    df = q.trend_series(cfg["trend_indicator"], cfg["trend_scheme"], regions, (), cfg["trend_from"], 2100,
                        prefer=PUBLISHER)
    df, cut = cut_to_adequate(df.rename(columns={"series": "region"}), "region")
    if df.empty:
        panel.empty = (_("No regional values for this indicator yet."), None)
        return panel
    unit = unit_label(meta["unit"])
    kinds = tuple(df["estimate_kind"].dropna().unique())
    y0, y1 = int(df["year"].min()), int(df["year"].max())
    panel.caveats = caveats.for_selection(q, lang, cfg["trend_indicator"], cfg["trend_scheme"], regions,
                                          year_from=y0, year_to=y1, kinds=kinds)
    breaks, partial = series_years(panel.caveats)
    panel.figure = small_multiples(df, facet_col="region", title=_("{name}, {unit}").format(
        name=_(meta["name"]), unit=unit), y_title=unit, measure=meta["measure"],
        labels=labels.coverage(lang, q.adequate_coverage()), display={r: region_name(r) for r in regions},
        locale=lang, break_years=breaks, partial_years=partial)
    sources = [meta["source_id"]]
    if meta["aggregation"] == "population_weighted_mean":
        sources.append("population_worldbank")
    panel.sources = tuple(sources)
    panel.unit = unit
    panel.years = (y0, y1)
    notes = []
    if PUBLISHER in kinds:
        notes.append(_("Each region shows the publisher's own estimate where it gives one (it imputes the "
                       "countries that do not report), else the population-weighted mean of the reporting "
                       "countries (no imputation)."))
    else:
        notes.append(_("Population-weighted mean of reporting countries."))
    notes.append(_("All panels share one scale. Open markers and dashed segments: thin coverage (under {pct} of "
                   "the region's population) or a coverage break, not a trend.").format(
        pct=theme.fmt_share(q.adequate_coverage(), lang)))
    ended = {region_name(k): v for k, v in cut.items() if v is not None}
    if ended:
        notes.append(_("Lines end at their last adequately covered year: {list}.").format(
            list=md_escape(", ".join(f"{k} {v}" for k, v in sorted(ended.items())))))
    panel.notes = tuple(notes)
    return panel


BUILDERS = {"overview_multiples": overview_multiples}


def tile_table(tiles: list[Tile]) -> pd.DataFrame:
    """The tiles as the Overview's download: per goal the indicator, its data year, the value (all digits), which
    estimate it is, the like-for-like values and change, and the caveats, each as text too."""
    rows = []
    for t in tiles:
        r = t.extra.get("row", {})
        get = (lambda k, r=r: None if missing(r.get(k)) else r.get(k)) if len(r) else (lambda k: None)
        rows.append({"goal_id": t.goal_id, "indicator_id": t.indicator_id, "indicator": t.title, "region": "World",
                     "year": t.year, "value": get("value"), "unit": t.unit, "estimate_kind": get("estimate_kind"),
                     "estimate": t.estimate, "prev_year": get("prev_year"),
                     "like_for_like_prev": get("like_for_like_prev"),
                     "like_for_like_value": get("like_for_like_value"), "countries_both": get("countries_both"),
                     "change": t.change, "caveats": "; ".join(c.line for c in t.caveats)})
    return pd.DataFrame(rows)
