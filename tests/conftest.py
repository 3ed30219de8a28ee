"""Shared fixtures: the real warehouse built once per test session from the bundled data."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def warehouse_dir() -> Path:
    """data/ with a warehouse built from data/raw (built if missing or older than raw/)."""
    data = REPO / "data"
    wh = data / "warehouse.duckdb"
    newest_raw = max(p.stat().st_mtime for p in (data / "raw").iterdir())
    if not wh.exists() or wh.stat().st_mtime < newest_raw:
        subprocess.run([sys.executable, "-m", "etl", "--data-dir", str(data)], check=True, cwd=REPO)
    os.environ["DATA_DIR"] = str(data)
    return data


@pytest.fixture(scope="session")
def con(warehouse_dir):
    import duckdb

    c = duckdb.connect(str(warehouse_dir / "warehouse.duckdb"), read_only=True)
    yield c
    c.close()


@pytest.fixture(autouse=True)
def _navigation_v2(monkeypatch):
    """AppTest resets PagesManager.uses_pages_directory before each run, so with a pages/ folder beside app.py
    a page whose file name equals its url_path would run alone (multipage v1). On the real server
    ui.require_frame() handles that; in AppTest keep st.navigation in charge directly."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
