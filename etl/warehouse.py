"""The warehouse contract (schema.toml): DDL, column docs and the data tests run before publishing."""
from __future__ import annotations

import functools
import tomllib

from .paths import SCHEMA_FILE
from .sql import ident, idents, literal


@functools.lru_cache(maxsize=1)
def schema() -> dict:
    return tomllib.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["tables"]


def create_tables(con, db: str) -> None:
    for name, spec in schema().items():
        cols = ", ".join(f'{ident(c)} {d["type"]}' for c, d in spec["columns"].items())
        con.execute(f"CREATE TABLE {db}.{ident(name)} ({cols})")


def columns(table: str) -> list[str]:
    return list(schema()[table]["columns"])


def data_tests(db: str) -> list[tuple[str, str]]:
    """(name, SQL counting offending rows) for every declared test."""
    tests = []
    for name, spec in schema().items():
        t = f"{db}.{ident(name)}"
        key = idents(spec["key"])
        tests.append((f"{name}: key ({key}) is unique",
                      f"SELECT count(*) FROM (SELECT {key} FROM {t} GROUP BY ALL HAVING count(*) > 1)"))
        for col, d in spec["columns"].items():
            c = ident(col)
            if d.get("not_null"):
                tests.append((f"{name}.{col} is not null", f"SELECT count(*) FROM {t} WHERE {c} IS NULL"))
            if "accepted" in d:
                values = ", ".join(literal(v) for v in d["accepted"])
                tests.append((f"{name}.{col} in ({', '.join(d['accepted'])})",
                              f"SELECT count(*) FROM {t} WHERE {c} IS NOT NULL AND {c} NOT IN ({values})"))
            if "references" in d:
                rt, rc = d["references"].split(".")
                tests.append((f"{name}.{col} -> {rt}.{rc}",
                              f"SELECT count(*) FROM {t} x WHERE x.{c} IS NOT NULL AND NOT EXISTS "
                              f"(SELECT 1 FROM {db}.{ident(rt)} r WHERE r.{ident(rc)} = x.{c})"))
            if "min" in d:
                tests.append((f"{name}.{col} >= {d['min']}", f"SELECT count(*) FROM {t} WHERE {c} < {d['min']}"))
            if "max" in d:
                tests.append((f"{name}.{col} <= {d['max']}", f"SELECT count(*) FROM {t} WHERE {c} > {d['max']}"))
    # Rules that span tables.
    tests += [
        ("sources: rows_read = rows_loaded + rows_rejected",
         f"SELECT count(*) FROM {db}.sources WHERE rows_read <> rows_loaded + rows_rejected"),
        ("sources: rows_routed <= rows_loaded",
         f"SELECT count(*) FROM {db}.sources WHERE rows_routed > rows_loaded"),
        ("indicator_values: at most one preferred row per indicator, country, year, sex and age",
         f"SELECT count(*) FROM (SELECT 1 FROM {db}.indicator_values GROUP BY indicator_id, iso3, year, sex, age "
         f"HAVING count(*) FILTER (WHERE preferred) > 1)"),
        ("publisher_estimates: one preferred row per region, indicator, year, sex and age",
         f"SELECT count(*) FROM (SELECT 1 FROM {db}.publisher_estimates WHERE preferred "
         f"GROUP BY scheme, region, indicator_id, year, sex, age HAVING count(*) > 1)"),
        ("indicators: sources_count matches indicator_sources",
         f"SELECT count(*) FROM {db}.indicators i WHERE sources_count <> "
         f"(SELECT count(*) FROM {db}.indicator_sources s WHERE s.indicator_id = i.indicator_id)"),
        ("sources: every source has a licence and a URL",
         f"SELECT count(*) FROM {db}.sources WHERE trim(license) = '' OR trim(url) = ''"),
        ("indicator_values: rates and counts are non-negative",
         f"SELECT count(*) FROM {db}.indicator_values v JOIN {db}.indicators i USING (indicator_id) "
         f"WHERE i.measure IN ('count', 'rate_per_100k', 'quantity_kg', 'population') AND v.value < 0"),
        ("indicator_values: scores inside their scale",
         f"SELECT count(*) FROM {db}.indicator_values v JOIN {db}.indicators i USING (indicator_id) "
         f"WHERE i.scale_min IS NOT NULL AND (v.value < i.scale_min OR v.value > i.scale_max)"),
        ("translations: every id names a goal or an organization of its kind",
         f"SELECT count(*) FROM {db}.translations t WHERE NOT EXISTS (SELECT 1 FROM {db}.goals g "
         f"WHERE t.kind = 'goal' AND g.goal_id = t.id) AND NOT EXISTS (SELECT 1 FROM {db}.organizations o "
         f"WHERE t.kind = 'organization' AND o.org_id = t.id)"),
        ("region_values: countries_reporting <= countries_total",
         f"SELECT count(*) FROM {db}.region_values WHERE countries_reporting > countries_total"),
        ("region_values: an aggregate of reporting countries rests on at least one",
         f"SELECT count(*) FROM {db}.region_values WHERE estimate_kind = 'reporting_countries' "
         f"AND countries_reporting < 1"),
        ("region_values: countries_both <= countries_reporting",
         f"SELECT count(*) FROM {db}.region_values WHERE countries_both > countries_reporting"),
        ("region_values: like-for-like values come in pairs, only with a previous year",
         f"SELECT count(*) FROM {db}.region_values WHERE (like_for_like_value IS NULL) <> "
         f"(like_for_like_prev IS NULL) OR (like_for_like_value IS NOT NULL AND prev_year IS NULL)"),
        ("region_values: prev_year is before year",
         f"SELECT count(*) FROM {db}.region_values WHERE prev_year >= year"),
        ("region_values: adequate means at least the adequate_coverage share (publisher estimates aside)",
         f"SELECT count(*) FROM {db}.region_values WHERE estimate_kind = 'reporting_countries' AND adequate "
         f"AND NOT coalesce(population_covered_share >= (SELECT value FROM {db}.etl_settings "
         f"WHERE name = 'adequate_coverage'), false)"),
        ("region_values: a publisher estimate is one of publisher_estimates",
         f"SELECT count(*) FROM {db}.region_values r WHERE estimate_kind = 'publisher_estimate' AND NOT EXISTS "
         f"(SELECT 1 FROM {db}.publisher_estimates e WHERE e.preferred AND e.scheme = r.scheme "
         f"AND e.region = r.region AND e.indicator_id = r.indicator_id AND e.year = r.year AND e.sex = r.sex "
         f"AND e.age = r.age AND e.value = r.value)"),
        ("indicators: higher_is_worse follows direction",
         f"SELECT count(*) FROM {db}.indicators WHERE higher_is_worse IS DISTINCT FROM "
         f"CASE direction WHEN 'worse' THEN true WHEN 'better' THEN false END"),
        ("caveats: year_from <= year_to",
         f"SELECT count(*) FROM {db}.caveats WHERE year_from > year_to"),
        ("caveats: every caveat has a citation",
         f"SELECT count(*) FROM {db}.caveats WHERE trim(citation) = ''"),
        ("rejects: every rejected row is counted in sources",
         f"SELECT count(*) FROM (SELECT source_id, count(*) n FROM {db}.rejects GROUP BY ALL) r "
         f"JOIN {db}.sources s USING (source_id) WHERE r.n <> s.rows_rejected"),
    ]
    return tests


def run_data_tests(con, db: str) -> list[str]:
    """Names of failing tests, with the number of offending rows."""
    failures = []
    for name, sql in data_tests(db):
        n = con.execute(sql).fetchall()[0][0]
        if n:
            failures.append(f"{name}: {n} offending row(s)")
    return failures
