"""The Sources view of one indicator: how many countries report it each year, by source."""
from __future__ import annotations

from ..charts.bars import coverage_bars
from ..filters import Indicator
from ..i18n import _
from ..panels.base import short_name
from . import caveats
from .base import Panel
from .trends import breakdown_text


def sources_coverage(f: Indicator, lang: str, q) -> Panel:
    meta = q.indicator(f.indicator)
    name, breakdown = _(meta["name"]), breakdown_text(f.sex, f.age)
    panel = Panel("sources_coverage", unit=_("countries with a value"),
                  extra={"meta": meta, "csv_name": f"coverage_{f.indicator}.csv", "measure": "count"})
    counts = q.indicator_source_year_counts(f.indicator, f.sex, f.age)
    if counts.empty:
        panel.empty = (_("No country values for {name}{breakdown}.").format(name=name, breakdown=breakdown), None)
        return panel
    srcs = q.indicator_sources(f.indicator)
    names = {s: short_name(t) for s, t in zip(srcs["source_id"], srcs["title"])}
    preferred = srcs.loc[srcs["preferred"].astype(bool), "source_id"]
    title = _("{name}{breakdown}: countries reporting each year").format(name=name, breakdown=breakdown)
    panel.figure = coverage_bars(counts, title=title, y_title=_("countries with a value"), names=names,
                                 preferred=set(preferred),
                                 labels={"year": _("Year")}, locale=lang)
    panel.sources = tuple(counts["source_id"].unique())
    panel.caveats = caveats.for_selection(q, lang, f.indicator, "world", ("World",), ())
    panel.data_years = (int(counts["year"].min()), int(counts["year"].max()))
    panel.notes = (_("Solid bars: the preferred source, whose values the other views use; outlined bars: other "
                     "editions of the same indicator, kept for comparison.") + " " + _(
        "Where two preferred editions give the same country and year, the more recently retrieved one is used."),
    ) if len(names) > 1 else ()
    data = counts.rename(columns={"countries": "value"}).assign(sex=f.sex, age=f.age)
    panel.extra.update(title=title, data=data[["source_id", "sex", "age", "year", "value"]])
    panel.unit = _("countries with a value")
    return panel


BUILDERS = {"sources_coverage": sources_coverage}
