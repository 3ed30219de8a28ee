"""Every question the app asks the warehouse, one method each: a named SQL file (dashboard/sql) and its bound
parameters. No Streamlit and no DuckDB here: `ask(name, *params)` runs the query.

- in the app, `dashboard.data.questions` answers through Streamlit's cache (one entry per question,
  parameters and published build);
- the export and the benchmarks use `plain()`: the executor of dashboard/db.py, no cache, no Streamlit.

Lists are passed as tuples (hashable for the cache; the executor binds them as DuckDB lists).

Region values come in two kinds (region_values.estimate_kind): the aggregate of the reporting countries and the
publisher's own estimate. Coverage ("adequate"), breaks and like-for-like values are the ETL's, computed once
with the rules recorded in etl_settings; the app reads them and never recomputes them.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd

from . import db, transforms
from .registry import DEFAULT_INDICATOR, YEAR_MAX, YEAR_MIN

Ask = Callable[..., pd.DataFrame]
REPORTING = "reporting_countries"          # region_values.estimate_kind: the reporting countries' aggregate
PUBLISHER = "publisher_estimate"           # the publisher's own estimate for the region
Stream = Callable[..., Iterator[pd.DataFrame]]


def _t(values) -> tuple:
    return tuple(values or ())


class Questions:
    def __init__(self, ask: Ask, stream: Stream):
        self.ask = ask
        self._stream = stream

    # -- reference ----------------------------------------------------------------------------------------
    def as_of(self) -> str:
        """Date of the ETL run that built the warehouse (YYYY-MM-DD)."""
        df = self.ask("as_of")
        return str(df.iloc[0, 0])[:10] if len(df) and pd.notna(df.iloc[0, 0]) else "unknown"

    def translations(self, lang: str | None = None) -> pd.DataFrame:
        """Translated goal and organization texts, one language or (None) every language."""
        code = lang or "all"
        return self.ask("translations", code, code)

    def goals(self, lang: str = "en") -> pd.DataFrame:
        """The seven goals; short_name, title and description in `lang` where translated."""
        goals = self.ask("goals")
        return goals if lang == "en" else transforms.in_language(goals, self.translations(lang), "goal",
                                                                  "goal_id", lang)

    def organizations(self, lang: str = "en") -> pd.DataFrame:
        """The Dialogue's bodies; full_name in `lang` where translated."""
        orgs = self.ask("organizations")
        return orgs if lang == "en" else transforms.in_language(orgs, self.translations(lang), "organization",
                                                                 "org_id", lang)

    def indicators(self) -> pd.DataFrame:
        """Every indicator with its goal, source and coverage (one row each)."""
        return self.ask("indicators")

    def indicator(self, indicator_id: str) -> pd.Series | None:
        df = self.indicator_choices()
        row = df[df["indicator_id"] == indicator_id]
        return row.iloc[0] if len(row) else None

    def indicator_choices(self) -> pd.DataFrame:
        """Indicators in picker order with goal_key, is_default and name_repeats (see its SQL file)."""
        return self.ask("indicator_choices", DEFAULT_INDICATOR)

    def indicator_catalogue(self) -> pd.DataFrame:
        """Every indicator (indicator_choices: definition, goal, source, licence, years, technical) with how many
        countries report it each year (indicator_coverage.sql); technical series last."""
        coverage = self.ask("indicator_coverage")
        return self.indicator_choices().merge(coverage, on="indicator_id", how="left")

    def countries(self) -> pd.DataFrame:
        return self.ask("countries")

    def regions(self, scheme: str) -> list[str]:
        return self.ask("regions", scheme)["region"].tolist()

    def year_bounds(self) -> tuple[int, int]:
        """First and last year of any crime indicator's values or operation: what year ranges offer."""
        df = self.ask("year_bounds")
        lo, hi = (df.iloc[0, 0], df.iloc[0, 1]) if len(df) else (None, None)
        if pd.isna(lo) or pd.isna(hi):
            return YEAR_MIN, YEAR_MAX
        return int(lo), int(hi)

    def sources(self) -> pd.DataFrame:
        return self.ask("sources")

    def sources_for(self, source_ids) -> pd.DataFrame:
        return self.ask("sources_for", _t(source_ids))

    def indicator_editions(self) -> pd.DataFrame:
        """Indicators given by several sources, one row per source with what it covers (preferred first)."""
        return self.ask("indicator_editions")

    def edition_values(self, indicator_id: str, first: str, second: str) -> pd.DataFrame:
        """One indicator's country values from two sources side by side, with second - first where both."""
        return self.ask("edition_values", indicator_id, first, second)

    # -- indicators by region and country --------------------------------------------------------------------
    def country_profile(self, iso3: str) -> pd.DataFrame:
        """Every indicator a country reports: latest and previous values, recent values, its subregion's and the
        World's value in the same year (see its SQL file)."""
        return self.ask("country_profile", iso3)

    def country_caveats(self, iso3: str) -> pd.DataFrame:
        """Caveats about a country, or about an indicator or a source as a whole (the page matches them to the
        indicators it lists)."""
        return self.ask("country_caveats", iso3)

    def country_memberships(self, iso3: str) -> pd.DataFrame:
        """The Dialogue bodies a country belongs to."""
        return self.ask("country_memberships", iso3)

    def country_operations(self, iso3: str) -> pd.DataFrame:
        """The operations that list a country among their participants, newest first."""
        return self.ask("country_operations", iso3)

    def breakdowns(self, indicator_id: str) -> pd.DataFrame:
        """Distinct (sex, age) pairs available for an indicator (Total first)."""
        return self.ask("breakdowns", indicator_id)

    def region_series(self, indicator_id: str, scheme: str, regions, year_from: int, year_to: int,
                      sex: str = "Total", age: str = "Total", kind: str = REPORTING) -> pd.DataFrame:
        """Region values of one estimate kind (REPORTING or PUBLISHER) with coverage and like-for-like columns."""
        return self.ask("region_series", indicator_id, scheme, _t(regions), year_from, year_to, sex, age, kind)

    def region_series_many(self, indicator_ids, scheme: str, regions, sex: str = "Total",
                           age: str = "Total") -> pd.DataFrame:
        """region_series() for several indicators at once, every year and both estimate kinds (indicator_id
        and estimate_kind say which is which)."""
        return self.ask("region_series_many", _t(indicator_ids), scheme, _t(regions), sex, age)

    def country_series(self, indicator_id: str, iso3s, year_from: int, year_to: int, sex: str = "Total",
                       age: str = "Total") -> pd.DataFrame:
        return self.ask("country_series", indicator_id, _t(iso3s), year_from, year_to, sex, age)

    def trend_series(self, indicator_id: str, scheme: str, regions, iso3s, year_from: int, year_to: int,
                     sex: str = "Total", age: str = "Total", prefer: str = REPORTING) -> pd.DataFrame:
        """Region and country lines of one indicator (series, kind, year, value, estimate_kind, coverage and
        like-for-like columns). Each region shows `prefer`'s kind where it has one (PUBLISHER: the publisher's
        estimate), else the reporting countries' aggregate."""
        return self.ask("trend_series", indicator_id, scheme, _t(regions), _t(iso3s), year_from, year_to, sex,
                        age, prefer)

    def headline(self, indicator_id: str, scheme: str = "world", region: str = "World") -> pd.DataFrame:
        """A tile's value: the latest adequately covered, complete year of a region's value (the publisher's
        estimate where there is one, else the reporting countries'), with its like-for-like comparison."""
        return self.ask("headlines", (indicator_id,), scheme, region)

    def headlines(self, indicator_ids, scheme: str = "world", region: str = "World") -> pd.DataFrame:
        """headline() for several indicators in one query: one row per indicator that has one."""
        return self.ask("headlines", _t(indicator_ids), scheme, region)

    def rankings(self, indicator_id: str, year: int, sex: str = "Total", age: str = "Total") -> pd.DataFrame:
        """Countries ranked by value in one year, with their rank in their UN region and subregion."""
        return self.ask("rankings", indicator_id, year, sex, age)

    def region_value(self, indicator_id: str, scheme: str, region: str, year: int, sex: str = "Total",
                     age: str = "Total") -> pd.DataFrame:
        """One region's value and coverage in one year (no row where the region has none)."""
        return self.ask("region_value", indicator_id, scheme, region, year, sex, age)

    def like_for_like(self, requests, scheme: str, regions, sex: str = "Total", age: str = "Total"
                      ) -> pd.DataFrame:
        """Per (indicator, earlier year, later year) request and region: the change on the same countries in
        both years (see its SQL file). `requests`: (indicator_id, year_from, year_to) tuples."""
        req = tuple(requests)
        return self.ask("like_for_like", tuple(r[0] for r in req), tuple(int(r[1]) for r in req),
                        tuple(int(r[2]) for r in req), scheme, _t(regions), sex, age)

    def adequate_years(self, indicator_ids) -> pd.DataFrame:
        """The World's adequately covered years of each indicator, with their values, coverage and the
        publisher's own World estimate of the year where it gives one."""
        return self.ask("adequate_years", _t(indicator_ids))

    def region_latest(self, indicator_ids, scheme: str, region: str) -> pd.DataFrame:
        """Each indicator's latest adequately covered value for one region (else its latest, thin)."""
        return self.ask("region_latest", _t(indicator_ids), scheme, region)

    def latest_region_values(self, goal_id: str) -> pd.DataFrame:
        """Latest World and UN-region values of every indicator of a goal (see its SQL file)."""
        return self.ask("latest_region_values", goal_id)

    # -- caveats and the ETL's rules --------------------------------------------------------------------------
    def caveats_for(self, indicator_id: str, scheme: str = "world", regions=("World",), iso3s=(),
                    year_from: int = 1900, year_to: int = 2100, kinds=(REPORTING, PUBLISHER)) -> pd.DataFrame:
        """The caveats that apply to a selection: an indicator, regions of a scheme, countries, years and the
        estimate kinds shown (caveats_for.sql says how a caveat's scope matches)."""
        return self.ask("caveats_for", indicator_id, scheme, _t(regions), _t(iso3s), int(year_from), int(year_to),
                        _t(kinds))

    def caveats_for_many(self, indicator_ids, scheme: str = "world", regions=("World",)) -> pd.DataFrame:
        """caveats_for() for several indicators at once, every year and estimate kind (for_indicator says which
        indicator a row applies to; the caller keeps the years and kinds it shows)."""
        return self.ask("caveats_for_many", _t(indicator_ids), scheme, _t(regions))

    def caveats(self) -> pd.DataFrame:
        """Every caveat, the sources' own and the outliers the ETL detected (the Data page)."""
        return self.ask("caveats")

    def etl_settings(self) -> dict[str, float]:
        """The ETL's documented rules: adequate_coverage, coverage_break and the outlier rules."""
        df = self.ask("etl_settings")
        return dict(zip(df["name"], df["value"].astype(float)))

    def adequate_coverage(self) -> float:
        """The share of a region's population its reporting countries must hold for its value to count as
        adequately covered (the ETL's one rule; 0.5 when the warehouse predates it)."""
        return self.etl_settings().get("adequate_coverage", 0.5)

    def map_data(self, indicator_id: str, year: int, sex: str = "Total", age: str = "Total",
                 org: str | None = None) -> pd.DataFrame:
        """Country values of one indicator and year; only one body's members and associates when `org`."""
        if org:
            return self.ask("map_values_org", indicator_id, year, sex, age, org)
        return self.ask("map_values", indicator_id, year, sex, age)

    def indicator_years(self, indicator_id: str) -> list[int]:
        return self.ask("indicator_years", indicator_id)["year"].tolist()

    def indicator_year_counts(self, indicator_id: str, sex: str = "Total", age: str = "Total") -> pd.DataFrame:
        """Countries with a value per year (columns year, countries)."""
        return self.ask("indicator_year_counts", indicator_id, sex, age)

    def indicator_sources(self, indicator_id: str) -> pd.DataFrame:
        """Every source of one indicator with its provenance, licence and coverage (preferred first)."""
        return self.ask("indicator_sources_for", indicator_id)

    def indicator_source_year_counts(self, indicator_id: str, sex: str = "Total", age: str = "Total"
                                     ) -> pd.DataFrame:
        """Countries with a value per source and year (columns source_id, year, countries)."""
        return self.ask("indicator_source_year_counts", indicator_id, sex, age)

    def default_map_year(self, indicator_id: str, sex: str = "Total", age: str = "Total") -> int | None:
        """The latest year the World's reporting countries are adequately covered (region_values.adequate); for a
        series without regional values, the latest year with (nearly) the most countries
        (transforms.well_covered_year)."""
        df = self.ask("adequate_year", indicator_id, sex, age)
        if len(df) and pd.notna(df.iloc[0, 0]):
            return int(df.iloc[0, 0])
        return transforms.well_covered_year(self.indicator_year_counts(indicator_id, sex, age))

    # -- organizations -----------------------------------------------------------------------------------
    def organization_names(self) -> list[str]:
        """Dialogue bodies with a complete member list (the region_members 'organization' scheme)."""
        return self.regions("organization")

    def organization_members(self, org: str) -> list[str]:
        """ISO3 codes of one Dialogue body's members and associates."""
        return self.ask("organization_members", org)["iso3"].tolist()

    def org_members(self, org: str) -> pd.DataFrame:
        """Every membership row of one organization (by short name), all membership types."""
        return self.ask("org_members", org)

    def org_overlap(self) -> pd.DataFrame:
        """Countries shared by each pair of organizations (members and associates)."""
        return self.ask("org_overlap")

    def org_overlap_countries(self) -> pd.DataFrame:
        """Per pair of organizations: shared count and the shared countries' names (a list)."""
        return self.ask("org_overlap_countries")

    def body_operations(self, org: str) -> pd.DataFrame:
        """Operations listing at least one of a body's member or associate countries, newest first."""
        return self.ask("body_operations", org)

    def country_coverage(self) -> pd.DataFrame:
        """Per country: how many Dialogue bodies (besides INTERPOL) cover it, and which."""
        return self.ask("country_coverage")

    def dialogue_meetings(self) -> pd.DataFrame:
        return self.ask("dialogue_meetings")

    def default_meeting(self) -> str | None:
        """The latest numbered Dialogue edition with a known date ('8th'), else the latest dated meeting."""
        m = self.dialogue_meetings()
        m = m[m["start_date"].notna()]
        numbered = m[m["edition"].str.fullmatch(r"\d+(st|nd|rd|th)")]
        pick = numbered if len(numbered) else m
        return None if pick.empty else str(pick.sort_values("start_date")["edition"].iloc[-1])

    # -- operations --------------------------------------------------------------------------------------
    def operations(self) -> pd.DataFrame:
        return self.ask("operations")

    def operation_results(self) -> pd.DataFrame:
        return self.ask("operation_results")

    def operations_filtered(self, goal: str | None = None, areas=None, scheme: str = "un_region",
                            regions=None, year_from: int = 1900, year_to: int = 2100, terms=None) -> pd.DataFrame:
        """Operations matching the filters, oldest first. `regions=None`: no region restriction (also the
        operations without listed countries); a list keeps those with a listed country in one of them.
        `terms` match case-insensitively (any term) in name, id, crime area and place."""
        clean = tuple(t.strip().lower() for t in terms or [] if t and t.strip())
        return self.ask("operations_filtered", goal or "", _t(areas), scheme, _t(regions), regions is not None,
                        int(year_from), int(year_to), clean)

    def operations_since(self, date) -> pd.DataFrame:
        """Operations announced (else ended or started) on or after `date`, newest first."""
        return self.ask("operations_since", str(pd.Timestamp(date).date()))

    def operation_areas(self) -> list[str]:
        """Crime-area tags of the operations, most frequent first."""
        return self.ask("operation_areas")["area"].tolist()

    def operation_results_for(self, operation_ids) -> pd.DataFrame:
        return self.ask("operation_results_for", _t(operation_ids))

    def operation_countries_for(self, operation_ids) -> pd.DataFrame:
        return self.ask("operation_countries_for", _t(operation_ids))

    def operation_country_counts(self, operation_ids) -> pd.DataFrame:
        return self.ask("operation_country_counts", _t(operation_ids))

    def goal_operations(self, goal_id: str | None, year_from: int, year_to: int, scheme: str = "un_region",
                        regions=None) -> pd.DataFrame:
        """Operations of one goal started within the years, as chart markers (date, label, name); with
        `regions`, only those listing a participating country in one of them (None: no region restriction)."""
        return self.ask("goal_operations", goal_id or "", year_from, year_to, scheme, _t(regions),
                        regions is not None)

    # -- the pipeline's own records ----------------------------------------------------------------------
    def etl_runs(self) -> pd.DataFrame:
        return self.ask("etl_runs")

    def built_run_id(self) -> str | None:
        """The ETL run that built this warehouse: the latest successful run."""
        df = self.ask("built_run")
        return str(df.iloc[0, 0]) if len(df) else None

    def rejects_summary(self, run_id: str) -> pd.DataFrame:
        return self.ask("rejects_summary", run_id)

    def table_csv(self, name: str) -> bytes:
        """A whole table as UTF-8 CSV, streamed chunk by chunk (not cached; safe in a download thread)."""
        if name not in db.TABLES:
            raise ValueError(f"unknown table {name!r}")
        parts = [chunk.to_csv(index=False, header=i == 0) for i, chunk in
                 enumerate(self._stream(f"table_{name}"))]
        return "".join(parts).encode("utf-8")


def plain(data_dir: Path | None = None) -> Questions:
    """Questions answered by an executor on the published build, without Streamlit (export, benchmarks)."""
    executor = db.Executor.current(data_dir)
    return Questions(executor.run, executor.stream)
