"""dashboard/server_guard/ without a server: the settings, the checks and the ASGI middleware driven directly.

The same guard in front of a real server, probed over the network and in Chromium: tests/e2e/test_server_network.py
and tests/e2e/test_viewer_passcode.py.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import hmac
import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

from dashboard import server_guard as g
from dashboard.server_guard import passcode as guard_passcode

REPO = Path(__file__).resolve().parents[1]
PASS = "dialogue-venue-2026"


# --- settings ---------------------------------------------------------------------------------------------


def test_default_is_loopback_without_passcode():
    s = g.settings_from_env({})
    assert s.address == "127.0.0.1" and not s.lan and s.passcode is None
    assert s.allowed_hosts == {"127.0.0.1", "localhost", "::1"}


def test_a_lan_address_answers_to_itself_only_and_needs_a_passcode():
    s = g.settings_from_env({"SERVE_ADDRESS": "192.168.1.20", "VIEWER_PASSCODE": f"  {PASS} "})
    assert s.lan and s.allowed_hosts == {"192.168.1.20"} and s.passcode == PASS
    with pytest.raises(g.SettingsError, match="needs a viewer passcode: set VIEWER_PASSCODE"):
        g.settings_from_env({"SERVE_ADDRESS": "192.168.1.20"})
    with pytest.raises(g.SettingsError, match="use at least 8"):
        g.settings_from_env({"SERVE_ADDRESS": "192.168.1.20", "VIEWER_PASSCODE": "1234567"})
    v6 = g.settings_from_env({"SERVE_ADDRESS": "fd00::2", "VIEWER_PASSCODE": PASS})
    assert v6.lan and v6.allowed_hosts == {"fd00::2"}


def test_a_loopback_address_may_have_a_passcode():
    s = g.settings_from_env({"VIEWER_PASSCODE": PASS})
    assert not s.lan and s.passcode == PASS
    assert g.settings_from_env({"SERVE_ADDRESS": "::1"}).allowed_hosts == {"127.0.0.1", "localhost", "::1"}


@pytest.mark.parametrize("address, message", [
    ("0.0.0.0", "every network"), ("::", "every network"), ("[::]", "every network"),
    ("dashboard.local", "not an IP address"), ("localhost", "not an IP address"),
    ("224.0.0.1", "multicast"), ("192.168.1.20:8501", "not an IP address"), ("", "not an IP address"),
])
def test_addresses_that_are_refused(address, message):
    with pytest.raises(g.SettingsError, match=message):
        g.parse_address(address)


def test_suggested_passcodes_are_long_enough_and_random():
    codes = {g.suggest_passcode() for _ in range(50)}
    assert len(codes) == 50
    assert all(len(c) >= g.MIN_PASSCODE_LENGTH and g.check_passcode(c, "10.0.0.1") == c for c in codes)


# --- checks ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("host, name", [
    ("127.0.0.1:8501", "127.0.0.1"), ("LOCALHOST:8501", "localhost"), ("localhost.:8501", "localhost"),
    ("[::1]:8501", "::1"), ("evil.example:8501", "evil.example"), ("192.168.1.20", "192.168.1.20"),
    ("127.0.0.1:99999", None), ("127.0.0.1:x", None), ("a@127.0.0.1", None), ("127.0.0.1/x", None),
    ("", None), ("127.0.0.1 :8501", None), ("127.0.0.1\\x", None),
])
def test_host_name(host, name):
    assert g.host_name(host) == name


@pytest.mark.parametrize("host, canonical", [
    ("127.0.0.1:8501", "127.0.0.1:8501"), ("LOCALHOST:8501", "localhost:8501"), ("[::1]:8501", "[::1]:8501"),
    ("192.168.1.20", "192.168.1.20"), ("localhost.:08501", "localhost.:8501"),
])
def test_canonical_host(host, canonical):
    assert g.canonical_host(host) == canonical


@pytest.mark.parametrize("origin, same", [
    ("http://127.0.0.1:8501", True), ("https://127.0.0.1:8501", True), ("HTTP://127.0.0.1:8501", True),
    ("http://localhost:8501", False), ("http://127.0.0.1:8502", False), ("http://127.0.0.1", False),
    ("null", False), ("http://evil.example", False), ("http://127.0.0.1:8501@evil.example", False),
    ("file://127.0.0.1:8501", False), ("http://127.0.0.1:8501/path", False), ("", False),
])
def test_same_origin(origin, same):
    assert g.same_origin(origin, "127.0.0.1:8501") is same


def test_client_key_groups_an_ipv6_slash_64():
    assert g.client_key({"client": ("192.168.1.7", 5000)}) == "192.168.1.7"
    assert g.client_key({"client": ("fd00::1:2:3:4", 1)}) == g.client_key({"client": ("fd00::9", 1)})
    assert g.client_key({"client": ("::ffff:10.0.0.5", 1)}) == "10.0.0.5"
    assert g.client_key({}) == "?"


@pytest.mark.parametrize("target, safe", [
    ("/goals?lang=fr", "/goals?lang=fr"), ("/", "/"), ("//evil.example/", "/"), ("/\\evil.example", "/"),
    ("http://evil.example/", "/"), ("goals", "/"), ("/a\r\nSet-Cookie: x", "/"),
])
def test_safe_next(target, safe):
    assert g.safe_next(target) == safe


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_try_limiter_per_client_window_and_overall():
    clock = Clock()
    limiter = g.TryLimiter(per_client=3, overall=5, window_s=60, clock=clock)
    for _ in range(3):
        assert limiter.wait_s("a") == 0
        limiter.failed("a")
    assert limiter.wait_s("a") == pytest.approx(60)
    assert limiter.wait_s("b") == 0                     # another client may still try
    clock.now += 30
    assert limiter.wait_s("a") == pytest.approx(30)
    clock.now += 30.001                                 # the first wrong try has left the window
    assert limiter.wait_s("a") == 0
    limiter.failed("b")
    limiter.failed("c")
    limiter.failed("d")                                  # 3 earlier ones expired: 3 in the window
    limiter.failed("e")
    limiter.failed("f")                                  # 5 from 5 clients in the window: everyone waits
    assert limiter.wait_s("g") > 0
    limiter.succeeded("a")
    assert limiter.wait_s("a") > 0                       # the overall budget still applies


def test_passcode_is_compared_in_constant_time(monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(guard_passcode.hmac, "compare_digest", spy)
    viewer = g.ViewerPass(PASS)
    assert viewer.matches(PASS) and viewer.matches(f" {PASS}\n")
    assert not viewer.matches("x") and not viewer.matches(PASS.upper()) and not viewer.matches("")
    # every comparison went through compare_digest, on digests of one length whatever was typed
    assert calls and all(c == (32, 32) for c in calls)


def test_session_tokens_are_signed_and_expire():
    clock = Clock(1_000_000)
    viewer = g.ViewerPass(PASS, clock=clock)
    token = viewer.issue()
    assert viewer.valid(token)
    expires, mac = token.split(".")
    assert not viewer.valid(f"{int(expires) + 1}.{mac}")         # a later expiry is not signed
    assert not viewer.valid(f"{expires}.{'0' * len(mac)}")
    assert not g.ViewerPass(PASS, clock=clock).valid(token)       # another server start: another secret
    for junk in ["", ".", "abc", "1.2.3", "-1." + mac, "9" * 40 + "." + mac]:
        assert not viewer.valid(junk)
    clock.now += g.SESSION_S + 1
    assert not viewer.valid(token)


# --- the middleware --------------------------------------------------------------------------------------


class Inner:
    """The app behind the guard: records what reached it."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    async def __call__(self, scope, receive, send):
        self.seen.append(scope["path"])
        if scope["type"] == "websocket":
            await send({"type": "websocket.accept"})
            return
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/plain"), (b"x-frame-options", b"SAMEORIGIN")]})
        await send({"type": "http.response.body", "body": b"app"})


def call(guard, path="/", *, kind="http", method="GET", host="127.0.0.1:8501", headers=(), body=b"",
         client=("127.0.0.1", 40000)):
    """Run one request through ``guard``; returns (status or websocket verdict, headers dict, body)."""
    raw = [] if host is None else [(b"host", host.encode())]
    raw += [(k.encode(), v.encode()) for k, v in headers]
    path_only, _, query = path.partition("?")
    scope = {"type": kind, "path": path_only, "raw_path": path_only.encode(), "query_string": query.encode(),
             "method": method, "headers": raw, "client": client, "scheme": "http" if kind == "http" else "ws"}
    sent = []
    chunks = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    # in a thread of its own: the browser tests' Playwright keeps an event loop running in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, guard(scope, receive, send)).result()
    if kind == "websocket":
        return sent[0]["type"], {}, b""
    start = next(m for m in sent if m["type"] == "http.response.start")
    out_headers = {}
    for k, v in start["headers"]:
        out_headers.setdefault(k.decode().lower(), []).append(v.decode())
    data = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], out_headers, data


def guard_for(settings=None, **kwargs):
    inner = Inner()
    return g.ServerGuard(inner, settings or g.settings_from_env({}), **kwargs), inner


def test_foreign_host_refused_before_the_app():
    guard, inner = guard_for()
    for host in ["evil.example:8501", "127.0.0.1.evil.example", "", None]:
        assert call(guard, host=host)[0] == 400
        assert call(guard, "/_stcore/stream", kind="websocket", host=host)[0] == "websocket.close"
    status, _, body = call(guard, "/", headers=[("host", "127.0.0.1:8501")])      # two Host headers
    assert status == 400
    assert inner.seen == []
    assert call(guard, host="localhost:8501")[0] == 200 and call(guard, host="[::1]:8501")[0] == 200


def test_lan_server_refuses_loopback_names():
    guard, _ = guard_for(g.settings_from_env({"SERVE_ADDRESS": "192.168.1.20", "VIEWER_PASSCODE": PASS}))
    assert call(guard, "/_stcore/health", host="192.168.1.20:8501")[0] == 200
    assert call(guard, "/_stcore/health", host="localhost:8501")[0] == 400


def test_foreign_origin_refused_before_the_app():
    guard, inner = guard_for()
    for origin in ["http://evil.example", "null", "http://localhost:8501", "http://127.0.0.1:9999"]:
        assert call(guard, "/_stcore/stream", kind="websocket", headers=[("origin", origin)])[0] == "websocket.close"
        assert call(guard, "/_stcore/host-config", headers=[("origin", origin)])[0] == 403
    own = ("origin", "http://127.0.0.1:8501")
    assert call(guard, "/_stcore/stream", kind="websocket", headers=[own, own])[0] == "websocket.close"
    assert inner.seen == []
    assert call(guard, "/_stcore/stream", kind="websocket", headers=[own])[0] == "websocket.accept"
    assert call(guard, "/_stcore/stream", kind="websocket")[0] == "websocket.accept"    # no Origin: no browser


def test_closed_routes_and_security_headers():
    guard, inner = guard_for()
    for path in ["/_stcore/metrics", "/_stcore/agent/interact", "/_stcore/agent/openapi.json", "/auth/login",
                 "/oauth2callback"]:
        status, headers, _ = call(guard, path)
        assert status == 404 and headers["x-frame-options"] == ["DENY"], path
    assert inner.seen == []
    status, headers, body = call(guard, "/goals")
    assert (status, body) == (200, b"app")
    assert headers["x-frame-options"] == ["DENY"]                 # replaces the app's own, never doubles it
    csp = headers["content-security-policy"][0]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    # the app's own WebSocket named as well (older Safari does not count ws:// as 'self'), from the checked Host
    assert "connect-src 'self' ws://127.0.0.1:8501 wss://127.0.0.1:8501;" in csp
    assert headers["x-content-type-options"] == ["nosniff"]
    csp_v6 = call(guard, "/", host="[::1]:8501")[1]["content-security-policy"][0]
    assert "connect-src 'self' ws://[::1]:8501 wss://[::1]:8501;" in csp_v6


def _post(guard, passcode, client="10.0.0.7", next_path="/goals?lang=fr"):
    body = urlencode({"next": next_path, "passcode": passcode}).encode()
    return call(guard, g.PASSCODE_PATH, method="POST", body=body, client=(client, 5000),
                headers=[("content-type", "application/x-www-form-urlencoded")])


def test_passcode_flow():
    settings = g.settings_from_env({"VIEWER_PASSCODE": PASS})
    guard, inner = guard_for(settings, limiter=g.TryLimiter(clock=Clock()))
    status, headers, body = call(guard, "/goals?lang=fr")
    assert status == 403 and b'name="next" value="/goals?lang=fr"' in body and b"<script" not in body
    assert call(guard, "/_stcore/stream", kind="websocket")[0] == "websocket.close"
    assert call(guard, "/_stcore/health")[0] == 200                                   # open
    assert inner.seen == ["/_stcore/health"]

    status, _, body = _post(guard, "wrong-one")                     # asked for a French page: told in French
    assert status == 403 and "Ce code d’accès n’est pas le bon.".encode() in body and b'lang="fr"' in body
    status, _, body = _post(guard, "wrong-one", next_path="/goals")
    assert status == 403 and g.NOTICE_WRONG.encode() in body
    status, headers, _ = _post(guard, PASS)
    assert status == 303 and headers["location"] == ["/goals?lang=fr"]
    cookie = headers["set-cookie"][0]
    assert cookie.startswith(f"{g.COOKIE_NAME}=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Secure" not in cookie                                                     # plain http on a LAN
    session = cookie.split(";")[0]
    assert call(guard, "/goals", headers=[("cookie", f"other=1; {session}")])[0] == 200
    assert call(guard, "/_stcore/stream", kind="websocket", headers=[("cookie", session)])[0] == "websocket.accept"
    assert call(guard, "/goals", headers=[("cookie", session + "0")])[0] == 403


def test_passcode_tries_are_limited_per_client():
    clock = Clock()
    guard, _ = guard_for(g.settings_from_env({"VIEWER_PASSCODE": PASS}), limiter=g.TryLimiter(clock=clock))
    for _ in range(g.TRIES_PER_CLIENT):
        assert _post(guard, "wrong-one")[0] == 403
    status, headers, body = _post(guard, PASS, next_path="/")
    assert status == 429 and headers["retry-after"] == ["60"] and b"Wait 60 seconds" in body
    assert "set-cookie" not in headers
    assert _post(guard, PASS, client="10.0.0.8")[0] == 303                  # another device is not locked out
    clock.now += g.TRY_WINDOW_S + 1
    assert _post(guard, PASS)[0] == 303


def test_passcode_form_limits():
    guard, _ = guard_for(g.settings_from_env({"VIEWER_PASSCODE": PASS}))
    assert call(guard, g.PASSCODE_PATH, method="POST", body=b"x" * (g.MAX_FORM_BYTES + 1))[0] == 413
    assert call(guard, g.PASSCODE_PATH, method="PUT")[0] == 405
    assert call(guard, g.PASSCODE_PATH)[0] == 200
    status, headers, _ = _post(guard, PASS, next_path="//evil.example/")
    assert status == 303 and headers["location"] == ["/"]


def test_passcode_page_escapes_the_requested_path():
    body = g.passcode_page('/goals?x="><img src=http://evil.example/a.png>')
    assert b"<img" not in body and b'value="/goals?x=&quot;&gt;&lt;img src=http://evil.example/a.png&gt;"' in body


# --- Streamlit's address probes -------------------------------------------------------------------------


def test_address_probes_make_no_network_call(monkeypatch):
    from streamlit import net_util
    from streamlit.web.server import server_util

    monkeypatch.setattr(net_util, "get_external_ip", net_util.get_external_ip)   # restored after the test
    monkeypatch.setattr(net_util, "get_internal_ip", net_util.get_internal_ip)
    monkeypatch.setattr(net_util, "_external_ip", None)
    monkeypatch.setattr(net_util, "_internal_ip", None)

    def no_network(*args, **kwargs):
        raise AssertionError(f"network call: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    g.disable_address_probes()
    assert net_util.get_external_ip() is None and net_util.get_internal_ip() is None
    # Streamlit's cross-origin check, which would otherwise try 8.8.8.8 and checkip.amazonaws.com
    assert server_util.is_url_from_allowed_origins("http://evil.example") is False


# --- starting ----------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in (g.ENV_ADDRESS, g.ENV_PASSCODE)}
    return {**env, **extra}


@pytest.mark.parametrize("extra, message", [
    ({"SERVE_ADDRESS": "0.0.0.0"}, "every network"),
    ({"SERVE_ADDRESS": "192.0.2.77"}, "needs a viewer passcode"),
    ({"SERVE_ADDRESS": "venue-laptop.local", "VIEWER_PASSCODE": PASS}, "not an IP address"),
    # an address of another machine (a typo, or the laptop moved to another network): a reason, not a traceback
    ({"SERVE_ADDRESS": "203.0.113.77", "VIEWER_PASSCODE": PASS}, "is not an address of this machine"),
])
def test_serve_py_refuses_bad_settings_before_listening(extra, message):
    """`python serve.py` (what `make run` runs) exits with the reason before Streamlit starts."""
    done = subprocess.run([sys.executable, "serve.py", "--server.port", str(_free_port())], cwd=REPO,
                          env=_env(**extra), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert "You can now view" not in done.stdout and "Traceback" not in done.stderr


def test_streamlit_run_serve_py_checks_the_address_it_got():
    """`streamlit run serve.py` with an address that disagrees with SERVE_ADDRESS, or a wildcard, is refused."""
    for flags, extra, message in [
        (["--server.address", "127.0.0.1"], {"SERVE_ADDRESS": "127.0.0.2"}, "but the server was started on"),
        (["--server.address", "127.0.0.2"], {"VIEWER_PASSCODE": "short"}, "use at least 8"),
    ]:
        done = subprocess.run([sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port",
                               str(_free_port()), "--server.headless", "true", *flags], cwd=REPO,
                              env=_env(**extra), capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and message in done.stderr, (flags, done.stderr)


def test_venue_safe_streamlit_settings():
    """.streamlit/config.toml: what the guard does not cover itself."""
    import tomllib

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server = config["server"]
    assert server["address"] == "127.0.0.1" and config["browser"]["serverAddress"] == "127.0.0.1"
    assert server["fileWatcherType"] == "none" and server["runOnSave"] is False   # no "File change. Rerun"
    assert server["allowedHosts"] == ["127.0.0.1", "localhost", "::1"]
    assert server["maxMessageSize"] <= 16 and server["maxUploadSize"] <= 1
    assert server["enableAgentApi"] is False
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["allowedOrigins"] == []
