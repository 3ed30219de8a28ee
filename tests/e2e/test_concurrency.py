"""A crowd of viewers: at least 10 browser sessions change their own filters at the same time, for a bounded
time, and every chart must be right for its own session.

One Chromium, one browser context per viewer (separate cookies, separate Streamlit sessions), driven
concurrently with Playwright's async API (the sync API cannot be shared across threads). Each viewer owns a
distinct pair of indicators and a distinct set of UN subregions; in a loop it opens a shared link to its
view, toggles the log scale and removes a region from the sidebar, and after every change checks its chart:
the title names its own indicator, the lines are exactly its own regions, the axis type follows its toggle,
and no error box is shown. A mix-up between sessions (a wrong cached result, a shared cursor) would show
another viewer's indicator or regions. The server's memory is read from /proc (VmRSS sampled every 0.5 s,
VmHWM its peak). Figures are printed, never asserted; the pace is kept humane for a 2-core machine.

Environment: E2E_SESSIONS (default 10), E2E_CONCURRENCY_SECONDS (default 60).
"""
from __future__ import annotations

import asyncio
import html
import os
import random
import time
from urllib.parse import urlencode

import pytest

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, _start_streamlit, _stop
from tests.e2e.helpers import _APP_IDLE_JS, _APP_STATE_JS, _DONE_STATES, SCREENSHOT_DIR, is_external_url

SESSIONS = int(os.environ.get("E2E_SESSIONS", "10"))
SECONDS = float(os.environ.get("E2E_CONCURRENCY_SECONDS", "60"))
TIMEOUT = 120_000                     # ms: ten sessions rerunning at once on two cores can be slow
FOOTER = "Every figure traces to a cited source"
ERRORS = '[data-testid="stException"], [data-testid="stAlert"]:has([data-testid="stAlertContentError"])'
CHART_STATE = """() => {
  const g = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  if (!g || !g.data) return null;
  return {title: (g.layout.title && g.layout.title.text) || '', names: g.data.map(t => t.name),
          ytype: g._fullLayout.yaxis.type,
          lines: (g._fullData || []).filter(t => t.mode !== 'lines')            // a line's markers hold its values
                                    .map(t => [t.name, Array.from(t.x || []), Array.from(t.y || [])])};
}"""

# What each change must lead to. A rerun is recognised by its effect on the chart, not by watching the app's
# script-state attribute: React may batch "running" and "notRunning" of a fast rerun into one render.
LOG_ON = """() => { const g = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  return !!(g && g._fullLayout && g._fullLayout.yaxis && g._fullLayout.yaxis.type === 'log'); }"""
LINE_GONE = """(name) => { const g = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  return !!(g && g.data && g.data.length && !g.data.some(t => t.name === name)); }"""

pytestmark = pytest.mark.slow


def _memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak resident set) of a process, in kB, read from /proc."""
    out = {}
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0])
    return out


@pytest.fixture(scope="module")
def crowd_server(tmp_path_factory, warehouse_dir):
    """A server of its own, so its memory figures belong to this test."""
    log = tmp_path_factory.mktemp("crowd_server") / "streamlit.log"
    proc, url = _start_streamlit(REPO_ROOT / "app.py", log, {"DATA_DIR": str(warehouse_dir)})
    try:
        yield proc, url
    finally:
        _stop(proc)


def _plans(n: int) -> list[list[dict]]:
    """Per viewer: two views (indicator, its displayed name, three subregions with values), unique to it."""
    from dashboard import data
    from dashboard.charts.lines import cut_to_adequate

    subregions = data.regions("un_subregion")
    ind = data.indicator_choices()
    ind = ind[(ind["aggregation"] != "none") & ~ind["has_breakdown"].astype(bool) & ~ind["name_repeats"]]
    plans, used = [], set()
    for row in ind.itertuples():
        if len(plans) == 2 * n:
            break
        k = len(plans)
        regions = [subregions[(3 * k + j) % len(subregions)] for j in range(3)]
        # what the chart draws: the publisher's estimate where there is one, each line ending at its last
        # adequately covered year (charts/lines.py)
        df = data.trend_series(row.indicator_id, "un_subregion", regions, (), 2000, 2100, "Total", "Total",
                               "publisher_estimate")
        df = cut_to_adequate(df, "series")[0].rename(columns={"series": "region"})
        have = sorted(set(df["region"]))
        if len(have) < 2 or row.name in used:
            continue
        used.add(row.name)
        values = {r: {int(y): float(v) for y, v in zip(g["year"], g["value"])} for r, g in df.groupby("region")}
        plans.append({"indicator": row.indicator_id, "name": row.name, "regions": have, "values": values})
    assert len(plans) == 2 * n, f"only {len(plans)} distinct views for {n} viewers"
    return [plans[2 * i:2 * i + 2] for i in range(n)]


class Stats:
    def __init__(self):
        self.checks = 0
        self.errors: list[str] = []
        self.reruns = 0
        self.navigations = 0
        self.external: list[str] = []


async def _idle(page) -> None:
    await page.wait_for_function(_APP_IDLE_JS, arg=list(_DONE_STATES), timeout=TIMEOUT, polling=100)


async def _change(page, action, effect: str, arg=None) -> None:
    """Do `action`, wait for its `effect` on the chart (a JS predicate), then for the app to be idle."""
    await action()
    await page.wait_for_function(effect, arg=arg, timeout=TIMEOUT, polling=100)
    await _idle(page)


async def _check(page, viewer: int, view: dict, regions: list[str], log: bool, stats: Stats, where: str) -> None:
    """The chart is this viewer's own: its indicator in the title, exactly its regions, its axis type."""
    state = await page.evaluate(CHART_STATE)
    problems = []
    if await page.locator(ERRORS).count():
        problems.append("error box: " + " | ".join(await page.locator(ERRORS).all_inner_texts()))
    if state is None:
        problems.append("no chart")
    else:
        if not state["title"].startswith(html.escape(view["name"], quote=False)):
            problems.append(f"title {state['title']!r} is not {view['name']!r}")
        lines = sorted({n for n in state["names"] if n in ALL_SUBREGIONS})   # a line's markers and segments
        if lines != sorted(regions):
            problems.append(f"lines {lines} are not {sorted(regions)}")
        for name, xs, ys in state["lines"]:                  # and their values are this view's values
            want = view["values"].get(name)
            got = {int(x): y for x, y in zip(xs, ys) if x is not None and y is not None}
            if want is not None and (set(got) != set(want) or any(
                    abs(got[y] - want[y]) > 1e-9 * max(1.0, abs(want[y])) for y in want)):
                problems.append(f"values of {name} differ from {view['indicator']}'s")
        if state["ytype"] != ("log" if log else "linear"):
            problems.append(f"y axis {state['ytype']} (log={log})")
    stats.checks += 1
    if problems:
        stats.errors.append(f"viewer {viewer} {where}: " + "; ".join(problems))


ALL_SUBREGIONS: set[str] = set()


async def _viewer(i: int, browser, url: str, plan: list[dict], start: Start, stats: Stats, held: list) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    await context.route(is_external_url, lambda route: route.abort("internetdisconnected"))
    context.on("request", lambda r: stats.external.append(r.url) if is_external_url(r.url) else None)
    page = await context.new_page()
    page.on("pageerror", lambda exc: stats.errors.append(f"viewer {i} page error: {exc}"))
    rng = random.Random(i)
    k = 0
    deadline = None
    step = "opening the first view"
    try:
        while deadline is None or time.monotonic() < deadline:
            view = plan[k % len(plan)]
            k += 1
            query = urlencode([("indicator", view["indicator"]), ("scheme", "un_subregion"),
                               *[("regions", r) for r in view["regions"]]])
            step = f"opening {view['indicator']}"
            await page.goto(f"{url}/trends?{query}", timeout=TIMEOUT)
            await page.get_by_text(FOOTER).wait_for(timeout=TIMEOUT)
            await _idle(page)
            stats.navigations += 1
            await _check(page, i, view, view["regions"], False, stats, "after opening its link")
            if deadline is None:                 # every viewer has its page open: the bounded time starts
                deadline = await start.ready()
            if time.monotonic() >= deadline:
                break
            await asyncio.sleep(rng.uniform(0.5, 1.5))
            step = "the log toggle"
            await _change(page, lambda: page.get_by_text("Log scale").click(), LOG_ON)
            stats.reruns += 1
            await _check(page, i, view, view["regions"], True, stats, "after the log toggle")
            if time.monotonic() >= deadline:
                break
            await asyncio.sleep(rng.uniform(0.5, 1.5))
            gone = view["regions"][k % len(view["regions"])]
            step = f"removing {gone}"
            await _change(page, lambda: page.get_by_role("button", name=f"Remove {gone}", exact=True).click(),
                          LINE_GONE, gone)
            stats.reruns += 1
            await _check(page, i, view, [r for r in view["regions"] if r != gone], True, stats,
                         f"after removing {gone}")
            await asyncio.sleep(rng.uniform(0.5, 1.5))
        app = page.locator('[data-testid="stApp"]')
        if await app.get_attribute("data-test-connection-state") == "CONNECTED":
            held.append(i)
    except Exception as exc:  # noqa: BLE001 - a viewer that fails is counted, the others go on
        try:
            state = await page.evaluate(_APP_STATE_JS)
            state["url"] = page.url
            SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
            await page.screenshot(path=str(SCREENSHOT_DIR / f"crowd_viewer_{i}_failed.png"))
        except Exception as inner:  # noqa: BLE001
            state = repr(inner)[:100]
        stats.errors.append(f"viewer {i} failed at {step}: {exc.__class__.__name__}: {str(exc)[:200]}; "
                            f"app state {state}")
        if deadline is None:
            start.arrive()                       # do not keep the others waiting for this one
    finally:
        await context.close()


class Start:
    """The bounded time starts once every viewer has opened its first view (loading ten sessions at once on
    two cores takes a while); ready() waits for that moment and returns the deadline."""

    def __init__(self, viewers: int):
        self.viewers, self.arrived, self.event, self.at = viewers, 0, asyncio.Event(), 0.0

    def arrive(self) -> None:
        self.arrived += 1
        if self.arrived == self.viewers:
            self.at = time.monotonic()
            self.event.set()

    async def ready(self) -> float:
        self.arrive()
        await self.event.wait()
        return self.at + SECONDS


async def _crowd(url: str, pid: int, plans: list[list[dict]]) -> dict:
    from playwright.async_api import async_playwright

    stats, held, samples = Stats(), [], []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        warm = await browser.new_page()                 # the server's first session, before the crowd
        await warm.goto(url, timeout=TIMEOUT)
        await warm.get_by_text(FOOTER).wait_for(timeout=TIMEOUT)
        await warm.close()
        baseline = _memory(pid)

        async def sample():
            while True:
                samples.append(_memory(pid)["VmRSS"])
                await asyncio.sleep(0.5)

        sampler = asyncio.create_task(sample())
        opened = time.monotonic()
        start = Start(len(plans))
        await asyncio.gather(*(_viewer(i, browser, url, plans[i], start, stats, held)
                               for i in range(len(plans))))
        duration = time.monotonic() - (start.at or opened)
        loading = (start.at or time.monotonic()) - opened
        sampler.cancel()
        await browser.close()
    return {"stats": stats, "held": held, "baseline": baseline, "after": _memory(pid),
            "samples": samples, "duration": duration, "loading": loading}


def test_ten_sessions_change_filters_at_once_without_errors_or_mix_ups(crowd_server, capsys):
    from dashboard import data

    proc, url = crowd_server
    ALL_SUBREGIONS.update(data.regions("un_subregion"))
    plans = _plans(SESSIONS)
    result = asyncio.run(_crowd(url, proc.pid, plans))
    stats = result["stats"]
    peak = max(result["after"]["VmHWM"], *result["samples"])
    mib = {k: v / 1024 for k, v in (("before", result["baseline"]["VmRSS"]), ("sampled", max(result["samples"])),
                                     ("peak", peak), ("after", result["after"]["VmRSS"]))}
    figures = (f"concurrency: {SESSIONS} sessions opened in {result['loading']:.0f} s, {len(result['held'])} held "
               f"to the end of {result['duration']:.0f} s of changes; {stats.checks} chart checks after "
               f"{stats.navigations} link openings and {stats.reruns} widget changes; {len(stats.errors)} errors; "
               f"server RSS {mib['before']:.0f} MiB before, {mib['sampled']:.0f} MiB highest sampled, peak (VmHWM) "
               f"{mib['peak']:.0f} MiB, {mib['after']:.0f} MiB after")
    with capsys.disabled():                       # the figures, also without -s
        print("\n" + figures)
    assert proc.poll() is None, "the server died"
    assert stats.errors == [], "\n".join(stats.errors[:20])
    assert len(result["held"]) == SESSIONS >= 10
    assert stats.checks >= 3 * SESSIONS
    assert stats.external == []
    log = url.log()
    assert "Traceback" not in log and "page failed" not in log, log[-3000:]
