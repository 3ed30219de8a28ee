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
import csv
import fnmatch
import io
import json
import math
import shutil
import sys
import time
import tomllib
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = REPO / "data" / "raw"
SHARED_POPULATION = Path("/work/shared/data/indicators/population_worldbank.csv")
POPULATION_FILE = "population.csv"           # the World Bank's long CSV (Country Name, Country Code, Year, Value)
GOALS_FILE = "indicator_goals.csv"
SIDECAR_SUFFIX = ".source.toml"
EXCLUDED_PREFIXES = ("unodc_", "terrorism_", "ti_", "gitoc_")
FILE_PREFIX = "synthetic_indicators_"

HEADER = b"iso3,country,year,indicator_id,value,unit,sex,age\n"
YEARS = np.arange(1990, 2025)
NY = len(YEARS)
BLOCK = 40                    # indicators per block (totals first, then breakdowns)
MAX_FILE_ROWS = 10**12          # one file, whatever the size: an indicator never spans two sources
CHUNK_ROWS = 250_000          # rows formatted and written at a time
DEFAULT_SEED = 42
RETRIEVED = "2026-11-22"      # fixed, so output is reproducible
PUBLISHER = "Project benchmark generator (synthetic, not real data)"
GOAL_RATIONALE = "Synthetic benchmark indicator (not real data)"

THEMES = (("terrorism", "GPG1"), ("smuggling", "GPG2"), ("trafficking", "GPG3"), ("violence", "GPG3"),
          ("cyber", "GPG4"), ("corruption", "GPG5"), ("fraud", "GPG5"), ("drugs", "GPG6"),
          ("firearms", "GPG6"), ("environment", "GPG7"))
KINDS = ("count", "rate", "score")
UNITS = {"count": "count", "rate": "rate per 100,000 population", "score": "score (0-100)"}
SEXES = ("Total", "Female", "Male")
AGES = ("0-14", "15-29", "30-44", "45-59", "60 or more")
AGE_SHARE = np.array([0.25, 0.24, 0.21, 0.17, 0.13])   # rough share of population per age group
SEX_AGE = [(s, a) for s in SEXES for a in ("Total",) + AGES]          # 18 combinations
SEX_AGE_CODE = {sa: i for i, sa in enumerate(SEX_AGE)}
PROFILES = {
    "total": [("Total", "Total")],
    "sex": [("Total", "Total"), ("Female", "Total"), ("Male", "Total")],
    "age": [("Total", "Total")] + [("Total", a) for a in AGES],
    "sex_age": SEX_AGE,
}
MAX_RATE = 50_000.0           # per 100,000; keeps every value far below float-to-text exponent form
MAX_COUNT = 999_999_999.0


class GenerateError(Exception):
    pass


def csv_field(text: str) -> str:
    """One CSV field, quoted only when needed (RFC 4180)."""
    if any(ch in text for ch in ',"\r\n') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def toml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)   # a JSON string is a valid TOML basic string


# --------------------------------------------------------------------------- indicator catalogue

def indicator_spec(j: int) -> tuple[str, str, str]:
    """(indicator_id, kind, breakdown profile) of indicator number j; independent of the seed."""
    theme = THEMES[j % len(THEMES)][0]
    k = j // len(THEMES) + 1
    kind = KINDS[(j + k) % 3]
    if kind == "score":
        profile = ("total", "sex")[(j // 3) % 2]
    else:
        profile = ("sex_age", "total", "age", "sex")[(j // 2) % 4]
    return f"syn_{theme}_{k}_{kind}", kind, profile


@dataclass
class Plan:
    j: int
    kind: str
    breakdowns: list            # [(sex, age)], the first is (Total, Total)
    total_idx: np.ndarray       # flat country*NY+year indices covered by the Total series
    bd_idx: np.ndarray          # ... covered by the breakdown series
    base: np.ndarray            # flat grid: rate per 100k (count/rate) or score
    mult: list                  # per breakdown: rate multiplier (count/rate) or score offset
    share: list                 # per breakdown: share of population (count)


def make_plan(j: int, seed: int, n_countries: int) -> Plan:
    ind_id, kind, profile = indicator_spec(j)
    rng = np.random.default_rng([seed, j, 0])
    nc = n_countries
    # coverage: non-reporting countries, late starts, early ends (reporting lag), random gaps
    reports = rng.random(nc) < rng.uniform(0.75, 0.97)
    start = np.where(rng.random(nc) < 0.35, rng.integers(1991, 2017, nc), 1990)
    end = np.where(rng.random(nc) < 0.30, rng.integers(2018, 2024, nc), 2024)
    gaps = rng.random((nc, NY)) < rng.uniform(0.02, 0.10)
    total = reports[:, None] & (YEARS >= start[:, None]) & (YEARS <= end[:, None]) & ~gaps
    bd_countries = rng.random(nc) < rng.uniform(0.4, 0.8)
    bd_start = rng.integers(1990, 2011, nc)
    bd = total & bd_countries[:, None] & (YEARS >= bd_start[:, None])

    t = (YEARS - 2007)[None, :]
    breakdowns = PROFILES[profile]
    if kind == "score":
        centre = rng.uniform(25, 75)
        level = np.clip(rng.normal(centre, 15, nc), 2, 98)
        slope = rng.normal(0, 0.3, nc)
        base = level[:, None] + slope[:, None] * t + rng.normal(0, 1.5, (nc, NY))
        female = rng.normal(0, 4)
        mult = [{"Total": 0.0, "Female": female, "Male": -female}[s] for s, _ in breakdowns]
        share = [1.0] * len(breakdowns)
    else:
        level = math.exp(rng.uniform(math.log(0.3), math.log(80.0)))
        country_level = level * rng.lognormal(0, 0.9, nc)
        growth = rng.normal(0, 0.025, nc)
        base = country_level[:, None] * np.exp(growth[:, None] * t) * rng.lognormal(0, 0.08, (nc, NY))
        base = np.minimum(base, MAX_RATE / 20)
        male = rng.uniform(0.5, 0.9)                       # share of the total that is male
        risk = rng.lognormal(0, 0.5, len(AGES))
        risk /= (AGE_SHARE * risk).sum()                   # population-weighted mean risk = 1
        sex_mult = {"Total": 1.0, "Female": 2 * (1 - male), "Male": 2 * male}
        sex_share = {"Total": 1.0, "Female": 0.5, "Male": 0.5}
        mult, share = [], []
        for s, a in breakdowns:
            g = AGES.index(a) if a != "Total" else None
            mult.append(sex_mult[s] * (1.0 if g is None else risk[g]))
            share.append(sex_share[s] * (1.0 if g is None else AGE_SHARE[g]))
    return Plan(j=j, kind=kind, breakdowns=breakdowns, total_idx=np.flatnonzero(total),
                bd_idx=np.flatnonzero(bd), base=base.ravel(), mult=mult, share=share)


def segment_values(plan: Plan, b: int, idx: np.ndarray, pop: np.ndarray, seed: int) -> np.ndarray:
    """Values of breakdown b of plan over the flat grid indices idx."""
    rng = np.random.default_rng([seed, plan.j, 1 + b])
    if plan.kind == "score":
        noise = rng.normal(0, 1.0, plan.base.size)[idx] if b else 0.0
        return np.round(np.clip(plan.base[idx] + plan.mult[b] + noise, 0, 100), 1)
    noise = rng.lognormal(0, 0.06, plan.base.size)[idx] if b else 1.0
    rate = np.minimum(plan.base[idx] * plan.mult[b] * noise, MAX_RATE)
    if plan.kind == "rate":
        return np.round(rate, 2)
    return np.minimum(np.round(rate * pop[idx] * plan.share[b] / 1e5), MAX_COUNT)


def iter_segments(seed: int, n_countries: int):
    """Yield (plan, breakdown number) in stream order, forever."""
    for block in count():
        plans = [make_plan(j, seed, n_countries) for j in range(block * BLOCK, (block + 1) * BLOCK)]
        for p in plans:
            yield p, 0
        for p in plans:
            for b in range(1, len(p.breakdowns)):
                yield p, b


class RowStream:
    """The row stream, taken n rows at a time as column arrays."""

    def __init__(self, seed: int, pop: np.ndarray):
        self.seed, self.pop = seed, pop
        self.segments = iter_segments(seed, pop.size // NY)
        self.cur = None                    # (flat idx, values, j, unit code, sex/age code)
        self.pos = 0

    def _next_segment(self):
        while True:
            plan, b = next(self.segments)
            idx = plan.total_idx if b == 0 else plan.bd_idx
            if idx.size:
                vals = segment_values(plan, b, idx, self.pop, self.seed)
                self.cur = (idx, vals, plan.j, KINDS.index(plan.kind), SEX_AGE_CODE[plan.breakdowns[b]])
                self.pos = 0
                return

    def take(self, n: int):
        idx_parts, val_parts, runs = [], [], []    # runs: (length, j, unit code, sex/age code)
        while n:
            if self.cur is None or self.pos == self.cur[0].size:
                self._next_segment()
            idx, vals, j, unit, sa = self.cur
            m = min(n, idx.size - self.pos)
            idx_parts.append(idx[self.pos:self.pos + m])
            val_parts.append(vals[self.pos:self.pos + m])
            runs.append((m, j, unit, sa))
            self.pos += m
            n -= m
        lengths = np.array([r[0] for r in runs])
        flat = np.concatenate(idx_parts)
        return {
            "country": (flat // NY).astype(np.int32),
            "year": (flat % NY).astype(np.int32),
            "value": np.concatenate(val_parts),
            "indicator": np.repeat(np.array([r[1] for r in runs], dtype=np.int32), lengths),
            "unit": np.repeat(np.array([r[2] for r in runs], dtype=np.int32), lengths),
            "sex_age": np.repeat(np.array([r[3] for r in runs], dtype=np.int32), lengths),
        }


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


# --------------------------------------------------------------------------- reference data

#: The World Bank's long CSV, in the tidy layout's names.
WB_COLUMNS = {"Country Code": "iso3", "Country Name": "country", "Year": "year", "Value": "value"}


def load_population(path: Path):
    """Countries (sorted by iso3), their names and a flat country x year population grid. Reads the tidy
    layout (iso3, country, year, value) or the World Bank's long CSV, keeping current countries only (not the
    Bank's aggregates such as WLD or income groups)."""
    from etl.countries import known_iso3

    names, pop = {}, {}
    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        rename = WB_COLUMNS if set(WB_COLUMNS) <= set(reader.fieldnames or []) else {}
        missing = {"iso3", "country", "year", "value"} - {rename.get(c, c) for c in reader.fieldnames or []}
        if missing:
            raise GenerateError(f"{path}: population file lacks column(s) {', '.join(sorted(missing))}")
        for raw_row in reader:
            row = {rename.get(k, k): v for k, v in raw_row.items()}
            iso3 = row["iso3"].strip()
            if iso3 not in known_iso3():
                continue
            try:
                year, value = int(row["year"]), float(row["value"])
            except ValueError:
                continue
            if not iso3 or not math.isfinite(value) or value <= 0:
                continue
            names.setdefault(iso3, row["country"].strip())
            pop[iso3, year] = value
    iso3s = sorted(names)
    grid = np.full((len(iso3s), NY), np.nan)
    for c, iso3 in enumerate(iso3s):
        for y, year in enumerate(YEARS):
            grid[c, y] = pop.get((iso3, int(year)), np.nan)
        known = np.flatnonzero(~np.isnan(grid[c]))
        if known.size == 0:          # no population 1990-2024: use the nearest year there is
            years = sorted(yr for (i, yr) in pop if i == iso3)
            nearest = min(years, key=lambda yr: min(abs(yr - 1990), abs(yr - 2024)))
            grid[c] = pop[iso3, nearest]
        else:                        # fill gaps from the nearest known year
            grid[c] = grid[c, known[np.abs(np.arange(NY)[:, None] - known[None, :]).argmin(axis=1)]]
    if not iso3s:
        raise GenerateError(f"{path}: no countries found in the population file")
    return iso3s, [names[i] for i in iso3s], grid.ravel()


def _is_reference(ref: Path, name: str) -> bool:
    """A reference table or the population file (or their sidecars): what a synthetic build needs beside its data."""
    data = name[: -len(SIDECAR_SUFFIX)] if name.endswith(SIDECAR_SUFFIX) else name
    if data == POPULATION_FILE:
        return True
    side = ref / (data + SIDECAR_SUFFIX)
    try:
        return tomllib.loads(side.read_text(encoding="utf-8-sig")).get("format") == "reference"
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False


def copy_reference(ref: Path, raw: Path, log) -> list[str]:
    copied = []
    for src in sorted(ref.iterdir()):
        name = src.name
        if (not src.is_file() or name.startswith(".") or not _is_reference(ref, name)
                or name.startswith(EXCLUDED_PREFIXES) or name.startswith(FILE_PREFIX)):
            continue
        shutil.copyfile(src, raw / name)
        copied.append(name)
    for name in copied:
        if not name.endswith(SIDECAR_SUFFIX) and name + SIDECAR_SUFFIX not in copied:
            log(f"warning: {ref / name} has no {name}{SIDECAR_SUFFIX} sidecar; the ETL may reject it")
    if GOALS_FILE in copied:
        added = append_goal_rows(raw / GOALS_FILE, log)
        log(f"  {GOALS_FILE}: appended {added} syn_* goal mapping row(s)")
    else:
        log(f"  note: no {GOALS_FILE} in {ref}; synthetic indicators will have no goal mapping")
    return copied


def append_goal_rows(path: Path, log) -> int:
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    fields = reader.fieldnames or []
    if "indicator_pattern" not in fields or "goal_id" not in fields:
        raise GenerateError(f"{path.name}: expected columns indicator_pattern and goal_id, got {fields}")
    flags = [r.get("higher_is_worse", "").strip() for r in rows]
    true_token = next((v for v in flags if v.lower() == "true"), None) or \
        ("1" if set(flags) & {"0", "1"} else "true")
    patterns = [r["indicator_pattern"].strip() for r in rows]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    added = 0
    for theme, goal in THEMES:
        pattern = f"syn_{theme}_*"
        if pattern in patterns:
            continue
        sample = f"syn_{theme}_1_count"
        shadow = next((p for p in patterns if p and fnmatch.fnmatchcase(sample, p)), None)
        if shadow:
            log(f"warning: {path.name}: existing pattern {shadow!r} matches {sample} before {pattern!r}")
        values = {"indicator_pattern": pattern, "goal_id": goal, "higher_is_worse": true_token,
                  "rationale": GOAL_RATIONALE}
        writer.writerow([values.get(f, "") for f in fields])
        added += 1
    if added:
        if text and not text.endswith(("\n", "\r")):
            text += newline
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + (text + out.getvalue()).encode("utf-8"))
    return added


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
