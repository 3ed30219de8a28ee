"""Helpers for the browser tests (Playwright sync API against a running Streamlit server).

Streamlit 1.67 DOM facts these rely on (checked in the rendered page):

- ``[data-testid="stApp"]`` carries ``data-test-script-state`` (``initial`` before the first run,
  then ``running`` / ``notRunning``, also ``rerunRequested``, ``stopRequested``,
  ``compilationError``) and ``data-test-connection-state`` (``PINGING_SERVER``, ``CONNECTING``,
  ``CONNECTED``, ...).
- While a run lasts longer than a moment, ``[data-testid="stStatusWidget"]`` appears in the header
  with a ``[data-testid="stStatusWidgetRunningIcon"]`` (aria-label "Running...") inside.
- An uncaught exception renders ``[data-testid="stException"]`` (which contains a
  ``stAlertContentError``); ``st.error`` renders ``[data-testid="stAlert"]`` >
  ``stAlertContainer`` > ``[data-testid="stAlertContentError"]``.
- A plotly chart is ``[data-testid="stPlotlyChart"]`` holding a ``.js-plotly-plot`` div, which
  gets ``svg.main-svg`` children once plotly.js has drawn it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page

SCREENSHOT_DIR = Path(__file__).resolve().parent / "screenshots"

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# Schemes that never leave the machine.
LOCAL_SCHEMES = frozenset({"data", "blob", "about", "javascript"})

# Script states in which Streamlit has finished running the page.
_DONE_STATES = ("notRunning", "compilationError")

_APP_IDLE_JS = """
(doneStates) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (!doneStates.includes(app.getAttribute('data-test-script-state'))) return false;
  if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')) return false;
  // lazily loaded elements (plotly charts among them) show a skeleton until their code has loaded, which
  // on a busy machine can be seconds after the script run ended
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  // every plotly chart on the page has been drawn
  for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (!chart.querySelector('.js-plotly-plot .main-svg')) return false;
  }
  return true;
}
"""

_APP_STATE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return {
    app: !!app,
    connection: app && app.getAttribute('data-test-connection-state'),
    script: app && app.getAttribute('data-test-script-state'),
    runningIcon: !!document.querySelector('[data-testid="stStatusWidgetRunningIcon"]'),
    charts: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
    drawnCharts: document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg').length,
  };
}
"""

# Counts script runs (transitions of stApp's script state to running) in the current document.
_RUN_COUNTER_JS = """
() => {
  if (window.__e2eRuns === undefined) {
    window.__e2eRuns = 0;
    const app = document.querySelector('[data-testid="stApp"]');
    if (app) {
      new MutationObserver((records) => {
        for (const r of records) {
          // the old value too: a run that starts and ends between two callbacks is still counted
          const v = r.target.getAttribute('data-test-script-state');
          if (v === 'running' || v === 'rerunRequested' || r.oldValue === 'running') window.__e2eRuns += 1;
        }
      }).observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
    }
  }
  return window.__e2eRuns;
}
"""


def is_external_url(url: str) -> bool:
    """True when loading ``url`` would contact a host other than this machine."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return False
    return (parts.hostname or "") not in LOCAL_HOSTS


def wait_for_app(page: Page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has connected, finished running the script and drawn every chart.

    Use after ``page.goto``. After a widget interaction use :func:`wait_for_rerun`, because the
    page is already idle *before* the rerun starts.
    """
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=timeout)
    try:
        page.wait_for_function(_APP_IDLE_JS, arg=list(_DONE_STATES), timeout=timeout, polling=100)
    except Exception as exc:  # add what was still pending to the timeout message
        state = page.evaluate(_APP_STATE_JS)
        raise AssertionError(f"Streamlit app did not become idle within {timeout} ms: {state}") from exc
    page.wait_for_load_state("networkidle", timeout=timeout)
    # let React/plotly flush the last frame before anyone reads or photographs the page
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    _ensure_run_counter(page)


def _ensure_run_counter(page: Page) -> int:
    return int(page.evaluate(_RUN_COUNTER_JS))


def wait_for_rerun(page: Page, action: Callable[[], object], timeout: float = 30_000) -> None:
    """Do ``action`` (click, fill, select ...) and wait for the rerun it triggers to finish.

    Works for in-page changes, including ``st.navigation`` page switches (no document reload).
    For a full navigation (``page.goto``, reload) call :func:`wait_for_app` instead.
    """
    before = _ensure_run_counter(page)
    action()
    page.wait_for_function(
        "(n) => (window.__e2eRuns || 0) > n", arg=before, timeout=timeout, polling=50
    )
    wait_for_app(page, timeout=timeout)


def plotly_charts(page: Page) -> Locator:
    """Plotly charts that plotly.js has drawn (a ``.js-plotly-plot`` with an ``svg.main-svg``)."""
    return page.locator(".js-plotly-plot").filter(has=page.locator(".main-svg"))


def error_boxes(page: Page) -> Locator:
    """One element per error shown to the viewer: uncaught exceptions and ``st.error`` boxes."""
    return page.locator(
        '[data-testid="stException"], '
        '[data-testid="stAlert"]:has([data-testid="stAlertContentError"])'
    )


def exceptions(page: Page) -> Locator:
    """Uncaught exceptions only (``stException``), without ``st.error`` boxes."""
    return page.locator('[data-testid="stException"]')


def screenshot(page: Page, name: str, full_page: bool = True) -> Path:
    """Save a PNG to ``tests/e2e/screenshots/<name>.png`` (git-ignored) and return its path."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "screenshot"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{safe}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def wait_for_slide(page: Page, deck, k: int, timeout: float = 60_000) -> None:
    """Slide k of `deck` (dashboard.decks.Deck) is on screen: slide=k in the URL, 'k of n' shown, the slide's
    chart drawn and the app idle."""
    page.wait_for_function("(k) => new URLSearchParams(location.search).get('slide') === String(k)",
                           arg=k, timeout=timeout, polling=50)
    page.get_by_text(f"{k} of {len(deck)}", exact=True).wait_for(timeout=timeout)
    page.locator(f".st-key-{deck.slide(k).chart} .js-plotly-plot .main-svg").first.wait_for(timeout=timeout)
    wait_for_app(page, timeout=timeout)
