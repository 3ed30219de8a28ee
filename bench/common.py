"""What every benchmark shares: sizes, repeated measurements (median, min, max), targets and the printed table.

Benchmarks print figures; nothing here asserts a timing.
"""
from __future__ import annotations

import os
import re
import statistics
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: The interpreter running the benchmarks (the venv's under `make bench`); child processes use it too.
PYTHON = sys.executable

GB = 1e9


def parse_size(text: str) -> tuple[str, int | None]:
    """'bundled' -> ('bundled', None); '1m' -> ('1m', 1_000_000); '250k' -> ('250k', 250_000); '5000' -> ..."""
    label = text.strip().lower()
    if label == "bundled":
        return label, None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([km]?)", label)
    if not m:
        raise ValueError(f"unknown size {text!r}: use bundled, a row count, or e.g. 100k, 1m, 10m")
    rows = int(float(m.group(1)) * {"": 1, "k": 1_000, "m": 1_000_000}[m.group(2)])
    if rows < 1:
        raise ValueError(f"size {text!r} must be at least one row")
    return label, rows


@dataclass
class Row:
    """One printed line: a metric at one data size, measured `len(values)` times."""

    section: str                 # etl, queries, browser, baseline
    metric: str
    size: str
    unit: str                    # s, ms, GB, MB, x, ratio, rows
    values: list[float]
    target: float | None = None  # None: figure for information
    op: str = "<="               # how the median compares with the target
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.values) if self.values else float("nan")

    @property
    def min(self) -> float:
        return min(self.values) if self.values else float("nan")

    @property
    def max(self) -> float:
        return max(self.values) if self.values else float("nan")

    @property
    def passed(self) -> bool | None:
        if self.target is None or not self.values:
            return None
        return self.median <= self.target if self.op == "<=" else self.median >= self.target

    def as_dict(self) -> dict:
        d = asdict(self)
        d.update(median=self.median, min=self.min, max=self.max, passed=self.passed)
        return d


def fmt(value: float, unit: str) -> str:
    if value != value:      # NaN
        return "-"
    if unit == "ms":
        return f"{value:,.1f} ms" if value < 100 else f"{value:,.0f} ms"
    if unit == "s":
        return f"{value:,.2f} s" if value < 10 else f"{value:,.1f} s"
    if unit == "GB":
        return f"{value:,.2f} GB"
    if unit == "MB":
        return f"{value:,.1f} MB"
    if unit == "x":
        return f"{value:,.0f}×" if value >= 10 else f"{value:,.1f}×"
    if unit == "ratio":
        return f"{value:.4f}"
    if unit == "rows":
        return f"{value:,.0f}"
    return f"{value:,.3g} {unit}"


def target_text(row: Row) -> str:
    if row.target is None:
        return ""
    return f"{row.op} {fmt(row.target, row.unit)}"


def print_table(rows: list[Row], file=None, title: str | None = None) -> None:
    """A plain-text table: section, metric, size, median, min, max, n, target, ✓/✗ (width fits a terminal)."""
    file = file or sys.stdout
    head = ("section", "metric", "size", "median", "min", "max", "n", "target", "ok")
    body = [(r.section, r.metric + (f" ({r.note})" if r.note else ""), r.size, fmt(r.median, r.unit),
             fmt(r.min, r.unit), fmt(r.max, r.unit), str(len(r.values)), target_text(r),
             {True: "✓", False: "✗", None: ""}[r.passed]) for r in rows]
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
    right = {3, 4, 5, 6}

    def line(cells):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    if title:
        print(title, file=file)
    print(line(head), file=file)
    print("  ".join("-" * w for w in widths), file=file)
    last = None
    for r, cells in zip(rows, body):
        if last is not None and r.section != last:
            print("", file=file)
        last = r.section
        print(line(cells).rstrip(), file=file)
    missed = [r for r in rows if r.passed is False]
    met = [r for r in rows if r.passed is True]
    print(f"\ntargets: {len(met)} met, {len(missed)} missed" +
          ("".join(f"\n  ✗ {r.metric} at {r.size}: median {fmt(r.median, r.unit)}, target {target_text(r)}"
                   for r in missed)), file=file)
    file.flush()


def log(msg: str) -> None:
    """Progress to stderr, so stdout keeps only the results table."""
    print(msg, file=sys.stderr, flush=True)


def machine() -> dict:
    """What the figures were measured on."""
    info = {"cpus": os.cpu_count(), "python": sys.version.split()[0], "loadavg": os.getloadavg()}
    try:
        with open("/proc/meminfo") as fh:
            kb = int(next(line for line in fh if line.startswith("MemTotal")).split()[1])
        info["memory_gib"] = round(kb / 2**20, 1)
    except (OSError, StopIteration, ValueError):
        pass
    for mod in ("duckdb", "pandas", "streamlit", "plotly", "playwright"):
        try:
            from importlib.metadata import version
            info[mod] = version(mod)
        except Exception:  # noqa: BLE001 - informative only
            pass
    return info
