"""On stage: a slide change seen in both of the presenter's windows, the export pack's time, and what leaves the
machine meanwhile (`python -m bench presenter`, or `--only presenter`).

The set-up is README's "How a presenter sets up a venue", on the bundled (real) data and the shipped deck
`dialogue`: `python serve.py` as `make run` starts it (loopback, no PRESENTER_KEY, so the key is read from the
terminal's presenter block like a presenter would), the speaker view (its URL with the key, 1600 x 1000) and the
venue window (follow=1, 1920 x 1080) in two contexts of Debian Chromium, as on two screens.

1. Slide change: in the speaker view, click Next through every slide, then Previous back to slide 1, `runs`
   times. Each change is timed in the pages on the browser's clock (performance.timeOrigin + now(), the same
   clock in both windows): from the click's own timestamp to the frame (next animation frame) at which the LATER
   of the two windows shows the new slide: `slide=k` in its URL, "k of n" drawn and the slide's chart drawn
   with the new slide's data (its traces differ from the chart on screen before the click). Baseline: one window
   without the key (an attendee's own window: it moves only itself) clicking Next and Previous the same way;
   the ratio shows what following costs (the venue window checks the deck every 0.5 s, then redraws).
2. Export: `python -m dashboard.export --deck dialogue` (what `make export DECK=dialogue` runs), cold: a new
   process each time (new Python, DuckDB connection, kaleido and Chromium; the OS file cache is warm). Wall
   time of the process, and its own stage times: the PDF (panels + PNGs by kaleido + PDF printed by Chromium)
   and the PPTX (written from the same PNGs). Baseline: the same command with --no-pptx (the PDF alone).
3. Requests leaving the machine, counted three ways during 1 and 2:
   - the audit hook the browser tests use (tests/e2e/apps/net_audit, `sys.addaudithook` in the server's and
     the export's Python processes: every connect, send, name look-up, http.client and urllib request; an
     outbound one is refused and recorded);
   - `strace -f -e trace=connect` of the server and the export processes and all their children (kaleido's and
     the PDF printer's Chromium included): connect() calls to an address other than loopback or a local
     socket (tests/e2e/net_helpers.strace_outbound; when strace is installed);
   - the browser windows' own requests to anything but 127.0.0.1 (Playwright sees each one and aborts it).
   Expected: 0 everywhere.
Figures are printed, never asserted (GUIDE: no timing thresholds in tests).
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from .browser_bench import CHROMIUM, TIMEOUT_MS, Browser, _free_port, wait_healthy
from .common import PYTHON, REPO, Row, log

DECK = "dialogue"
SECTION = "presenter"
STRACE = shutil.which("strace")
EXPORT_RUNS = 3                  # at most, per figure: an export takes tens of seconds
EXPORT_TIMEOUT_S = 600

# Installed in every window: watches for the armed slide and records when it is on screen (browser clock).
INIT_JS = """
(() => {
  const W = window;
  W.__slide = {target: null};
  const now = () => performance.timeOrigin + performance.now();
  const mainChart = (chart) => document.querySelector('.st-key-' + chart + ' .js-plotly-plot');
  const signature = (gd) => (gd && gd.data && gd.querySelector('.main-svg'))
      ? JSON.stringify(gd.data.map(t => [t.name, t.x, t.y, t.z, t.locations])) : null;
  const count = () => { const el = document.querySelector('.st-key-_deck_count'); return el ? el.innerText.trim() : ''; };
  const check = () => {
    const t = W.__slide.target;
    if (!t || t.shown !== null || t._pending) return;
    if (new URLSearchParams(location.search).get('slide') !== String(t.k)) return;
    if (count() !== t.count) return;
    const gd = mainChart(t.chart);
    const sig = signature(gd);
    if (sig === null || sig === t.before) return;
    t._pending = true;
    requestAnimationFrame(() => { t.shown = now(); });
  };
  W.__slideArm = (k, count, chart, beforeChart) => {
    W.__slide.target = {k, count, chart, before: signature(mainChart(beforeChart)), shown: null, clicked: null};
    check();
  };
  W.addEventListener('click', (e) => {
    const t = W.__slide.target;
    if (t && t.clicked === null) t.clicked = performance.timeOrigin + e.timeStamp;
  }, true);
  const start = () => {
    new MutationObserver(check).observe(document.documentElement,
      {subtree: true, childList: true, attributes: true, characterData: true});
    setInterval(check, 100);      // a safety net: the observer normally sees the change first
  };
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
})();
"""
SHOWN = "() => window.__slide.target && window.__slide.target.shown !== null"
IDLE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]');
}"""


def _audit():
    sys.path.insert(0, str(REPO))          # the tests' audit helpers (tests/ is not an installed package)
    from tests.e2e import net_helpers

    return net_helpers


def _traced(cmd: list[str], trace: Path | None) -> list[str]:
    return _audit().traced(cmd, trace) if trace else cmd


def outbound_connects(trace: Path) -> dict[str, list[str]]:
    """Outbound connect() calls in an strace log: "packets" (TCP, or UDP such as a DNS query) and "probes"
    (Chromium's IPv6 reachability check, a UDP connect that sends nothing)."""
    found = _audit().strace_outbound(trace)
    return {"packets": [c.line for c in found if not c.ipv6_probe], "probes": [c.line for c in found if c.ipv6_probe]}


def _strace_rows(found: dict[str, list[str]] | None, what: str) -> list[Row]:
    if found is None:
        return []
    return [Row(SECTION, f"outbound connect() (TCP, DNS), strace of {what}", "bundled", "attempts",
                [float(len(found["packets"]))]),
            Row(SECTION, f"Chromium IPv6 route probes (UDP connect, no packet), strace of {what}", "bundled",
                "attempts", [float(len(found["probes"]))])]


@contextmanager
def stage_server(data_dir: Path, work: Path):
    """`python serve.py` (as `make run`) on a free loopback port, with the network audit and strace; yields
    (key, speaker URL, venue URL, base URL, audit log, strace log)."""
    port = _free_port()
    audit_log, trace = work / "server-audit.jsonl", (work / "server-strace.txt" if STRACE else None)
    env = {k: v for k, v in os.environ.items() if k not in ("SERVE_ADDRESS", "VIEWER_PASSCODE", "PRESENTER_KEY")}
    env.update(_audit().audit_env(audit_log), PYTHONUNBUFFERED="1", DATA_DIR=str(data_dir))
    cmd = _traced([PYTHON, "serve.py", "--server.port", str(port), "--server.headless", "true",
                   "--browser.gatherUsageStats", "false"], trace)
    log_path = work / "server.log"
    with open(log_path, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(proc, base, log_path)
        text = log_path.read_text()
        key = re.search(r"^  Presenter key: (\S+)", text, re.M)
        speaker = re.search(r"^  Speaker view, on your own screen: +(\S+)$", text, re.M)
        venue = re.search(r"^  Venue window, on the projector: +(\S+)$", text, re.M)
        if not (key and speaker and venue):
            raise RuntimeError(f"no presenter block in the terminal output:\n{text[-2000:]}")
        yield key.group(1), speaker.group(1), venue.group(1), base, audit_log, trace
        problems = [ln for ln in log_path.read_text().splitlines() if re.search(r"Traceback|Error|error", ln)]
        if problems:
            raise RuntimeError("the server log shows errors: " + " | ".join(problems[:5]))
    finally:
        _stop_group(proc)


def _stop_group(proc: subprocess.Popen) -> None:
    """Stop the server and strace with it (its own process group: a stopped strace would leave the server
    running, detached)."""
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


class Windows:
    """Browser windows, each in its own context (a screen of its own); counts requests leaving the machine."""

    def __init__(self, browser: Browser):
        self.browser = browser.browser
        self.contexts = []
        self.external: list[str] = []

    def open(self, url: str, width: int, height: int):
        ctx = self.browser.new_context(viewport={"width": width, "height": height})
        local = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")
        ctx.on("request", lambda r: None if r.url.startswith(local) else self.external.append(r.url))
        ctx.route(lambda u: not u.startswith(local), lambda route: route.abort("internetdisconnected"))
        ctx.add_init_script(INIT_JS)
        self.contexts.append(ctx)
        page = ctx.new_page()
        page.goto(url, wait_until="commit")
        return page

    def close(self):
        for ctx in self.contexts:
            ctx.close()


def _wait_slide(page, deck, k: int) -> None:
    """Slide k fully drawn and the app idle (before the next click)."""
    page.wait_for_function("(k) => new URLSearchParams(location.search).get('slide') === String(k)", arg=k,
                           timeout=TIMEOUT_MS, polling=50)
    page.locator(".st-key-_deck_count").get_by_text(f"{k} of {len(deck)}", exact=True).wait_for(timeout=TIMEOUT_MS)
    page.locator(f".st-key-{deck.slide(k).chart} .js-plotly-plot .main-svg").first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(IDLE, timeout=TIMEOUT_MS, polling=50)
    if page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').count():
        raise RuntimeError(f"an error box on slide {k}: {page.url}")


def change(deck, driver, watchers, k_from: int, k_to: int) -> float:
    """Click Next (or Previous) in `driver`; seconds from the click to the frame at which the last of the
    `watchers` (driver included) shows slide k_to."""
    for page in watchers:
        page.evaluate("([k, c, chart, before]) => window.__slideArm(k, c, chart, before)",
                      [k_to, f"{k_to} of {len(deck)}", deck.slide(k_to).chart, deck.slide(k_from).chart])
    driver.get_by_role("button", name="Next" if k_to > k_from else "Previous").click()
    shown = []
    for page in watchers:
        page.wait_for_function(SHOWN, timeout=TIMEOUT_MS, polling=20)
        shown.append(page.evaluate("() => window.__slide.target.shown"))
    clicked = driver.evaluate("() => window.__slide.target.clicked")
    for page in watchers:
        _wait_slide(page, deck, k_to)
    return (max(shown) - clicked) / 1000


def _walk(deck, driver, watchers, passes: int, label: str) -> tuple[list[float], list[float]]:
    n = len(deck)
    forward, back = [], []
    for p in range(passes):
        for k in range(1, n):
            forward.append(change(deck, driver, watchers, k, k + 1))
        for k in range(n, 1, -1):
            back.append(change(deck, driver, watchers, k, k - 1))
        log(f"[presenter] {label} pass {p + 1}/{passes}: forward {[round(x, 2) for x in forward[-(n - 1):]]} s, "
            f"back {[round(x, 2) for x in back[-(n - 1):]]} s")
    return forward, back


def _slide_changes(data_dir: Path, runs: int, work: Path) -> tuple[list[Row], dict]:
    from dashboard import decks

    os.environ.setdefault("DECKS_DIR", str(REPO / "decks"))
    deck = decks.load(DECK)
    net = _audit()
    browser = Browser()
    windows = Windows(browser)
    try:
        with stage_server(data_dir, work) as (key, speaker_url, venue_url, base, audit_log, trace):
            speaker = windows.open(speaker_url, 1600, 1000)
            _wait_slide(speaker, deck, 1)
            venue = windows.open(venue_url, 1920, 1080)
            _wait_slide(venue, deck, 1)
            forward, back = _walk(deck, speaker, [speaker, venue], runs, "two windows")
            if key in venue.evaluate("() => document.body.innerText"):
                raise RuntimeError("the venue window shows the presenter's key")
            attendee = windows.open(f"{base}/?deck={DECK}&slide=1", 1920, 1080)
            _wait_slide(attendee, deck, 1)
            one_fwd, one_back = _walk(deck, attendee, [attendee], runs, "one window (baseline)")
            events = net.audit_events(audit_log)
            if not any(e["event"] == "audit.installed" for e in events):
                raise RuntimeError(f"the network audit did not start in the server ({audit_log})")
        audit_out = net.outbound(events)
        strace_out = outbound_connects(trace) if trace else None
    finally:
        windows.close()
        browser.close()
    note = f"deck {DECK}, {len(deck)} slides, {runs} pass(es)"
    rows = [
        Row(SECTION, "Next in speaker view -> both windows show the next slide, forward", "bundled", "s", forward,
            note=note),
        Row(SECTION, "Previous in speaker view -> both windows show the slide, back", "bundled", "s", back),
        Row(SECTION, "baseline: one window without the key, forward", "bundled", "s", one_fwd),
        Row(SECTION, "baseline: one window without the key, back", "bundled", "s", one_back),
        Row(SECTION, "two windows / one window (median, forward)", "bundled", "ratio",
            [_median(forward) / _median(one_fwd)]),
        Row(SECTION, "two windows / one window (median, back)", "bundled", "ratio",
            [_median(back) / _median(one_back)]),
        Row(SECTION, "outbound attempts, server audit hook (two-window run)", "bundled", "attempts",
            [float(len(audit_out))]),
        Row(SECTION, "outbound requests, browser windows (two-window run)", "bundled", "attempts",
            [float(len(windows.external))]),
    ]
    rows += _strace_rows(strace_out, "the server (two-window run)")
    extra = {"forward_s": forward, "back_s": back, "one_window_forward_s": one_fwd, "one_window_back_s": one_back,
             "audit_outbound": audit_out, "browser_external": windows.external, "strace_outbound": strace_out,
             "audit_events": len(events)}
    return rows, extra


def _median(values: list[float]) -> float:
    import statistics

    return statistics.median(values)


_STAGE = {"figures": re.compile(r"^\d+ slides, \d+ charts built \(([\d.]+) s\)$", re.M),
          "png": re.compile(r"^PNG rendered with kaleido \(([\d.]+) s\)$", re.M),
          "pdf": re.compile(r"\.pdf \(([\d.]+) s\)$", re.M),
          "pptx": re.compile(r"\.pptx \(([\d.]+) s\)$", re.M)}


def export_once(data_dir: Path, work: Path, run: int, pptx: bool = True, trace: bool = False) -> dict:
    """One cold export in a new process; its wall time, stage times and network audit."""
    net = _audit()
    out_dir = work / f"export-{run}"
    audit_log = work / f"export-{run}-audit.jsonl"
    trace_file = work / f"export-{run}-strace.txt" if trace and STRACE else None
    env = {k: v for k, v in os.environ.items() if k not in ("DASHBOARD_URL", "SERVE_ADDRESS")}
    env.update(net.audit_env(audit_log), DATA_DIR=str(data_dir))
    cmd = _traced([PYTHON, "-m", "dashboard.export", "--deck", DECK, "--out", str(out_dir),
                   *([] if pptx else ["--no-pptx"])], trace_file)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=EXPORT_TIMEOUT_S)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"export failed ({proc.returncode}):\n{(proc.stdout + proc.stderr)[-3000:]}")
    stages = {}
    for name, pattern in _STAGE.items():
        m = pattern.search(proc.stdout)
        if m:
            stages[name] = float(m.group(1))
    if not {"figures", "png", "pdf"} <= set(stages) or (pptx and "pptx" not in stages):
        raise RuntimeError(f"the export's stage times are not in its output:\n{proc.stdout[-2000:]}")
    if not (out_dir / f"{DECK}.pdf").stat().st_size or (pptx and not (out_dir / f"{DECK}.pptx").stat().st_size):
        raise RuntimeError("the export wrote an empty file")
    events = net.audit_events(audit_log)
    if not any(e["event"] == "audit.installed" for e in events):
        raise RuntimeError(f"the network audit did not start in the export ({audit_log})")
    return {"wall": wall, "pdf": stages["figures"] + stages["png"] + stages["pdf"], "pptx": stages.get("pptx"),
            "stages": stages, "audit_outbound": net.outbound(events),
            "strace_outbound": outbound_connects(trace_file) if trace_file else None}


def _exports(data_dir: Path, runs: int, work: Path) -> tuple[list[Row], dict]:
    n = max(1, min(runs, EXPORT_RUNS))
    packs, pdf_only = [], []
    for i in range(n):
        packs.append(export_once(data_dir, work, i, trace=(i == 0)))
        log(f"[presenter] export {i + 1}/{n}: {packs[-1]['wall']:.1f} s wall, PDF {packs[-1]['pdf']:.1f} s, "
            f"PPTX {packs[-1]['pptx']:.2f} s")
    for i in range(n):
        pdf_only.append(export_once(data_dir, work, 100 + i, pptx=False))
        log(f"[presenter] export --no-pptx {i + 1}/{n}: {pdf_only[-1]['wall']:.1f} s wall")
    audit_out = [e for r in packs + pdf_only for e in r["audit_outbound"]]
    strace_out = packs[0]["strace_outbound"]
    wall = [r["wall"] for r in packs]
    rows = [
        Row(SECTION, "make export DECK=dialogue (PDF + PPTX), cold process, wall", "bundled", "s", wall,
            note="first run under strace"),
        Row(SECTION, "export: PDF (panels, kaleido PNGs, Chromium print)", "bundled", "s", [r["pdf"] for r in packs]),
        Row(SECTION, "export: PPTX (from the same PNGs)", "bundled", "s", [r["pptx"] for r in packs]),
        Row(SECTION, "baseline: export --no-pptx (PDF alone), cold process, wall", "bundled", "s",
            [r["wall"] for r in pdf_only]),
        Row(SECTION, "pack / PDF alone (median wall)", "bundled", "ratio",
            [_median(wall) / _median([r["wall"] for r in pdf_only])]),
        Row(SECTION, "outbound attempts, export audit hook (all export runs)", "bundled", "attempts",
            [float(len(audit_out))]),
    ]
    rows += _strace_rows(strace_out, "an export and its two Chromiums")
    return rows, {"exports": packs, "pdf_only": pdf_only}


def _bundled_only(size: str) -> None:
    if size != "bundled":
        raise RuntimeError("the presenter benchmark runs the shipped deck on the bundled (real) data only")
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"{CHROMIUM} not found: make browser (Debian's chromium)")


def bench_slides(size: str, data_dir: Path, runs: int) -> tuple[list[Row], dict]:
    """Slide changes in the two windows and in the one-window baseline, with the network counts."""
    _bundled_only(size)
    work = Path(tempfile.mkdtemp(prefix="bench-presenter-"))
    try:
        rows, extra = _slide_changes(data_dir, runs, work)
        return rows, {**extra, "strace": STRACE or "not installed"}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench_export(size: str, data_dir: Path, runs: int) -> tuple[list[Row], dict]:
    """The export pack, cold, against the PDF alone, with the network counts."""
    _bundled_only(size)
    work = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        return _exports(data_dir, runs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
