"""The views the benchmarks measure, derived from the data they run on.

The Trends default view: one population-weighted rate by UN region over the app's default years, sex and age
Total. On the bundled data that is the app's own default indicator (homicide rate per 100,000); on synthetic
data, which has no homicide series, it is the synthetic population-weighted rate with the most values (the
heaviest such series, with every sex/age breakdown).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from dashboard.registry import DEFAULT_INDICATOR, DEFAULT_SCHEME, DEFAULT_YEARS

SCHEME = DEFAULT_SCHEME
YEARS = DEFAULT_YEARS


@dataclass(frozen=True)
class TrendsView:
    indicator: str
    regions: tuple[str, ...]
    scheme: str = SCHEME
    year_from: int = YEARS[0]
    year_to: int = YEARS[1]
    sex: str = "Total"
    age: str = "Total"
    source_file: str = ""          # raw file holding the indicator (for the naive baseline)

    def url_path(self) -> str:
        """The Trends page address showing this view (app defaults are left out, as the app does)."""
        params = {} if self.indicator == DEFAULT_INDICATOR else {"indicator": self.indicator}
        return "/trends" + (f"?{urlencode(params)}" if params else "")


def trends_view(data_dir: Path) -> TrendsView:
    """The default Trends view on the warehouse in data_dir, asked through the app's own questions on the
    executor (no Streamlit)."""
    from dashboard import db
    from dashboard.questions import Questions

    executor = db.Executor.current(Path(data_dir))
    q = Questions(executor.run, executor.stream)
    ind = q.indicators()
    if DEFAULT_INDICATOR in set(ind["indicator_id"]):
        indicator = DEFAULT_INDICATOR
    else:                   # synthetic data: the population-weighted rate with the most values
        rates = set(ind.loc[ind["aggregation"] == "population_weighted_mean", "indicator_id"])
        counts = executor.run("indicator_value_counts")
        indicator = counts.loc[counts["indicator_id"].isin(rates), "indicator_id"].iloc[0]
    source = q.sources_for([ind.loc[ind["indicator_id"] == indicator, "source_id"].iloc[0]])
    files = q.sources().set_index("source_id")["file"]
    return TrendsView(indicator=indicator, regions=tuple(q.regions(SCHEME)),
                      source_file=files[source["source_id"].iloc[0]])
