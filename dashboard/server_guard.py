"""The network guard in front of the dashboard's server (``serve.py``): safe on a loopback or a venue network.

``serve.py`` wraps the Streamlit app in an ``st.App`` whose first middleware is :class:`ServerGuard`. Before
Streamlit sees a request, the guard

- refuses a ``Host`` that is not one of the server's own addresses (400), on every route, HTTP and WebSocket
  alike: a DNS-rebinding page reaches a loopback server through the presenter's own browser under its own name;
- refuses an ``Origin`` that is not the page's own (403), so Streamlit's cross-origin handling, which looks up
  the machine's external IP (``8.8.8.8``, ``checkip.amazonaws.com``), is never reached;
- answers routes the dashboard does not use with 404 (``/_stcore/metrics``, the agent API, the login routes);
- with a viewer passcode (``VIEWER_PASSCODE``; required when the address is not a loopback one), shows a
  passcode page until the viewer has entered it: compared in constant time, a few tries per minute per client,
  then a session cookie (HttpOnly, SameSite=Strict);
- adds frame protection and a content security policy that keeps the browser on this server to every response.

:func:`disable_address_probes` also takes away Streamlit's external and internal IP look-ups, so no code path
can make them whatever a client sends. Environment (read by :func:`launch` and :func:`server_settings`):

SERVE_ADDRESS    the IP address to serve on (default 127.0.0.1); a LAN address needs VIEWER_PASSCODE
VIEWER_PASSCODE  the passcode viewers enter (at least 8 characters); optional on a loopback address
"""
from __future__ import annotations

import hashlib
import hmac
import html
import ipaddress
import os
import secrets
import sys
import time
import unicodedata
from collections import deque
from collections.abc import Awaitable, Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

ENV_ADDRESS = "SERVE_ADDRESS"
ENV_PASSCODE = "VIEWER_PASSCODE"
DEFAULT_ADDRESS = "127.0.0.1"
#: Names a loopback server also answers to (the address it was started on is always accepted).
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
MIN_PASSCODE_LENGTH = 8
#: Wrong passcodes one client may enter per window before it has to wait; all clients together.
TRIES_PER_CLIENT = 5
TRIES_ALL_CLIENTS = 60
TRY_WINDOW_S = 60.0
SESSION_S = 12 * 3600                  # a venue day: the viewer's cookie lasts this long (or until a restart)
COOKIE_NAME = "dialogue_viewer"
PASSCODE_PATH = "/_viewer/passcode"
#: Answered without the passcode: the health check ("ok", nothing else) that launchers and tests poll.
OPEN_PATHS = frozenset({"/_stcore/health"})
#: Streamlit routes the dashboard does not use: 404 before Streamlit sees them.
CLOSED_PREFIXES = ("/_stcore/metrics", "/_stcore/agent/", "/auth/", "/oauth2callback")
MAX_FORM_BYTES = 4096

#: Sent with every HTTP response: no framing by other sites, and the browser talks to this server only
#: (no image, font, script or connection elsewhere, even if text from data turned into markup).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'unsafe-inline'; "          # Streamlit's index.html has one inline script
    "style-src 'self' 'unsafe-inline'; "           # emotion styles and the app's own <style> blocks
    "img-src 'self' data: blob:; "
    "font-src 'self' data:; "
    "connect-src 'self'; "                         # the app's own WebSocket and fetches
    "media-src 'self' data: blob:; "
    "worker-src 'self' blob:; "
    "frame-src 'self' blob: data:; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),         # "no-referrer" would make form posts say Origin: null
    (b"cross-origin-resource-policy", b"same-origin"),
)
_SECURITY_HEADER_NAMES = frozenset(name for name, _ in SECURITY_HEADERS)


def security_headers(host: str | None = None) -> list[tuple[bytes, bytes]]:
    """SECURITY_HEADERS; with the request's checked ``host``, its WebSocket named in ``connect-src`` as well
    (Safari before 15.4 does not count ws:// to the same host as 'self')."""
    if not host:
        return list(SECURITY_HEADERS)
    csp = CONTENT_SECURITY_POLICY.replace("connect-src 'self'", f"connect-src 'self' ws://{host} wss://{host}")
    return [(name, csp.encode() if name == b"content-security-policy" else value) for name, value in SECURITY_HEADERS]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SettingsError(ValueError):
    """A serving setting that cannot be used; the message says what to do."""


@dataclass(frozen=True)
class Settings:
    """Where the server listens, the host names it answers to and the viewer passcode (None: no passcode)."""

    address: str
    allowed_hosts: frozenset[str]
    passcode: str | None = None

    @property
    def lan(self) -> bool:
        return not ipaddress.ip_address(self.address).is_loopback


def parse_address(text: str, name: str = ENV_ADDRESS) -> str:
    """The IP address to serve on, checked: a literal (no name to look up), one interface, not a wildcard.
    ``name`` is the setting the text came from, for the message."""
    text = text.strip()
    try:
        ip = ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        raise SettingsError(
            f"{name}={text!r} is not an IP address. Give this machine's address on the venue network "
            "(e.g. 192.168.1.20; `hostname -I` lists them), or leave it unset for 127.0.0.1. Host names are "
            "not accepted: resolving one would send a DNS query."
        ) from None
    if ip.is_unspecified:
        raise SettingsError(
            f"{name}={text} would listen on every network of this machine. Give the one address viewers "
            "use (e.g. 192.168.1.20; `hostname -I` lists them)."
        )
    if ip.is_multicast:
        raise SettingsError(f"{name}={text} is a multicast address; give this machine's own address.")
    return str(ip)


def check_passcode(passcode: str | None, address: str) -> str | None:
    """The passcode to require (None: none), or SettingsError when a LAN address has none or a short one."""
    if passcode is not None:
        passcode = unicodedata.normalize("NFC", passcode.strip())
    if not passcode:
        if ipaddress.ip_address(address).is_loopback:
            return None
        raise SettingsError(
            f"Serving on {address} (not this machine only) needs a viewer passcode: set {ENV_PASSCODE}, "
            f"for example {ENV_PASSCODE}={suggest_passcode()} (at least {MIN_PASSCODE_LENGTH} characters)."
        )
    if len(passcode) < MIN_PASSCODE_LENGTH:
        raise SettingsError(
            f"{ENV_PASSCODE} has {len(passcode)} characters; use at least {MIN_PASSCODE_LENGTH}, "
            f"for example {suggest_passcode()}."
        )
    return passcode


def suggest_passcode() -> str:
    """A random passcode easy to read out and type on a phone: three groups of four letters and digits."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"       # no 0/o, 1/l/i
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


def settings_for(address: str, passcode: str | None, name: str = ENV_ADDRESS) -> Settings:
    address = parse_address(address, name)
    hosts = {address}
    if not Settings(address, frozenset()).lan:
        hosts |= LOOPBACK_NAMES
    return Settings(address=address, allowed_hosts=frozenset(hosts), passcode=check_passcode(passcode, address))


def settings_from_env(env: Mapping[str, str]) -> Settings:
    return settings_for(env.get(ENV_ADDRESS) or DEFAULT_ADDRESS, env.get(ENV_PASSCODE))


# --- requests --------------------------------------------------------------------------------------------


def _headers(scope: Scope) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, value in scope.get("headers") or ():
        found.setdefault(name.decode("latin-1").lower(), []).append(value.decode("latin-1"))
    return found


def host_name(host: str) -> str | None:
    """The host name of a ``Host`` header value (lower case, IPv6 without brackets), None if malformed."""
    if not host or any(c in host for c in "/\\?#@ \t") or not host.isprintable():
        return None
    try:
        parts = urlsplit("//" + host)
        parts.port                     # noqa: B018 (raises on a non-numeric or out-of-range port)
    except ValueError:
        return None
    name = parts.hostname
    return name.rstrip(".") if name else None


def canonical_host(host: str) -> str:
    """A checked ``Host`` value rebuilt from its parts (name, and port if given): safe to write into a header."""
    parts = urlsplit("//" + host)
    name = parts.hostname or ""
    name = f"[{name}]" if ":" in name else name
    return f"{name}:{parts.port}" if parts.port is not None else name


def same_origin(origin: str, host: str) -> bool:
    """Whether an ``Origin`` header names the page this request's ``Host`` serves (http or https)."""
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return (parts.scheme in ("http", "https") and not parts.path and not parts.query and not parts.fragment
            and "@" not in parts.netloc and parts.netloc.lower() == host.lower())


def client_key(scope: Scope) -> str:
    """Whom the try limit counts: the peer's IPv4 address, or its IPv6 /64 (one LAN host can use a whole /64)."""
    client = scope.get("client")
    if not client:
        return "?"
    try:
        ip = ipaddress.ip_address(client[0])
    except ValueError:
        return str(client[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class TryLimiter:
    """Wrong passcodes per client and overall within a sliding window; a locked-out client waits."""

    def __init__(self, per_client: int = TRIES_PER_CLIENT, overall: int = TRIES_ALL_CLIENTS,
                 window_s: float = TRY_WINDOW_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_client, self.overall, self.window_s, self.clock = per_client, overall, window_s, clock
        self._clients: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()

    def _expire(self, times: deque[float], now: float) -> None:
        while times and times[0] <= now - self.window_s:
            times.popleft()

    def wait_s(self, client: str) -> float:
        """Seconds until this client may try again (0: it may try now)."""
        now = self.clock()
        self._expire(self._all, now)
        times = self._clients.get(client)
        if times is not None:
            self._expire(times, now)
            if not times:
                del self._clients[client]
        waits = [0.0]
        if times and len(times) >= self.per_client:
            waits.append(times[0] + self.window_s - now)
        if len(self._all) >= self.overall:
            waits.append(self._all[0] + self.window_s - now)
        return max(waits)

    def failed(self, client: str) -> None:
        now = self.clock()
        if len(self._clients) > 10_000:                  # many clients at once: forget the idle ones
            for key in [k for k, t in self._clients.items() if not t or t[-1] <= now - self.window_s]:
                del self._clients[key]
        self._clients.setdefault(client, deque()).append(now)
        self._all.append(now)

    def succeeded(self, client: str) -> None:
        self._clients.pop(client, None)


class ViewerPass:
    """The passcode check (constant time) and the session cookies it issues (signed with a per-start secret)."""

    def __init__(self, passcode: str, secret: bytes | None = None, clock: Callable[[], float] = time.time) -> None:
        self._secret = secret or secrets.token_bytes(32)
        self._expected = self._digest(passcode)
        self.clock = clock

    def _digest(self, text: str) -> bytes:
        # Both sides are hashed to 32 bytes first, so even the length of the passcode takes no time to learn.
        normal = unicodedata.normalize("NFC", text.strip())
        return hmac.new(self._secret, b"passcode:" + normal.encode("utf-8", "replace"), hashlib.sha256).digest()

    def matches(self, given: str) -> bool:
        return hmac.compare_digest(self._digest(given), self._expected)

    def _sign(self, expires: str) -> str:
        return hmac.new(self._secret, b"session:" + expires.encode(), hashlib.sha256).hexdigest()

    def issue(self) -> str:
        expires = str(int(self.clock()) + SESSION_S)
        return f"{expires}.{self._sign(expires)}"

    def valid(self, token: str) -> bool:
        expires, _, mac = token.partition(".")
        if not expires.isdigit() or len(expires) > 12:
            return False
        return hmac.compare_digest(mac.encode(), self._sign(expires).encode()) and int(expires) > self.clock()


def cookie_values(headers: Mapping[str, list[str]], name: str) -> list[str]:
    values = []
    for header in headers.get("cookie", []):
        for pair in header.split(";"):
            key, sep, value = pair.strip().partition("=")
            if sep and key == name:
                values.append(value.strip().strip('"'))
    return values


def safe_next(target: str) -> str:
    """Where to go after the passcode: a path on this server only (never another site)."""
    if (not target.startswith("/") or target.startswith("//") or "\\" in target
            or not target.isprintable() or len(target) > 2000):
        return "/"
    return target


PASSCODE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Dialogue dashboard: viewer passcode</title>
<style>
body {{ margin: 0; font-family: system-ui, sans-serif; background: #f2f4f8; color: #1a1f2b; }}
main {{ max-width: 26rem; margin: 12vh auto; background: #fff; padding: 2rem; border-radius: .5rem;
        box-shadow: 0 1px 4px rgba(0,0,0,.12); }}
h1 {{ font-size: 1.4rem; margin: 0 0 .75rem; color: #1f3b73; }}
label {{ display: block; margin: 1rem 0 .35rem; font-weight: 600; }}
input[type=password] {{ width: 100%; box-sizing: border-box; font-size: 1.2rem; padding: .5rem; }}
button {{ margin-top: 1rem; font-size: 1.1rem; padding: .5rem 1.25rem; background: #1f3b73; color: #fff;
          border: 0; border-radius: .3rem; cursor: pointer; }}
.notice {{ margin-top: 1rem; padding: .6rem .8rem; border-radius: .3rem; background: #fdecea; color: #8a1c1c; }}
</style></head>
<body><main>
<h1>Dialogue dashboard</h1>
<p>This dashboard is shown on the venue network. Enter the viewer passcode the presenter gave you.</p>
<form method="post" action="{action}">
<input type="hidden" name="next" value="{next}">
<label for="passcode">Viewer passcode</label>
<input type="password" id="passcode" name="passcode" autocomplete="current-password" autofocus required>
<button type="submit">Open the dashboard</button>
</form>
{notice}
</main></body></html>
"""
NOTICE_WRONG = "That passcode is not right. Check it with the presenter and try again."
NOTICE_WAIT = "Too many wrong passcodes from this device. Wait {seconds} seconds, then try again."


def passcode_page(next_path: str, notice: str = "") -> bytes:
    box = f'<p class="notice" role="alert" id="notice">{html.escape(notice)}</p>' if notice else ""
    return PASSCODE_PAGE.format(action=PASSCODE_PATH, next=html.escape(safe_next(next_path), quote=True),
                                notice=box).encode()


# --- the middleware --------------------------------------------------------------------------------------


class ServerGuard:
    """ASGI middleware in front of Streamlit (see the module docstring); first in ``st.App(middleware=...)``."""

    def __init__(self, app: ASGIApp, settings: Settings, limiter: TryLimiter | None = None,
                 viewer_pass: ViewerPass | None = None) -> None:
        self.app = app
        self.settings = settings
        self.limiter = limiter or TryLimiter()
        self.viewer_pass = viewer_pass or (ViewerPass(settings.passcode) if settings.passcode else None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        hosts = headers.get("host", [])
        if len(hosts) != 1 or host_name(hosts[0]) not in self.settings.allowed_hosts:
            await self._refuse(scope, send, 400, "This server answers only to the address it was started on.\n")
            return
        origins = headers.get("origin", [])
        if origins and (len(origins) > 1 or not same_origin(origins[0], hosts[0])):
            await self._refuse(scope, send, 403, "Requests from other sites are refused.\n")
            return
        host = canonical_host(hosts[0])
        path = scope.get("path") or "/"
        if path.startswith(CLOSED_PREFIXES):
            await self._refuse(scope, send, 404, "Not found.\n", host)
            return
        if self.viewer_pass is not None and path not in OPEN_PATHS:
            if kind == "http" and path == PASSCODE_PATH:
                await self._passcode_form(scope, receive, send, host)
                return
            if not any(self.viewer_pass.valid(v) for v in cookie_values(headers, COOKIE_NAME)):
                if kind == "http" and scope.get("method") in ("GET", "HEAD"):
                    target = (scope.get("raw_path") or quote(path, safe="/%").encode()).decode("latin-1")
                    query = scope.get("query_string", b"").decode("latin-1")
                    await self._page(send, 403, passcode_page(target + (f"?{query}" if query else "")), host)
                else:
                    await self._refuse(scope, send, 403, "Enter the viewer passcode first.\n", host)
                return
        if kind == "websocket":
            await self.app(scope, receive, send)
            return

        headers = security_headers(host)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _SECURITY_HEADER_NAMES]
                message["headers"] = kept + headers
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _refuse(self, scope: Scope, send: Send, status: int, text: str, host: str | None = None) -> None:
        if scope["type"] == "websocket":
            # Closing before the handshake is accepted: the server answers the upgrade with 403.
            await send({"type": "websocket.close", "code": 1008})
            return
        await self._respond(send, status, text.encode(), b"text/plain; charset=utf-8", host=host)

    async def _page(self, send: Send, status: int, body: bytes, host: str,
                    extra: Sequence[tuple[bytes, bytes]] = ()) -> None:
        await self._respond(send, status, body, b"text/html; charset=utf-8", extra, host)

    async def _respond(self, send: Send, status: int, body: bytes, content_type: bytes,
                       extra: Sequence[tuple[bytes, bytes]] = (), host: str | None = None) -> None:
        headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
                   (b"cache-control", b"no-store"), *extra, *security_headers(host)]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _passcode_form(self, scope: Scope, receive: Receive, send: Send, host: str) -> None:
        if scope.get("method") in ("GET", "HEAD"):
            await self._page(send, 200, passcode_page("/"), host)
            return
        if scope.get("method") != "POST":
            await self._respond(send, 405, b"Use the form.\n", b"text/plain; charset=utf-8",
                                [(b"allow", b"GET, POST")], host)
            return
        body = await _read_body(receive, MAX_FORM_BYTES)
        if body is None:
            await self._respond(send, 413, b"Too large.\n", b"text/plain; charset=utf-8", host=host)
            return
        form = parse_qs(body.decode("utf-8", "replace"), max_num_fields=4)
        next_path = safe_next((form.get("next") or ["/"])[0])
        client = client_key(scope)
        wait = self.limiter.wait_s(client)
        if wait > 0:             # locked out: the passcode is not even looked at
            seconds = max(1, int(wait + 0.999))
            await self._page(send, 429, passcode_page(next_path, NOTICE_WAIT.format(seconds=seconds)), host,
                             [(b"retry-after", str(seconds).encode())])
            return
        assert self.viewer_pass is not None
        if not self.viewer_pass.matches((form.get("passcode") or [""])[0]):
            self.limiter.failed(client)
            await self._page(send, 403, passcode_page(next_path, NOTICE_WRONG), host)
            return
        self.limiter.succeeded(client)
        cookie = f"{COOKIE_NAME}={self.viewer_pass.issue()}; Path=/; Max-Age={SESSION_S}; HttpOnly; SameSite=Strict"
        if scope.get("scheme") == "https":
            cookie += "; Secure"
        await self._respond(send, 303, b"", b"text/plain; charset=utf-8",
                            [(b"location", next_path.encode("latin-1", "replace")), (b"set-cookie", cookie.encode())],
                            host)


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The request body, or None once it is longer than ``limit`` bytes (the rest is not read)."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body"):
            return b"".join(chunks)


# --- the server process ----------------------------------------------------------------------------------


def _no_address() -> None:
    return None


def disable_address_probes() -> None:
    """Streamlit's look-ups of this machine's addresses (a UDP "connect" to 8.8.8.8, HTTP to
    checkip.amazonaws.com) answer "unknown" without touching the network, whatever calls them."""
    from streamlit import net_util

    net_util.get_external_ip = _no_address
    net_util.get_internal_ip = _no_address


def server_settings(env: Mapping[str, str] | None = None) -> Settings:
    """The settings of the server this process runs, from Streamlit's config and the environment.

    Called by ``serve.py`` inside the server: the address Streamlit listens on must be one address (not a
    wildcard, not a name), agree with SERVE_ADDRESS if that is set, and have a passcode if it is not loopback.
    Also turns off the address probes and sets ``server.allowedHosts`` to the same names (Streamlit's own
    WebSocket check, a second line behind the guard). Exits with a clear message when a setting is wrong.
    """
    from streamlit import config

    env = os.environ if env is None else env
    disable_address_probes()
    try:
        address = str(config.get_option("server.address") or "")
        if not address:
            raise SettingsError("Start the server with `make run` or `python serve.py` (they set the address).")
        wanted = env.get(ENV_ADDRESS)
        if wanted and parse_address(wanted) != parse_address(address, "server.address"):
            raise SettingsError(
                f"{ENV_ADDRESS}={wanted} but the server was started on {address}: start it with `make run` or "
                f"`python serve.py`, which use {ENV_ADDRESS}."
            )
        if config.get_option("server.baseUrlPath").strip("/"):
            raise SettingsError("server.baseUrlPath is not supported by serve.py; leave it empty.")
        settings = settings_for(address, env.get(ENV_PASSCODE), "server.address")
    except SettingsError as exc:
        print(f"\n  Not serving: {exc}\n", file=sys.stderr, flush=True)
        raise SystemExit(2) from None
    config.set_option("server.allowedHosts", sorted(settings.allowed_hosts))
    return settings


def launch(script: str, argv: Sequence[str], env: Mapping[str, str] | None = None) -> None:
    """``python serve.py [streamlit options]``: check SERVE_ADDRESS and VIEWER_PASSCODE, then ``streamlit run``
    the script on that address (nothing listens, and no name is looked up, before the settings are right)."""
    env = os.environ if env is None else env
    try:
        settings = settings_from_env(env)
    except SettingsError as exc:
        print(f"Not serving: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    host = f"[{settings.address}]" if ":" in settings.address else settings.address
    if settings.lan:
        print(f"  Serving on the venue network at {settings.address}: viewers open the URL below and enter "
              f"the viewer passcode ({ENV_PASSCODE}).", flush=True)
    elif settings.passcode:
        print(f"  Viewers enter the viewer passcode ({ENV_PASSCODE}).", flush=True)
    from streamlit.web import cli

    disable_address_probes()        # this process becomes the server: no probe even in the start-up banner
    cli.main(["run", script, "--server.address", settings.address, "--browser.serverAddress", host,
              *argv], prog_name="streamlit")
