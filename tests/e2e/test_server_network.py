"""The dashboard's server on the network (issue 14, item 5): probed as a DNS-rebinding page, a page on another
site and an attendee would probe it.

The server runs as `make run` serves it (serve.py: app.py behind dashboard/server_guard.py) with a network audit
in its process (apps/net_audit/sitecustomize.py: an audit hook records every socket connect, name look-up, HTTP
connection and subprocess, and refuses any that would leave the machine). Browser tests use a second Chromium
whose resolver maps ``*.test`` to 127.0.0.1, so a "foreign" site is a local page under a foreign name and nothing
is ever looked up outside.
"""
from __future__ import annotations

import http.server
import re
import socketserver
import threading
from contextlib import contextmanager

import pytest

from tests.e2e.conftest import APPS_DIR, CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, _start_streamlit, _stop
from tests.e2e.helpers import error_boxes, wait_for_app
from tests.e2e.net_helpers import audit_env, audit_events, outbound, port_of, request, websocket_handshake

PAGES = ["/", "/trends", "/map", "/operations", "/goals", "/architecture", "/data"]
FOREIGN = "evil.example"


@pytest.fixture(scope="module")
def audited_server(tmp_path_factory, e2e_data_dir):
    """The guarded dashboard with the network audit; yields (base URL, audit log path, server process)."""
    tmp = tmp_path_factory.mktemp("audited_server")
    audit = tmp / "net_audit.jsonl"
    env = {"DATA_DIR": str(e2e_data_dir), **audit_env(audit)}
    proc, url = _start_streamlit(REPO_ROOT / "app.py", tmp / "streamlit.log", env)
    try:
        yield url, audit, proc
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def test_names_browser(browser):
    """Chromium resolving every ``*.test`` name to 127.0.0.1 (and nothing else differently)."""
    other = browser.browser_type.launch(executable_path=CHROMIUM,
                                        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP *.test 127.0.0.1"])
    try:
        yield other
    finally:
        other.close()


@contextmanager
def page_on_another_site(html: str):
    """Serve ``html`` from 127.0.0.1 on a port of its own; yields the port (open it as http://<name>.test:port/)."""
    body = html.encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def _static_script(url: str) -> str:
    """The path of the main JavaScript bundle Streamlit's index.html loads."""
    found = re.search(rb'src="\./(static/js/[^"]+\.js)"', request(url, "/").body)
    assert found, "no script in index.html"
    return "/" + found.group(1).decode()


def test_foreign_host_is_refused_on_every_route(audited_server):
    url, _, _ = audited_server
    port = port_of(url)
    routes = ["/", "/goals?lang=fr", "/_stcore/health", "/_stcore/host-config", "/app/static/favicon.png",
              "/favicon.png", _static_script(url), "/media/anything", "/_stcore/metrics", "/no-such-page"]
    own = {path: request(url, path) for path in routes}
    assert own["/"].status == 200 and b"<html" in own["/"].body.lower()      # the probes reach a working server
    assert own["/_stcore/health"].body.strip() == b"ok"
    assert own["/app/static/favicon.png"].status == 200
    assert own[_static_script(url)].status == 200

    rebound_hosts = [f"{FOREIGN}:{port}", FOREIGN, f"127.0.0.1.{FOREIGN}:{port}", f"localhost.{FOREIGN}:{port}",
                     f"user@127.0.0.1:{port}", f"127.0.0.1:{port}/x", "127.0.0.1:notaport", ""]
    for path in routes:
        for host in rebound_hosts:
            reply = request(url, path, host=host)
            assert reply.status == 400, (path, host, reply.status)
            assert b"<html" not in reply.body.lower() and b"static/js" not in reply.body, (path, host)
        reply = request(url, path, method="POST", host=f"{FOREIGN}:{port}", body=b"x=1")
        assert reply.status == 400, (path, "POST", reply.status)

    # a DNS-rebinding page's own WebSocket: foreign Host, and the Origin that goes with it
    assert websocket_handshake(url, host=f"{FOREIGN}:{port}", origin=f"http://{FOREIGN}:{port}") == 403
    assert websocket_handshake(url, host=f"{FOREIGN}:{port}") == 403
    assert websocket_handshake(url, origin=f"http://127.0.0.1:{port}") == 101        # the app's own: accepted


def test_a_rebound_name_gets_no_app_in_the_browser(audited_server, test_names_browser):
    url, _, _ = audited_server
    page = test_names_browser.new_page()
    sockets = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    try:
        response = page.goto(f"http://rebind.test:{port_of(url)}/")
        assert response is not None and response.status == 400
        assert page.locator('[data-testid="stApp"]').count() == 0
        assert "answers only to the address" in page.inner_text("body")
        assert sockets == []
    finally:
        page.close()


def test_unused_routes_are_closed(audited_server):
    url, _, _ = audited_server
    for path in ["/_stcore/metrics", "/_stcore/metrics?format=text", "/_stcore/agent/openapi.json",
                 "/auth/login", "/auth/logout", "/oauth2callback"]:
        assert request(url, path).status == 404, path
    assert request(url, "/_stcore/agent/interact", method="POST", body=b"{}",
                   headers={"Content-Type": "application/json"}).status == 404


def test_every_response_forbids_framing(audited_server):
    url, _, _ = audited_server
    for path in ["/", "/goals", "/app/static/favicon.png", _static_script(url), "/_stcore/health",
                 "/_stcore/metrics"]:
        reply = request(url, path)
        assert reply.header("x-frame-options") == "DENY", path
        csp = reply.header("content-security-policy")
        assert "frame-ancestors 'none'" in csp and "connect-src 'self'" in csp, path


def test_a_page_on_another_site_can_neither_connect_nor_frame_the_app(audited_server, test_names_browser):
    url, _, _ = audited_server
    port = port_of(url)
    html = f"""<!DOCTYPE html><html><body><iframe src="http://127.0.0.1:{port}/"></iframe><script>
      const ws = new WebSocket("ws://127.0.0.1:{port}/_stcore/stream");
      ws.onopen = () => {{ document.title = "open"; }};
      ws.onclose = () => {{ document.title = "closed"; }};
    </script></body></html>"""
    page = test_names_browser.new_page()
    try:
        with page_on_another_site(html) as other_port:
            with page.expect_console_message(lambda m: "Unexpected response code: 403" in m.text), \
                 page.expect_console_message(lambda m: "frame-ancestors 'none'" in m.text):
                page.goto(f"http://evil.test:{other_port}/")
            page.wait_for_function("document.title !== ''")
            assert page.title() == "closed"              # refused at the handshake: never open
    finally:
        page.close()


def test_no_outbound_connection_while_probed_and_browsed(audited_server, page):
    """Foreign-Origin WebSockets (Streamlit itself would look up 8.8.8.8 and checkip.amazonaws.com for each),
    then every page browsed: the server process makes no outbound connection attempt of any kind."""
    url, audit, proc = audited_server
    port = port_of(url)
    for origin in [f"http://{FOREIGN}", f"https://{FOREIGN}:{port}", "null", f"http://127.0.0.1:{port + 1}",
                   f"http://localhost:{port}", f"http://127.0.0.1:{port}@{FOREIGN}"]:
        assert websocket_handshake(url, origin=origin) == 403, origin
        reply = request(url, "/_stcore/host-config", headers={"Origin": origin})
        assert reply.status == 403, origin
    for path in PAGES:
        page.goto(url + path)
        wait_for_app(page)
        assert error_boxes(page).count() == 0, (path, error_boxes(page).all_inner_texts())
    assert page.external_requests == []

    events = audit_events(audit)
    assert {"pid": proc.pid, "event": "audit.installed", "target": "", "outbound": False} in events
    assert any(e["event"] == "socket.getaddrinfo" and e["target"] == "'127.0.0.1'" for e in events)  # hook live
    assert outbound(events) == []
    assert [e for e in events if e["event"] == "subprocess.Popen"] == []


def test_the_audit_sees_what_plain_streamlit_does(tmp_path_factory):
    """The measuring instrument: plain `streamlit run` (no serve.py) answering one foreign-Origin WebSocket is
    seen trying 8.8.8.8 and checkip.amazonaws.com (both refused by the audit, so nothing leaves here either)."""
    tmp = tmp_path_factory.mktemp("plain_streamlit")
    audit = tmp / "net_audit.jsonl"
    proc, url = _start_streamlit(APPS_DIR / "map_probe.py", tmp / "streamlit.log", audit_env(audit))
    try:
        assert websocket_handshake(url, origin=f"http://{FOREIGN}") == 403
    finally:
        _stop(proc)
    targets = {e["target"] for e in outbound(audit_events(audit))}
    assert "('8.8.8.8', 1)" in targets
    assert "'checkip.amazonaws.com'" in targets
