"""python -m etl [--data-dir DIR] [--check] [--public-only]: build the warehouse from DIR/raw (default data/)."""
from __future__ import annotations

import argparse
import sys
import time

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import EtlError, excerpt
from .paths import DEFAULT_DATA_DIR
from .pipeline import run


class RichProgress:
    def __init__(self, progress: Progress, console: Console):
        self.p, self.console, self.task = progress, console, None

    def start(self, total: int):
        self.task = self.p.add_task("sources", total=total)

    def source(self, name: str):
        self.p.update(self.task, description=f"reading {escape(name)}")

    def done(self, st):
        self.p.advance(self.task)
        routed = f" ({st.rows_routed:,} routed)" if st.rows_routed else ""
        self.console.log(f"{escape(st.file)}: {st.rows_read:,} read, {st.rows_loaded:,} loaded{routed}, "
                         f"{st.rows_rejected:,} rejected ({st.seconds:.1f} s)", highlight=False)

    def step(self, text: str):
        self.p.update(self.task, description=text)


def summary(result, console: Console) -> None:
    table = Table(title=f"ETL run {result.run_id}: {result.status} in {result.seconds:.1f} s")
    for col in ("source", "rows read", "loaded", "of which routed", "rejected", "seconds"):
        table.add_column(col, justify="left" if col == "source" else "right")
    for st in result.stats:
        table.add_row(st.source_id, f"{st.rows_read:,}", f"{st.rows_loaded:,}", f"{st.rows_routed:,}",
                      f"{st.rows_rejected:,}", f"{st.seconds:.1f}")
    table.add_row("total", f"{result.rows_read:,}", f"{result.rows_loaded:,}", f"{result.rows_routed:,}",
                  f"{result.rows_rejected:,}", f"{result.seconds:.1f}", style="bold")
    console.print(table)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    parser.add_argument("--data-dir", default=str(DEFAULT_DATA_DIR),
                        help="read DIR/raw/, write DIR/warehouse.duckdb and DIR/parquet/ (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="read and validate everything, write nothing")
    parser.add_argument("--public-only", action="store_true",
                        help="build without the sources whose sidecar does not say redistribution = \"allowed\" "
                             "(for a public deployment; same as ETL_PUBLIC_ONLY=1)")
    args = parser.parse_args(argv)
    console = Console(stderr=True)
    t0 = time.perf_counter()
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                      TimeElapsedColumn(), console=console, transient=True) as p:
            result = run(args.data_dir, check=args.check, progress=RichProgress(p, console),
                         public_only=args.public_only or None)
    except EtlError as exc:
        console.print(f"[bold red]ETL failed[/] after {time.perf_counter() - t0:.1f} s: {escape(str(exc))}",
                      highlight=False)
        return 2
    except OSError as exc:      # run() turns these into EtlError; this is the last line of defence
        console.print(f"[bold red]ETL failed[/] after {time.perf_counter() - t0:.1f} s: {escape(str(exc))}\n"
                      f"  What to do: check the disk space and the permissions of {escape(args.data_dir)}",
                      highlight=False)
        return 2
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a fault of the ETL itself, said plainly
        console.print(f"[bold red]ETL failed[/] after {time.perf_counter() - t0:.1f} s with an internal error: "
                      f"{escape(excerpt(f'{type(exc).__name__}: {exc}', 300))}\n  What to do: this is a fault of the "
                      "ETL: report it with the last file named above; the previous warehouse is unchanged",
                      highlight=False)
        return 3
    except KeyboardInterrupt:
        console.print("[bold red]ETL interrupted[/]: nothing was published.")
        return 130
    summary(result, console)
    if result.left_out:
        console.print(f"Public build: left out {len(result.left_out)} source(s) whose licence does not allow "
                      f"redistribution or does not say: {', '.join(result.left_out)}", highlight=False)
    for w in result.warnings:
        console.print(f"[yellow]warning[/]: {escape(w)}", highlight=False)
    if args.check:
        console.print("Check passed: every source read and every data test passed; nothing was written.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
