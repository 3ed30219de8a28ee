"""No request leaves the machine with hostile Markdown in the warehouse's ids and titles and in a deck's titles.

The server runs as `make run` runs it, with the network audit in its process (apps/net_audit/sitecustomize.py),
on a copy of the test warehouse whose goal id, source id and their titles carry Markdown images, links and HTML
pointing at evil.example (tests/hostile_data.build_hostile_ids; the ETL would refuse such ids), and with a deck
whose title, slide titles, takeaway and notes carry the same (HOSTILE_DECK). Every page and every slide, in the
venue window and the speaker view, is opened in Chromium; foreign-Origin WebSockets are opened against it. The
audit records zero outbound connection attempts, the browser zero external requests, and the hostile text is on
screen as text.
"""
from __future__ import annotations

import re
import shutil
from urllib.parse import quote, urlsplit

import pytest

from dashboard import decks
from tests import hostile_data
from tests.e2e.conftest import REPO_ROOT, _start_streamlit, _stop
from tests.e2e.helpers import error_boxes, screenshot, wait_for_app
from tests.e2e.net_helpers import audit_env, audit_events, outbound, port_of, request, websocket_handshake

EVIL = hostile_data.EVIL_HOST
GOAL = quote(hostile_data.HOSTILE_GOAL, safe="")
PAGES = ["/", "/trends", f"/trends?goal={GOAL}", "/map", "/operations", "/goals", f"/goals?goal={GOAL}",
         f"/goals?lang=fr&goal={GOAL}", "/goals?lang=fr&goal=GPG1", "/goals?lang=fr&goal=GPG2", "/architecture",
         "/data", "/?lang=ar", "/trends?present=1", "/?deck=no-such-deck"]

#: Elements that would fetch from or lead to the evil host, or markup from the data rendered as such.
DOM_PROBE = """(evil) => {
  const host = (u) => { try { return new URL(u, location.href).hostname; } catch (e) { return ''; } };
  return {
    images: [...document.querySelectorAll('img, image, source, video, audio, iframe, object, embed')]
      .map(e => e.getAttribute('src') || e.getAttribute('href') || e.getAttribute('data') || '')
      .filter(u => host(u) === evil).length,
    links: [...document.querySelectorAll('a, [href]')].map(a => a.getAttribute('href') || '')
      .filter(u => host(u) === evil).length,
    bold: [...document.querySelectorAll('b, strong')].filter(b => b.textContent === 'bold').length,
    scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert(1)')).length,
  };
}"""


@pytest.fixture(scope="module")
def hostile_stage(tmp_path_factory, warehouse_dir):
    """The guarded server with the network audit, on the hostile-ids warehouse and a decks folder holding the
    hostile deck; yields (base URL, presenter key, audit log, server process)."""
    tmp = tmp_path_factory.mktemp("hostile_stage")
    data_dir = hostile_data.build_hostile_ids(warehouse_dir / "warehouse.duckdb", tmp / "data")
    decks_dir = tmp / "decks"
    decks_dir.mkdir()
    (decks_dir / "hostile.toml").write_text(hostile_data.HOSTILE_DECK, encoding="utf-8")
    shutil.copyfile(REPO_ROOT / "decks" / "dialogue.toml", decks_dir / "dialogue.toml")
    audit = tmp / "net_audit.jsonl"
    env = {"DATA_DIR": str(data_dir), "DECKS_DIR": str(decks_dir), **audit_env(audit)}
    proc, url = _start_streamlit(REPO_ROOT / "app.py", tmp / "serve.log", env)
    try:
        key = re.search(r"^  Presenter key: (\S+)", url.log(), re.M).group(1)
        yield url, key, audit, proc
    finally:
        _stop(proc)


def _visit(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page, timeout=60_000)
    for chart in page.locator(".js-plotly-plot .nsewdrag").all()[:2]:     # hover labels drawn too
        box = chart.bounding_box()
        if box:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_no_request_leaves_the_machine_with_hostile_ids_and_deck_titles(hostile_stage, page):
    url, key, audit, proc = hostile_stage
    evil_requests: list[str] = []
    page.on("request", lambda r: evil_requests.append(r.url) if urlsplit(r.url).hostname == EVIL else None)
    deck = decks.parse(hostile_data.HOSTILE_DECK, "hostile")
    slides = [f"/?deck=hostile&slide={k}" for k in range(1, len(deck) + 1)]
    speaker = [f"/?deck=hostile&slide={k}&speaker=1&key={key}" for k in range(1, len(deck) + 1)]
    for i, path in enumerate(PAGES + slides + speaker):
        _visit(page, url + path)
        found = page.evaluate(DOM_PROBE, EVIL)
        assert found == {"images": 0, "links": 0, "bold": 0, "scripts": 0}, (path, found)
        assert error_boxes(page).count() == 0, (path, error_boxes(page).all_inner_texts())
        screenshot(page, f"hostile_stage_{i:02d}", full_page=False)
        text = page.inner_text("body").replace("\u2060", "")      # the word joiner that stops autolinks
        if path in slides or path in speaker:                  # the deck's own text, shown as text
            k = int(re.search(r"slide=(\d+)", path).group(1))
            assert deck.slide(k).title in text, path
        if path == f"/goals?goal={GOAL}":
            assert hostile_data.HOSTILE_GOAL in text
    # what a page on another site, or a rebinding attacker, would open: refused before Streamlit
    port = port_of(url)
    for origin in [f"http://{EVIL}", f"http://{EVIL}:{port}", "null", f"http://127.0.0.1:{port}@{EVIL}"]:
        assert websocket_handshake(url, origin=origin) == 403, origin
        assert request(url, "/", headers={"Origin": origin}).status == 403, origin
    assert websocket_handshake(url, origin=f"http://127.0.0.1:{port}") == 101

    events = audit_events(audit)
    assert {"pid": proc.pid, "event": "audit.installed", "target": "", "outbound": False} in events
    assert any(e["event"] == "socket.getaddrinfo" and e["target"] == "'127.0.0.1'" for e in events)  # hook live
    assert outbound(events) == []
    assert evil_requests == [] and page.external_requests == []
