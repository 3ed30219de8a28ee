"""A new ETL run replaces the warehouse while viewers are connected: picked up without a restart, and nobody
mid-session sees an error.

The server runs on a temporary data directory (a copy of data/raw, built with `python -m etl --data-dir`).
Two viewers are connected, one on the Data page and one on Trends. The ETL runs three more times in a
subprocess, with a changed sidecar title, while the Trends viewer keeps changing a filter; after the first
run the first build is no longer kept (publish keeps the current and the previous build), so sessions that
opened it lose its files mid-session. Then both viewers interact once more: the Data page shows the newest
run and the new title, Trends still draws its chart, no error box anywhere, and the server (same process) logged
no traceback. The read-only and deleted-build checks at unit level are in tests/test_app_warehouse_access.py.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import REPO_ROOT, _python, _start_streamlit, _stop
from tests.e2e.helpers import error_boxes, plotly_charts, screenshot, wait_for_app

FOOTER = "Every figure traces to a cited source"
SIDECAR = "organizations.csv.source.toml"
RUN_ID = re.compile(r"Run (\S+): started")
#: The y axis type of the page's chart ('log' or 'linear'), or null while it is being drawn.
Y_TYPE = """() => { const g = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  return g && g._fullLayout && g._fullLayout.yaxis ? g._fullLayout.yaxis.type : null; }"""

pytestmark = pytest.mark.slow


def _etl(data_dir: Path, wait: bool = True):
    cmd = [_python() if Path(_python()).exists() else sys.executable, "-m", "etl", "--data-dir", str(data_dir)]
    if wait:
        return subprocess.run(cmd, cwd=REPO_ROOT, check=True, capture_output=True, text=True)
    return subprocess.Popen(cmd, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope="module")
def live_data(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("live") / "data"
    shutil.copytree(REPO_ROOT / "data" / "raw", data_dir / "raw")
    _etl(data_dir)
    return data_dir


@pytest.fixture(scope="module")
def live_server(live_data, tmp_path_factory, browser):
    log = tmp_path_factory.mktemp("live_server") / "streamlit.log"
    proc, url = _start_streamlit(REPO_ROOT / "app.py", log, {"DATA_DIR": str(live_data)})
    try:
        warm = browser.new_page()        # not the server's first session: see tests/e2e/test_text_safety.py
        _open(warm, url)
        warm.close()
        yield proc, url
    finally:
        _stop(proc)


def _open(page, url: str) -> None:
    page.goto(url)
    page.get_by_text(FOOTER).wait_for(timeout=60_000)
    wait_for_app(page, timeout=60_000)


def _shown_run(page) -> str:
    found = RUN_ID.search(page.inner_text("body"))
    assert found, page.inner_text("body")[:1500]
    return found.group(1)


def _no_errors(page, where: str) -> None:
    assert error_boxes(page).count() == 0, (where, error_boxes(page).all_inner_texts())


def _toggle_log(page) -> None:
    """Click "Log scale" and wait for its effect on the chart (a rerun is recognised by what it draws)."""
    before = page.evaluate(Y_TYPE)
    page.get_by_text("Log scale").click()
    page.wait_for_function(f"() => ({Y_TYPE})() === '{'linear' if before == 'log' else 'log'}'", timeout=60_000)
    wait_for_app(page, timeout=60_000)


def _pick_table(page, name: str) -> None:
    """Choose a table in the Data page's "Table" selectbox (a react-aria combobox: type, then pick)."""
    box = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').filter(has_text="Table").first
    field = box.get_by_role("combobox")
    for attempt in range(3):
        field.click()
        field.fill(name)
        option = page.get_by_role("option", name=name, exact=True)
        try:
            option.wait_for(timeout=5_000)
        except Exception:                      # noqa: BLE001 - the list did not open: close and try again
            page.keyboard.press("Escape")
            continue
        option.click()
        return
    raise AssertionError(f"could not pick {name!r} in the Table selectbox")


def test_new_build_is_picked_up_without_restart_or_errors(live_server, live_data, page, browser, capsys):
    proc, url = live_server
    _open(page, f"{url}/data")
    first_run = _shown_run(page)
    first_build = (live_data / "current").resolve()
    _no_errors(page, "data page, first build")

    other = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        trends = other.new_page()
        _open(trends, f"{url}/trends")
        assert plotly_charts(trends).count() == 1

        sidecar = live_data / "raw" / SIDECAR
        token = f"Live reload check {int(time.time())}"
        sidecar.write_text(sidecar.read_text(encoding="utf-8").replace('title = "', f'title = "{token}: ', 1),
                           encoding="utf-8")
        interactions = 0
        for _ in range(3):                     # the ETL runs while the Trends viewer keeps changing a filter
            etl = _etl(live_data, wait=False)
            while etl.poll() is None:
                _toggle_log(trends)
                interactions += 1
                _no_errors(trends, f"trends during an ETL run (interaction {interactions})")
            assert etl.returncode == 0, etl.stderr.read()[-2000:]
        assert not first_build.exists(), "publish kept the first build: no session lost its files"
        assert proc.poll() is None, "the server stopped"

        # both viewers interact again in their old sessions: the newest build, no error
        _pick_table(page, "goals")
        page.get_by_text("goals as CSV").wait_for(timeout=60_000)       # the rerun has drawn the download
        wait_for_app(page, timeout=60_000)
        newest = _shown_run(page)
        assert newest != first_run
        current = (live_data / "current").resolve().name
        assert newest in current or current.endswith(newest), (newest, current)
        page.get_by_text("Notes and caveats by source").click()
        page.locator('[data-testid="stExpanderDetails"]').get_by_text(token).first.wait_for(timeout=10_000)
        _no_errors(page, "data page, newest build")
        screenshot(page, "live_reload_data")

        _toggle_log(trends)
        assert plotly_charts(trends).count() == 1
        _no_errors(trends, "trends, newest build")
    finally:
        other.close()
    log = url.log()
    assert "Traceback" not in log and "page failed" not in log, log[-3000:]
    with capsys.disabled():                       # the figures, also without -s
        print(f"\nlive reload: 3 ETL runs while connected, {interactions} filter changes during them, "
              f"run {first_run} -> {newest}, same server pid {proc.pid}, 0 errors")
