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
    """The default Trends view on the warehouse in data_dir (read-only; no Streamlit involved)."""
    import duckdb

    con = duckdb.connect(str((Path(data_dir) / "warehouse.duckdb").resolve()), read_only=True)
    try:
        ids = {r[0] for r in con.execute("SELECT indicator_id FROM indicators").fetchall()}
        if DEFAULT_INDICATOR in ids:
            indicator = DEFAULT_INDICATOR
        else:
            indicator = con.execute("""
                SELECT i.indicator_id FROM indicators i
                JOIN (SELECT indicator_id, count(*) AS n FROM indicator_values GROUP BY ALL) c USING (indicator_id)
                WHERE i.aggregation = 'population_weighted_mean'
                ORDER BY c.n DESC, i.indicator_id LIMIT 1""").fetchall()[0][0]
        regions = tuple(r[0] for r in con.execute(
            "SELECT DISTINCT region FROM region_members WHERE scheme = ? ORDER BY region", [SCHEME]).fetchall())
        source_file = con.execute("""SELECT s.file FROM indicators i JOIN sources s USING (source_id)
                                     WHERE i.indicator_id = ?""", [indicator]).fetchall()[0][0]
    finally:
        con.close()
    return TrendsView(indicator=indicator, regions=regions, source_file=source_file)
