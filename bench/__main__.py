"""python -m bench: every benchmark, printed as one table (median, min, max of repeated runs, target, ✓/✗).

    python -m bench [--quick] [--sizes bundled,1m,10m] [--app-sizes bundled,10m] [--runs 5]
                    [--only etl,queries,baseline,browser,presenter] [--out FILE] [--keep] [--work-dir /tmp]
    python -m bench presenter [--runs 5] ...    (the same as --only presenter)

1. etl       `python -m etl` wall time and peak memory, at every --sizes;
2. queries   every dashboard/data.py question and every page's queries, empty data cache, at --app-sizes;
3. baseline  the Trends default view written naively (pandas over the raw CSVs) against ours, at --app-sizes;
4. browser   Trends in headless Chromium: first chart and re-draw after a filter change, at --app-sizes;
5. presenter on stage, bundled data and the shipped deck: a slide change seen in both of the presenter's windows
             (against one window), the export pack's time (against the PDF alone), and the requests leaving the
             machine meanwhile (bench/presenter_bench.py).

Sizes: `bundled` (a copy of data/raw, real data) or a synthetic row count (100k, 1m, 10m, or a number) made by
`python -m bench.generate` in <work-dir>/bench-<size>/, reused across the run and removed at the end unless
--keep. Targets apply at 10m. Figures are printed, never asserted; the results also go to a JSON file
(default bench/results/<timestamp>.json, git-ignored). Progress goes to stderr, the table to stdout.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
import traceback
from pathlib import Path

from .common import REPO, Row, log, machine, parse_size, print_table
from .datasets import Datasets

SECTIONS = ("etl", "queries", "baseline", "browser", "presenter")
DEFAULT_SIZES = "bundled,1m,10m"
APP_SIZES = ("bundled", "10m")
QUICK_SIZES = "bundled,100k"


def _sizes(text: str) -> list[str]:
    out = []
    for part in text.split(","):
        if part.strip():
            label, _ = parse_size(part)
            out.append(label)
    return list(dict.fromkeys(out))


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["presenter"]:                   # python -m bench presenter: that section alone
        argv = ["--only", "presenter", *argv[1:]]
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help=f"smoke run: sizes {QUICK_SIZES}, 2 runs (unless --sizes/--runs say otherwise)")
    parser.add_argument("--sizes", help=f"sizes for the ETL benchmark (default {DEFAULT_SIZES})")
    parser.add_argument("--app-sizes", help="sizes for queries, baseline and browser (default: the --sizes among "
                                            f"{', '.join(APP_SIZES)}, else all --sizes)")
    parser.add_argument("--runs", type=int, help="measurements per figure (default 5; --quick 2)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"sections to run (default {','.join(SECTIONS)})")
    parser.add_argument("--out", type=Path, help="JSON results file (default bench/results/<timestamp>.json)")
    parser.add_argument("--keep", action="store_true", help="keep the generated data directories")
    parser.add_argument("--work-dir", type=Path, help="where bench-<size>/ folders go (default: the temp dir)")
    args = parser.parse_args(argv)

    runs = args.runs or (2 if args.quick else 5)
    if runs < 1:
        parser.error("--runs must be at least 1")
    try:
        sizes = _sizes(args.sizes or (QUICK_SIZES if args.quick else DEFAULT_SIZES))
        if args.app_sizes:
            app_sizes = _sizes(args.app_sizes)
        else:
            app_sizes = [s for s in sizes if s in APP_SIZES] or sizes
            if args.quick and not args.sizes:
                app_sizes = sizes
    except ValueError as exc:
        parser.error(str(exc))
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")

    started = dt.datetime.now()
    out = args.out or REPO / "bench" / "results" / f"{started:%Y%m%dT%H%M%S}.json"
    log(f"[bench] runs={runs}; ETL sizes {','.join(sizes)}; app sizes {','.join(app_sizes)}; sections "
        f"{','.join(only)}")
    data = Datasets(args.work_dir, keep=args.keep)
    rows: list[Row] = []
    errors: list[str] = []
    details: dict = {}
    loads: list[str] = []          # 1-minute load average around each section (other work skews figures)
    t0 = time.perf_counter()

    def section(name: str, size: str, fn):
        load_before = os.getloadavg()[0]
        try:
            got = fn()
            if isinstance(got, tuple):
                got, extra = got
                details.setdefault(name, {}).setdefault(size, {}).update(extra)
            rows.extend(got)
            loads.append(f"{name} {size}: {load_before:.1f} -> {os.getloadavg()[0]:.1f}")
        except Exception as exc:  # noqa: BLE001 - one failing section must not lose the others' figures
            errors.append(f"{name} at {size}: {exc.__class__.__name__}: {exc}")
            log(f"[bench] {name} at {size} FAILED:\n{traceback.format_exc()}")

    try:
        if "etl" in only:
            from . import etl_bench
            for size in sizes:
                def run_etl(size=size):
                    d = data.raw(size)
                    got = etl_bench.bench(size, d, runs)
                    data.mark_built(size)
                    return got
                section("etl", size, run_etl)
        for size in app_sizes:
            if not set(only) & {"queries", "baseline", "browser"}:
                break
            try:
                d = data.warehouse(size)
            except Exception as exc:  # noqa: BLE001
                errors.append(f"data at {size}: {exc}")
                continue
            if "queries" in only:
                from . import query_bench
                section("queries", size, lambda d=d, size=size: query_bench.bench(size, d, runs))
            if "baseline" in only:
                from . import baseline
                section("baseline", size, lambda d=d, size=size: baseline.bench(size, d, runs))
            if "browser" in only:
                from . import browser_bench
                section("browser", size, lambda d=d, size=size: browser_bench.bench(size, d, runs))
        if "presenter" in only:                     # the shipped deck needs the real data
            from . import presenter_bench
            for part in (presenter_bench.bench_slides, presenter_bench.bench_export):
                section("presenter", "bundled", lambda part=part: part("bundled", data.warehouse("bundled"), runs))
    finally:
        data.cleanup()

    order = {s: i for i, s in enumerate(SECTIONS)}
    size_order = {s: i for i, s in enumerate(list(dict.fromkeys(sizes + app_sizes)))}
    rows.sort(key=lambda r: (order[r.section], size_order.get(r.size, 99)))   # stable within a section and size
    elapsed = time.perf_counter() - t0
    print_table(rows, title=f"Benchmarks, {started:%Y-%m-%d %H:%M}, {runs} run(s) per figure "
                            f"(median, min, max); targets at 10m; took {elapsed / 60:.1f} min")
    print(f"1-minute load average before -> after each section ({os.cpu_count()} CPUs; above that, other "
          f"work competed for the CPUs): " + "; ".join(loads))
    for e in errors:
        print(f"ERROR {e}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"started": started.isoformat(), "seconds": elapsed, "runs": runs, "sizes": sizes,
                               "app_sizes": app_sizes, "machine": machine(), "rows": [r.as_dict() for r in rows],
                               "details": details, "load": loads, "errors": errors}, indent=1, default=str), encoding="utf-8")
    print(f"results written to {out}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
