"""The data directories the benchmarks run on: /tmp/bench-<size>/ with raw/ and, once built, the warehouse.

`bundled` is a copy of the repo's data/raw (real data; the repo's own data/ is never written by a benchmark);
any other size is `python -m bench.generate --rows N` (synthetic, labelled so in its sidecar).
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .common import PYTHON, REPO, log, parse_size

BUNDLED_RAW = REPO / "data" / "raw"


class Datasets:
    """Prepares each size once per benchmark run; removes what it made at the end unless kept."""

    def __init__(self, root: Path | None = None, keep: bool = False):
        self.root = Path(root or tempfile.gettempdir())
        self.keep = keep
        self.dirs: dict[str, Path] = {}
        self.built: set[str] = set()

    def path(self, size: str) -> Path:
        return self.root / f"bench-{size}"

    def raw(self, size: str) -> Path:
        """DIR with DIR/raw/ ready for the ETL (made on first use in this run)."""
        if size in self.dirs:
            return self.dirs[size]
        label, rows = parse_size(size)
        out = self.path(label)
        if out.exists():
            shutil.rmtree(out)
        (out / "raw").mkdir(parents=True)
        if rows is None:
            for src in sorted(BUNDLED_RAW.iterdir()):
                if src.is_file() and not src.name.startswith("."):
                    shutil.copyfile(src, out / "raw" / src.name)
            log(f"[data] {label}: copied {BUNDLED_RAW} to {out / 'raw'}")
        else:
            log(f"[data] {label}: generating {rows:,} synthetic rows in {out / 'raw'}")
            subprocess.run([PYTHON, "-m", "bench.generate", "--rows", str(rows), "--data-dir", str(out)],
                           cwd=REPO, check=True, stdout=subprocess.DEVNULL)
        self.dirs[size] = out
        return out

    def warehouse(self, size: str) -> Path:
        """DIR with a published warehouse (runs the ETL once unless the ETL benchmark already did)."""
        out = self.raw(size)
        if size not in self.built or not (out / "warehouse.duckdb").exists():
            log(f"[data] {size}: building the warehouse (python -m etl --data-dir {out})")
            subprocess.run([PYTHON, "-m", "etl", "--data-dir", str(out)], cwd=REPO, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.built.add(size)
        return out

    def mark_built(self, size: str) -> None:
        self.built.add(size)

    def cleanup(self) -> None:
        if self.keep:
            for size, d in self.dirs.items():
                log(f"[data] kept {d}")
            return
        for d in self.dirs.values():
            shutil.rmtree(d, ignore_errors=True)
