"""In the browser: time to the first drawn Trends chart, and to the chart re-drawn after a filter change.

The app runs as `streamlit run serve.py` (app.py behind the network guard, as `make run` serves it; DATA_DIR
pointing at the data measured), as in tests/e2e/conftest.py,
and Debian Chromium is driven by Playwright with the same flags. Every measurement uses a fresh browser
context (no cookies, no session). Times are taken inside the page on its own clock (performance.now(), whose
zero is the navigation start), so they do not include Playwright's round trips:

- first chart: navigation start -> the Trends chart (`.st-key-trends_chart .js-plotly-plot`) has its SVG and
  its traces drawn (a MutationObserver checks every DOM change; the time is taken at the next animation frame,
  i.e. when the frame with the chart is presented);
- filter change: the click that removes one region from the sidebar's Regions multiselect (the event's own
  timestamp) -> the chart shows different data (its traces' names and values differ from before the click),
  again at the next animation frame. The app-idle time (script finished, every element drawn) is recorded too.

Cold: the first load after the server started (imports, first script run, empty caches, new DuckDB
connection); one server per run. Warm: a server that has already served the view once; each run removes a
different region, so the query behind the change is not in Streamlit's cache ("new selection"), while
"cached" repeats a change the server has already answered.
"""
from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from .common import PYTHON, REPO, Row, log
from .views import TrendsView, trends_view

CHROMIUM = os.environ.get("BENCH_CHROMIUM") or os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TARGET_CHANGE_S = 0.5
TARGET_SIZE = "10m"
TIMEOUT_MS = 120_000
CHART = ".st-key-trends_chart .js-plotly-plot"

# Installed in every new document: records when the Trends chart is first drawn, and (once armed) when its
# data changes after a click.
INIT_JS = """
(() => {
  const CHART = %r;
  const W = window;
  W.__bench = {firstChart: null, armed: null};
  const signature = () => {
    const gd = document.querySelector(CHART);
    if (!gd || !gd.data || !gd.querySelector('.main-svg') || !gd.querySelector('.scatterlayer .trace')) return null;
    return JSON.stringify(gd.data.map(t => [t.name, t.x, t.y]));
  };
  W.__benchSignature = signature;
  const idle = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
      && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]');
  };
  // the time at the next animation frame (when the frame showing the change is presented); check again
  // then, as the app may have gone idle meanwhile without another DOM change to wake the observer
  const atFrame = (fn) => requestAnimationFrame(() => { fn(performance.now()); check(); });
  const check = () => {
    const b = W.__bench;
    if (b.firstChart === null && !b._firstPending && signature() !== null) {
      b._firstPending = true;
      atFrame(t => { b.firstChart = t; });
    }
    const a = b.armed;
    if (a && a.clicked !== null) {
      if (a.changed === null && !a._pending) {
        const s = signature();
        if (s !== null && s !== a.before) { a._pending = true; atFrame(t => { a.changed = t; }); }
      }
      if (a.changed !== null && a.idle === null && idle()) a.idle = performance.now();
    }
  };
  W.__benchArm = () => {
    W.__bench.armed = {before: signature(), clicked: null, changed: null, idle: null};
  };
  // the user's action: the click's own timestamp (same clock as performance.now())
  W.addEventListener('click', (e) => {
    const a = W.__bench.armed;
    if (a && a.clicked === null) a.clicked = e.timeStamp;
  }, true);
  const start = () => {
    new MutationObserver(check).observe(document.documentElement,
      {subtree: true, childList: true, attributes: true, characterData: false});
    setInterval(check, 100);      // a safety net only: the observer normally sees every change first
    check();
  };
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
})();
""" % CHART


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(proc: subprocess.Popen, base: str, log_path: Path, timeout_s: float = 90) -> None:
    """Until the server at `base` answers its health check; RuntimeError with its log if it exits or is late."""
    deadline = time.monotonic() + timeout_s
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited ({proc.returncode}):\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.1)


@contextmanager
def app_server(data_dir: Path):
    """`streamlit run serve.py` on a free port with DATA_DIR=data_dir; yields the base URL once healthy."""
    port = _free_port()
    cmd = [PYTHON, "-m", "streamlit", "run", str(REPO / "serve.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    env = {k: v for k, v in os.environ.items() if k not in ("SERVE_ADDRESS", "VIEWER_PASSCODE")}
    env = {**env, "PYTHONUNBUFFERED": "1", "DATA_DIR": str(data_dir)}
    with tempfile.NamedTemporaryFile(prefix="bench-streamlit-", suffix=".log", delete=False) as logf:
        log_path = Path(logf.name)
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=logf, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(proc, base, log_path)
        yield base
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        log_path.unlink(missing_ok=True)


class Browser:
    def __init__(self):
        from playwright.sync_api import sync_playwright

        if not os.access(CHROMIUM, os.X_OK):
            raise RuntimeError(f"{CHROMIUM} not found: apt-get install -y chromium (or set BENCH_CHROMIUM)")
        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def close(self):
        self.browser.close()
        self._pw.stop()

    def visit(self, url: str, remove_region: str | None) -> dict:
        """Open url in a fresh context; time the first chart and, optionally, removing one region."""
        ctx = self.browser.new_context(viewport={"width": 1600, "height": 1000})
        ctx.route(lambda u: not u.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")),
                  lambda route: route.abort("internetdisconnected"))
        ctx.add_init_script(INIT_JS)
        page = ctx.new_page()
        try:
            page.goto(url, wait_until="commit")
            page.wait_for_function("() => window.__bench && window.__bench.firstChart !== null",
                                   timeout=TIMEOUT_MS, polling=50)
            out = {"first_chart_ms": page.evaluate("() => window.__bench.firstChart")}
            self._wait_idle(page)
            if page.locator('[data-testid="stException"]').count():
                raise RuntimeError(f"the page shows an exception: {url}")
            if remove_region is not None:
                page.evaluate("() => window.__benchArm()")
                page.locator(f'.st-key-regions button[aria-label="Remove {remove_region}"]').first.click()
                page.wait_for_function("() => { const a = window.__bench.armed; "
                                       "return a.changed !== null && a.idle !== null; }",
                                       timeout=TIMEOUT_MS, polling=20)
                a = page.evaluate("() => window.__bench.armed")
                out["change_ms"] = a["changed"] - a["clicked"]
                out["change_idle_ms"] = a["idle"] - a["clicked"]
            return out
        finally:
            ctx.close()

    @staticmethod
    def _wait_idle(page) -> None:
        page.wait_for_function("""() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return !!app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
              && app.getAttribute('data-test-script-state') === 'notRunning'
              && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]');
        }""", timeout=TIMEOUT_MS, polling=50)
        page.wait_for_timeout(300)   # let late deltas (captions, downloads) land before the next action


def bench(size: str, data_dir: Path, runs: int, view: TrendsView | None = None) -> list[Row]:
    view = view or trends_view(data_dir)
    regions = list(view.regions)
    if not regions:
        raise RuntimeError("the Trends view has no regions to remove")
    at_target = size == TARGET_SIZE
    cold_first, cold_change, warm_first, warm_change, cached_change, idle_change = [], [], [], [], [], []
    browser = Browser()
    try:
        for i in range(runs):                       # cold: one new server per run
            with app_server(data_dir) as base:
                r = browser.visit(base + view.url_path(), remove_region=regions[-1])
            cold_first.append(r["first_chart_ms"] / 1000)
            cold_change.append(r["change_ms"] / 1000)
            log(f"[browser] {size} cold run {i + 1}/{runs}: first chart {r['first_chart_ms']:.0f} ms, "
                f"filter change {r['change_ms']:.0f} ms")
        with app_server(data_dir) as base:          # warm: one server, already served the view once
            url = base + view.url_path()
            browser.visit(url, remove_region=None)
            for i in range(runs):
                region = regions[i % len(regions)]
                r = browser.visit(url, remove_region=region)
                warm_first.append(r["first_chart_ms"] / 1000)
                warm_change.append(r["change_ms"] / 1000)
                idle_change.append(r["change_idle_ms"] / 1000)
                log(f"[browser] {size} warm run {i + 1}/{runs}: first chart {r['first_chart_ms']:.0f} ms, "
                    f"remove {region}: {r['change_ms']:.0f} ms (idle {r['change_idle_ms']:.0f} ms)")
            for i in range(runs):
                r = browser.visit(url, remove_region=regions[0])
                cached_change.append(r["change_ms"] / 1000)
            log(f"[browser] {size} cached filter change: {[round(x * 1000) for x in cached_change]} ms")
    finally:
        browser.close()
    target = TARGET_CHANGE_S if at_target else None
    return [
        Row("browser", "Trends first chart, cold server (first load after start)", size, "s", cold_first),
        Row("browser", "Trends first chart, warm server", size, "s", warm_first),
        Row("browser", "filter change -> chart redrawn, warm server, new selection", size, "s", warm_change, target,
            note="query not cached"),
        Row("browser", "filter change -> page idle, warm server, new selection", size, "s", idle_change),
        Row("browser", "filter change -> chart redrawn, cold server (first change)", size, "s", cold_change, target),
        Row("browser", "filter change -> chart redrawn, warm server, cached", size, "s", cached_change),
    ]
