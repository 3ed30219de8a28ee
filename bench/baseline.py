"""The naive baseline: the Trends default view computed the way a first Streamlit script would, with pandas
reading the raw CSVs on every rerun, against what the app does (cached, parameterised DuckDB queries over the
precomputed region_values table).

Naive rerun: pd.read_csv of the raw file holding the indicator and of the population file, the country ->
UN region lookup built again (etl.countries, uncached), then filter, join and group: a population-weighted
mean per region and year over the countries that reported a value and have a population that year, the same
rule as the warehouse's region_values. Ours: the question functions the Trends page calls (the page's list from
query_bench.page_questions), with a warm connection and an empty data cache; and again with a warm cache.
`naive_trends` is also a correctness check: its numbers must equal data.region_series for the view.
"""
from __future__ import annotations

import time
from pathlib import Path

import pandas as pd

from .common import Row, log
from .views import TrendsView, trends_view

TARGET_SPEEDUP = 10.0
TARGET_SIZE = "10m"
POPULATION_FILE = "population.csv"        # the World Bank's long CSV: Country Name, Country Code, Year, Value


def _read_values(path: Path, indicator: str) -> pd.DataFrame:
    """iso3, year, value (and sex, age where the file has them) of one indicator in a raw file: the tidy layout
    (synthetic data), or an OWID grapher CSV (the bundled homicide rate), whose codes and names are resolved
    the way the ETL resolves them (OWID_KOS is Kosovo; aggregates and sub-national units are no country)."""
    from etl import countries

    df = pd.read_csv(path)
    if "indicator_id" in df.columns:
        return df[df["indicator_id"] == indicator]
    value_col = next(c for c in df.columns if c not in ("Entity", "Code", "Year") and "region" not in c.lower())
    df = df.assign(Code=df["Code"].fillna(""), Entity=df["Entity"].fillna(""))
    places = {pair: countries.resolve(*pair).iso3 for pair in set(zip(df["Code"], df["Entity"]))}
    return pd.DataFrame({"iso3": [places[p] for p in zip(df["Code"], df["Entity"])], "year": df["Year"],
                         "value": df[value_col]}).dropna(subset=["iso3"])


def naive_trends(raw: Path, view: TrendsView) -> pd.DataFrame:
    """Columns region, year, value, countries_reporting: one rerun of the naive Trends script."""
    from etl import countries

    if view.scheme != "un_region":
        raise ValueError("the naive baseline knows the UN regions only")
    v = _read_values(raw / view.source_file, view.indicator)
    pop = pd.read_csv(raw / POPULATION_FILE).rename(columns={"Country Code": "iso3", "Year": "year", "Value": "value"})
    lookup = countries.reference.__wrapped__()[["iso3", "un_region"]]       # rebuilt every rerun, as naive code does

    for col, wanted in (("sex", view.sex), ("age", view.age)):
        if col in v.columns:
            v = v[v[col] == wanted]
        elif wanted != "Total":          # a file without the column holds totals only
            v = v.iloc[:0]
    v = v[pd.to_numeric(v["year"], errors="coerce").between(view.year_from, view.year_to)]
    v = v.assign(year=pd.to_numeric(v["year"]).astype(int))
    v = v.assign(value=pd.to_numeric(v["value"], errors="coerce")).dropna(subset=["value"])
    p = pop.assign(pop=pd.to_numeric(pop["value"], errors="coerce")).dropna(subset=["pop"])[["iso3", "year", "pop"]]
    m = v[["iso3", "year", "value"]].merge(p, on=["iso3", "year"]).merge(lookup, on="iso3")
    m = m[m["un_region"].isin(view.regions)]
    m["weighted"] = m["value"] * m["pop"]
    g = m.groupby(["un_region", "year"], as_index=False).agg(weighted=("weighted", "sum"), pop=("pop", "sum"),
                                                              countries_reporting=("iso3", "count"))
    g["value"] = g["weighted"] / g["pop"]
    out = g.rename(columns={"un_region": "region"})[["region", "year", "value", "countries_reporting"]]
    return out.sort_values(["region", "year"], ignore_index=True)


def ours_trends(session, view: TrendsView) -> pd.DataFrame:
    """The app's answer for the same view (the region_series question), in the naive frame's shape."""
    df = session.q.region_series(view.indicator, view.scheme, list(view.regions), view.year_from, view.year_to,
                                    view.sex, view.age)
    return df[["region", "year", "value", "countries_reporting"]].sort_values(["region", "year"], ignore_index=True)


def compare(naive: pd.DataFrame, ours: pd.DataFrame, rel: float = 1e-9) -> list[str]:
    """Differences between the two answers (empty when they agree within `rel`)."""
    problems = []
    a = naive.set_index(["region", "year"])
    b = ours.set_index(["region", "year"])
    if set(a.index) != set(b.index):
        only_a, only_b = sorted(set(a.index) - set(b.index)), sorted(set(b.index) - set(a.index))
        problems.append(f"different (region, year) pairs: naive only {only_a[:5]}, ours only {only_b[:5]}")
    common = a.index.intersection(b.index)
    va, vb = a.loc[common, "value"].astype(float), b.loc[common, "value"].astype(float)
    off = ((va - vb).abs() > rel * vb.abs().clip(lower=1e-300))
    if off.any():
        k = off.idxmax()
        problems.append(f"{int(off.sum())} values differ beyond {rel:g} relative, e.g. {k}: {va[k]!r} vs {vb[k]!r}")
    n_off = a.loc[common, "countries_reporting"].astype(int) != b.loc[common, "countries_reporting"].astype(int)
    if n_off.any():
        problems.append(f"{int(n_off.sum())} countries_reporting counts differ")
    return problems


def bench(size: str, data_dir: Path, runs: int) -> list[Row]:
    from .query_bench import Session, page_queries

    view = trends_view(data_dir)
    raw = Path(data_dir) / "raw"
    naive_s = []
    for i in range(runs):
        t0 = time.perf_counter()
        naive = naive_trends(raw, view)
        naive_s.append(time.perf_counter() - t0)
        log(f"[baseline] {size} naive rerun {i + 1}/{runs}: {naive_s[-1]:.2f} s")
    with Session(data_dir) as s:
        v = view
        # the default view draws regions only (no countries picked)
        s.args["trend_series"] = (v.indicator, v.scheme, list(v.regions), [], v.year_from, v.year_to, v.sex, v.age)
        queries = page_queries(s)["trends"]                     # also warms the connection
        cold = [s.replay(queries) for _ in range(runs)]         # uncached each time
        warm = [s.replay(queries, warm=True) for _ in range(runs)]
        series = [s.call("trend_series")[0] for _ in range(runs)]
        problems = compare(naive, ours_trends(s, view))
    if problems:
        raise RuntimeError(f"the naive baseline disagrees with the app on {view}: " + "; ".join(problems))
    at_target = size == TARGET_SIZE
    speedup = [n / o for n, o in zip(naive_s, cold)]
    note = f"{view.indicator} by UN region, {view.year_from}-{view.year_to}"
    return [
        Row("baseline", "naive Trends rerun: pandas reads raw CSVs and groups", size, "s", naive_s, note=note),
        Row("baseline", "ours: the Trends page's queries, empty cache", size, "ms", [c * 1000 for c in cold]),
        Row("baseline", "ours: the Trends page's queries, warm cache", size, "ms", [w * 1000 for w in warm]),
        Row("baseline", "ours: the chart's series alone (data.trend_series), empty cache", size, "ms",
            [t * 1000 for t in series]),
        Row("baseline", "ours / baseline (time ratio)", size, "ratio", [o / n for n, o in zip(naive_s, cold)],
            1 / TARGET_SPEEDUP if at_target else None),
        Row("baseline", "speed-up: baseline / ours", size, "x", speedup, TARGET_SPEEDUP if at_target else None,
            op=">="),
    ]
