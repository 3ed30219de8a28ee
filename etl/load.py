"""Load one source: read its file, stage its rows, put each row in the build as loaded, routed or rejected.

Counts (a `sources` row per file): rows_read = rows_loaded + rows_rejected, where a routed publisher
aggregate counts as loaded and also in rows_routed. The unit is a record, or for a wide table (and an OWID
file with several value columns) one value cell; data_lines is the file's data records either way, and for
a wide table empty_cells the cells that hold no value.
"""
from __future__ import annotations

import datetime as dt
import time

import pandas as pd

from . import countries, staging
from .build import Build, SourceStats
from .inputs import Input
from .paths import RAW_RECORD_CHARS
from .sources import LAYOUTS, WIDE, ids, read_file, reference, wide_years
from .sources.raw import RawTable
from .sql import ident


def max_year() -> int:
    return dt.date.today().year


def _raw_record_sql(raw: RawTable) -> str:
    cols = ", ".join(f"coalesce(t.{ident(c)}, '')" for c in raw.columns)
    return f"left(concat_ws(',', {cols}), {RAW_RECORD_CHARS})"


def _structural_rejects(b: Build, side, raw: RawTable, extra: list | None = None) -> int:
    rows = list(raw.rejects) + list(extra or [])
    if rows:
        df = pd.DataFrame(rows, columns=["line", "column_name", "reason", "raw_record"])
        b.con.register("__srej", df)
        b.con.execute("""INSERT INTO wh.rejects BY NAME SELECT ? AS run_id, ? AS source_id, ? AS file, line,
                         NULL AS cell, nullif(column_name, '') AS column_name, reason, raw_record FROM __srej""",
                      [b.run_id, side.source_id, side.name])
        b.con.unregister("__srej")
    return len(rows)


def _row_rejects(b: Build, side, raw: RawTable, view: str) -> int:
    b.con.execute(f"""INSERT INTO wh.rejects BY NAME
        SELECT ? AS run_id, ? AS source_id, ? AS file, r.line, r.cell, r.column_name, r.reason,
               {_raw_record_sql(raw)} AS raw_record
        FROM {view} r LEFT JOIN {ident(raw.table)} t ON t.__line = r.line""",
                  [b.run_id, side.source_id, side.name])
    return b.count(f"SELECT count(*) FROM {view}")


def load_reference(b: Build, side, raw: RawTable) -> SourceStats:
    df = b.con.execute(f"SELECT * FROM {ident(raw.table)}").df()
    clean, rejects = reference.read(side.table, df, side.name, countries.known_iso3())
    if side.table == "caveats":          # a caveat about a source this build does not load says nothing here
        absent = clean["source_id"].notna() & ~clean["source_id"].isin(list(b.sides))
        rejects += [(int(r["__line"]), "source_id", f"source '{r['source_id']}' is not loaded in this build", "")
                    for _i, r in clean[absent].iterrows()]
        clean = clean[~absent].reset_index(drop=True)
    reference.insert(b, side, clean, df)
    n = _structural_rejects(b, side, raw, rejects)
    return SourceStats(side.source_id, side.name, raw.rows, raw.rows - n, n, data_lines=raw.rows)


def load_ids(b: Build, k: int, side, raw: RawTable) -> SourceStats:
    ids.check(raw.columns, side.name)
    b.con.execute(f"CREATE OR REPLACE TEMP VIEW ids_geo_{k} AS SELECT '' AS iso3_raw, COUNTRY AS country_raw "
                  f"FROM {ident(raw.table)}")
    staging.places(b.con, k, f"ids_geo_{k}", side)
    ids.stage(b.con, k, max_year())
    ids.insert(b.con, k, side.source_id)
    last = b.count(f"SELECT max(year(seizure_date)) FROM ids_chk_{k} WHERE reason IS NULL")
    b.indicator_meta.append(pd.DataFrame([r[:4] for r in (ids.RECORDS, ids.KILOGRAMS)],
                                         columns=["indicator_id", "name_raw", "unit", "measure"])
                            .assign(source_id=side.source_id, last_year=last))
    rejected = _structural_rejects(b, side, raw)
    b.con.execute(f"CREATE OR REPLACE TEMP VIEW ids_rej_{k} AS SELECT line, 'AMOUNT' AS cell, column_name, reason "
                  f"FROM ids_chk_{k} WHERE reason IS NOT NULL")
    rejected += _row_rejects(b, side, raw, f"ids_rej_{k}")
    for v in (f"ids_rej_{k}", f"ids_geo_{k}"):
        b.con.execute(f"DROP VIEW IF EXISTS {v}")
    b.con.execute(f"DROP TABLE IF EXISTS ids_chk_{k}")
    b.con.execute(f"DROP TABLE IF EXISTS geo_{k}")
    return SourceStats(side.source_id, side.name, raw.rows, raw.rows - rejected, rejected, data_lines=raw.rows)


def load_indicators(b: Build, k: int, side, raw: RawTable) -> SourceStats:
    layout = LAYOUTS[side.format]
    b.con.execute(f"CREATE OR REPLACE TEMP VIEW long_{k} AS {layout.select(b.con, k, raw, side)}")
    staging.stage(b.con, k, f"long_{k}", side, always_suffix=layout.always_suffix, max_year=max_year())
    cols = "indicator_id, iso3, year, sex, age"
    if side.opt("sum_over"):       # rows that differ only in the summed columns become one value
        b.con.execute(f"""INSERT INTO staged_values BY NAME SELECT {cols}, sum(value::DECIMAL(38, 6))::DOUBLE AS value,
                          ? AS source_id FROM ok_{k} GROUP BY ALL""", [side.source_id])
        b.con.execute(f"""INSERT INTO staged_routed BY NAME SELECT scheme, region, indicator_id, year, sex, age,
                          sum(value::DECIMAL(38, 6))::DOUBLE AS value, ? AS source_id FROM route_{k} GROUP BY ALL""",
                      [side.source_id])
    else:
        b.con.execute(f"INSERT INTO staged_values BY NAME SELECT {cols}, value, ? AS source_id FROM ok_{k}",
                      [side.source_id])
        b.con.execute(f"""INSERT INTO staged_routed BY NAME SELECT scheme, region, indicator_id, year, sex, age,
                          value, ? AS source_id FROM route_{k}""", [side.source_id])
    meta = b.con.execute(f"""SELECT indicator_id, min(name_raw) AS name_raw, min(unit_raw) AS unit,
                                    min(measure) AS measure, max(year) AS last_year
                             FROM (SELECT indicator_id, name_raw, unit_raw, measure, year FROM ok_{k}
                                   UNION ALL SELECT indicator_id, name_raw, unit_raw, measure, year FROM route_{k})
                             GROUP BY indicator_id""").df()
    b.indicator_meta.append(meta.assign(source_id=side.source_id))
    structural = _structural_rejects(b, side, raw)
    rejected = _row_rejects(b, side, raw, f"rej_{k}")
    checked = b.count(f"SELECT count(*) FROM chk_{k}")
    routed = b.count(f"SELECT count(*) FROM route_{k}")
    wide = side.format in WIDE
    cells = wide_years.value_columns(b.con, k) if wide else 0
    staging.drop(b.con, k)
    st = SourceStats(side.source_id, side.name, checked + structural, checked - rejected, rejected + structural,
                     rows_routed=routed, data_lines=raw.rows,
                     counted_as="value cell" if wide or side.format == "owid" else "record")
    if wide:
        st.empty_cells = (raw.rows - structural) * cells - checked
    return st


def load(b: Build, k: int, inp: Input, side) -> None:
    t0 = time.perf_counter()
    b.progress.source(side.name)
    inp.hash()                      # of the open file, the one every reader reads
    raw, read_from = read_file(b.con, inp, f"raw_{k}", side, b.dir / "inputs")
    b.warnings += [f"{side.name}: {w}" for w in raw.warnings[:20]]
    if side.format == "reference":
        st = load_reference(b, side, raw)
    elif side.format == "ids":
        st = load_ids(b, k, side, raw)
    else:
        st = load_indicators(b, k, side, raw)
    raw.drop(b.con)
    inp.check_unchanged()
    if read_from is not inp:
        read_from.close()
    st.seconds = time.perf_counter() - t0
    b.con.execute("""INSERT INTO wh.sources BY NAME SELECT ? AS source_id, ? AS title, ? AS publisher, ? AS url,
        ? AS license, ? AS retrieved, ? AS file, ? AS sha256, ? AS format, ? AS encoding, ? AS notes, ? AS synthetic,
        ? AS preferred, ? AS redistribution, ? AS redistribution_note, ? AS rows_read, ? AS rows_loaded,
        ? AS rows_rejected, ? AS rows_routed, ? AS data_lines, ? AS empty_cells, ? AS counted_as""",
                  [side.source_id, side.title, side.publisher, side.url, side.license, side.retrieved, side.name,
                   inp.sha256, side.format, raw.encoding, side.notes, side.synthetic, side.preferred,
                   side.redistribution, side.redistribution_note, st.rows_read, st.rows_loaded, st.rows_rejected,
                   st.rows_routed, st.data_lines, st.empty_cells, st.counted_as])
    b.stats.append(st)
    b.progress.done(st)
