"""Write deterministic SYNTHETIC indicator data for benchmarking the ETL.

    python -m bench.generate --rows N --data-dir DIR [--seed S] [--reference-from REF]

Writes exactly N data rows of tidy long CSV (iso3,country,year,indicator_id,value,unit,sex,age)
into DIR/raw/synthetic_indicators_001.csv, _002.csv, ... (at most --max-file-rows rows each; one file by
default, whatever N: the ETL treats each file as a source, an indicator must come from one source, and a
split by row count cuts an indicator in two, which the ETL refuses), each
with a `<file>.source.toml` provenance sidecar marked synthetic = true. It also copies the
reference files (the files of REF whose sidecar says format = "reference", and the population file,
population.csv; never unodc_*, terrorism_*, ti_*, gitoc_*) into DIR/raw/ and
appends syn_* rows to the copied indicator_goals.csv, so `python -m etl` can build a full warehouse
from DIR. The values are random draws: NOT real data.

Row space. Indicator j = 0, 1, 2, ... (unbounded) is `syn_<theme>_<k>_<kind>`: theme = THEMES[j % 10],
k = j // 10 + 1, kind in count / rate / score, and a breakdown profile (Total only; by sex; by age;
sex x age) fixed by j. Each indicator covers a seeded subset of the country x year grid (countries
that never report, late starts, early ends, random gaps); breakdown rows cover a smaller subset.
Indicators come in blocks of 40: first the Total/Total series of the 40 indicators, then their
sex/age breakdowns, then the next block. A "segment" is one (indicator, sex, age) series over its
covered country-years, in iso3 then year order. Segments are concatenated in that order and the
stream is cut after exactly N rows, so any N works and a smaller N gives a prefix of a larger one
(for the same seed). Every draw is seeded by (seed, indicator, breakdown) only, so output does not
depend on N, chunk size or file size, and the same arguments give byte-identical files.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .reference_copy import FILE_PREFIX, POPULATION_FILE, SIDECAR_SUFFIX, copy_reference, load_population
from .synthetic import KINDS, SEX_AGE, UNITS, YEARS, GenerateError, RowStream, indicator_spec

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = REPO / "data" / "raw"
SHARED_POPULATION = Path("/work/shared/data/indicators/population_worldbank.csv")

HEADER = b"iso3,country,year,indicator_id,value,unit,sex,age\n"
MAX_FILE_ROWS = 10**12          # one file, whatever the size: an indicator never spans two sources
CHUNK_ROWS = 250_000          # rows formatted and written at a time
DEFAULT_SEED = 42
RETRIEVED = "2026-11-22"      # fixed, so output is reproducible
PUBLISHER = "Project benchmark generator (synthetic, not real data)"

def csv_field(text: str) -> str:
    """One CSV field, quoted only when needed (RFC 4180)."""
    if any(ch in text for ch in ',"\r\n') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def toml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)   # a JSON string is a valid TOML basic string


# --------------------------------------------------------------------------- CSV writing

class Formatter:
    """Turns column arrays into CSV text with Arrow kernels (no per-row Python)."""

    def __init__(self, iso3: list[str], names: list[str]):
        self.country = pa.array([f"{csv_field(i)},{csv_field(n)}" for i, n in zip(iso3, names)])
        self.year = pa.array([str(y) for y in YEARS])
        self.unit = pa.array([csv_field(UNITS[k]) for k in KINDS])
        self.sex_age = pa.array([f"{csv_field(s)},{csv_field(a)}\n" for s, a in SEX_AGE])
        self.ids: list[str] = []
        self.id_array = pa.array([], pa.string())

    def _indicator_dict(self, max_j: int):
        if max_j >= len(self.ids):
            self.ids.extend(csv_field(indicator_spec(j)[0]) for j in range(len(self.ids), max_j + 1))
            self.id_array = pa.array(self.ids)
        return self.id_array

    def lines(self, cols) -> pa.Array:
        values = pa.array(cols["value"]).cast(pa.string())
        if pc.any(pc.match_substring_regex(values, "[eEn]")).as_py():   # exponent, nan or inf
            raise GenerateError("internal error: a value was formatted in exponent form or is not finite")
        ids = self._indicator_dict(int(cols["indicator"].max()))
        return pc.binary_join_element_wise(
            self.country.take(pa.array(cols["country"])),
            self.year.take(pa.array(cols["year"])),
            ids.take(pa.array(cols["indicator"])),
            values,
            self.unit.take(pa.array(cols["unit"])),
            self.sex_age.take(pa.array(cols["sex_age"])),   # ends with the newline
            ",")


def write_lines(f, arr: pa.Array) -> None:
    """Write the concatenated text of a string array (its data buffer) to a binary file."""
    bufs = arr.buffers()
    offsets = np.frombuffer(bufs[1], dtype=np.int32, count=len(arr) + 1, offset=arr.offset * 4)
    f.write(memoryview(bufs[2])[offsets[0]:offsets[-1]])


def sidecar_text(source_id, part, n_files, first, last, n_rows, n_indicators, seed, command, pop_name):
    title = (f"SYNTHETIC benchmark indicators, part {part} of {n_files} "
             "(randomly generated, not real data)")
    notes = (f"Deterministic synthetic data for benchmarking the ETL; the values are random draws, not "
             f"statistics. Command: {command}. seed = {seed}; rows = {n_rows} in total over {n_files} "
             f"file(s); this file holds rows {first}-{last} ({last - first + 1} rows, "
             f"{n_indicators} indicator id(s)). Countries, names and the populations behind the counts "
             f"come from {pop_name}; coverage gaps, trends and sex/age breakdowns are generated.")
    fields = [("source_id", toml_str(source_id)), ("title", toml_str(title)),
              ("publisher", toml_str(PUBLISHER)), ("url", toml_str("bench/generate.py")),
              ("license", toml_str("CC0-1.0")), ("retrieved", toml_str(RETRIEVED)),
              ("format", toml_str("tidy")), ("synthetic", "true"), ("notes", toml_str(notes))]
    return "".join(f"{k} = {v}\n" for k, v in fields)


# --------------------------------------------------------------------------- main

def generate(rows: int, data_dir: Path, seed: int = DEFAULT_SEED, reference_from: Path | None = None,
             copy_refs: bool = True, population: Path | None = None,
             max_file_rows: int = MAX_FILE_ROWS, log=print) -> list[Path]:
    if rows < 1:
        raise GenerateError("--rows must be at least 1")
    if seed < 0:
        raise GenerateError("--seed must be a non-negative integer")
    if max_file_rows < 1:
        raise GenerateError("--max-file-rows must be at least 1")
    started = time.perf_counter()
    raw = Path(data_dir) / "raw"
    ref = Path(reference_from) if reference_from is not None else DEFAULT_REFERENCE
    if raw.resolve() == DEFAULT_REFERENCE.resolve() or (copy_refs and raw.resolve() == ref.resolve()):
        raise GenerateError(f"refusing to write synthetic data into {raw} (the reference/real data "
                            "folder); choose another --data-dir")
    if copy_refs and not ref.is_dir():
        raise GenerateError(
            f"reference folder {ref} not found. The reference CSVs (population, goals, organizations, "
            "operations, indicator_goals.csv ...) with their .source.toml sidecars are copied from "
            "there; pass --reference-from DIR, or --no-reference to write only the synthetic files")

    raw.mkdir(parents=True, exist_ok=True)
    for old in sorted(raw.glob(FILE_PREFIX + "*")):
        if old.is_file():
            old.unlink()
    if copy_refs:
        copied = copy_reference(ref, raw, log)
        log(f"copied {len(copied)} reference file(s) from {ref}")

    if population is None:
        candidates = ([ref / POPULATION_FILE] if copy_refs else []) + [DEFAULT_REFERENCE / POPULATION_FILE,
                                                                       SHARED_POPULATION]
        population = next((p for p in candidates if p.is_file()), None)
        if population is None:
            raise GenerateError(f"no {POPULATION_FILE} found (looked in {', '.join(map(str, candidates))}); "
                                "pass --population FILE")
    iso3s, names, pop = load_population(Path(population))
    log(f"{len(iso3s)} countries from {population}; years {YEARS[0]}-{YEARS[-1]}")

    command = f"python -m bench.generate --rows {rows} --seed {seed}"
    if max_file_rows != MAX_FILE_ROWS:
        command += f" --max-file-rows {max_file_rows}"
    n_files = math.ceil(rows / max_file_rows)
    width = max(3, len(str(n_files)))
    stream = RowStream(seed, pop)
    fmt = Formatter(iso3s, names)
    written, paths, all_ids = 0, [], set()
    for part in range(1, n_files + 1):
        n_file = min(max_file_rows, rows - written)
        source_id = f"{FILE_PREFIX}{part:0{width}d}"
        path = raw / f"{source_id}.csv"
        tmp = raw / f"{source_id}.csv.partial"
        ids = set()
        with tmp.open("wb") as f:
            f.write(HEADER)
            left = n_file
            while left:
                m = min(CHUNK_ROWS, left)
                cols = stream.take(m)
                ids.update(np.unique(cols["indicator"]).tolist())
                write_lines(f, fmt.lines(cols))
                left -= m
        tmp.replace(path)
        side = path.with_name(path.name + SIDECAR_SUFFIX)
        side.write_bytes(sidecar_text(source_id, part, n_files, written + 1, written + n_file, rows,
                                      len(ids), seed, command, Path(population).name).encode("utf-8"))
        written += n_file
        all_ids |= ids
        paths.append(path)
        elapsed = time.perf_counter() - started
        log(f"  {path.name}: {n_file:,} rows ({written:,}/{rows:,}, {elapsed:.1f} s)")
    elapsed = time.perf_counter() - started
    log(f"done: {written:,} rows, {len(all_ids)} indicator ids, {n_files} file(s) in {raw} "
        f"in {elapsed:.1f} s ({written / max(elapsed, 1e-9):,.0f} rows/s)")
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Write N rows of deterministic SYNTHETIC tidy indicator data (plus the reference "
                    "files) into DIR/raw/ for benchmarking `python -m etl`. Not real data.")
    parser.add_argument("--rows", type=int, required=True, help="exact number of data rows to write")
    parser.add_argument("--data-dir", type=Path, required=True,
                        help="output folder; files go to DIR/raw/ (created if missing)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--reference-from", type=Path, default=None,
                        help=f"folder to copy the reference files from (default {DEFAULT_REFERENCE})")
    parser.add_argument("--no-reference", action="store_true",
                        help="do not copy reference files (write only the synthetic files)")
    parser.add_argument("--population", type=Path, default=None,
                        help=f"population CSV for countries and counts (default: {POPULATION_FILE} in the "
                             f"reference folder, else {SHARED_POPULATION})")
    parser.add_argument("--max-file-rows", type=int, default=MAX_FILE_ROWS,
                        help="rows per CSV file at most (default: one file; a split cuts indicators in two, "
                             "which the ETL refuses, so use it for testing the writer only)")
    args = parser.parse_args(argv)
    try:
        generate(args.rows, args.data_dir, seed=args.seed, reference_from=args.reference_from,
                 copy_refs=not args.no_reference, population=args.population,
                 max_file_rows=args.max_file_rows,
                 log=lambda msg: print(msg, flush=True))
    except GenerateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
