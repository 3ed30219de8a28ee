"""The Overview's small multiples: the headline trend indicator by UN region (dashboard/headlines.toml)."""
from __future__ import annotations

import functools
import tomllib

from ..charts.lines import small_multiples
from ..i18n import _, region_name, unit_label
from ..settings import REPO
from . import caveats, labels
from .base import Panel

HEADLINES = REPO / "dashboard" / "headlines.toml"


@functools.lru_cache(maxsize=1)
def headlines() -> dict:
    """The Overview's tiles and small multiples, as configured in dashboard/headlines.toml."""
    return tomllib.loads(HEADLINES.read_text(encoding="utf-8"))


def overview_multiples(f, lang: str, q) -> Panel:
    cfg = headlines()["overview"]
    panel = Panel("overview_multiples")
    meta = q.indicator(cfg["trend_indicator"])
    if meta is None:
        panel.empty = (_("No regional values for this indicator yet."), None)
        return panel
    regions = q.regions(cfg["trend_scheme"])
    df = q.region_series(cfg["trend_indicator"], cfg["trend_scheme"], regions, cfg["trend_from"], 2100)
    if df.empty:
        panel.empty = (_("No regional values for this indicator yet."), None)
        return panel
    unit = unit_label(meta["unit"])
    panel.figure = small_multiples(df, facet_col="region", title=_("{name}, {unit}").format(
        name=_(meta["name"]), unit=unit), y_title=unit, measure=meta["measure"], labels=labels.coverage(lang),
        display={r: region_name(r) for r in regions}, locale=lang)
    panel.sources = (meta["source_id"], "population_worldbank")
    panel.caveats = caveats.for_selection(q, lang, cfg["trend_indicator"], cfg["trend_scheme"], regions,
                                          year_from=int(df["year"].min()), year_to=int(df["year"].max()),
                                          kinds=("reporting_countries",))
    panel.years = (int(df["year"].min()), int(df["year"].max()))
    panel.unit = unit
    panel.notes = (_("Population-weighted mean of reporting countries. Open markers: fewer than half of the "
                     "region's population covered that year."),)
    return panel


BUILDERS = {"overview_multiples": overview_multiples}
