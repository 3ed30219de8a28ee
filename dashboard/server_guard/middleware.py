"""The ASGI middleware in front of Streamlit (``serve.py``: first in ``st.App(middleware=...)``): Host and Origin
refused before Streamlit sees them, closed routes, the viewer passcode, and the security headers on every
response."""
from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import parse_qs, quote

from .page import NOTICE_WAIT, NOTICE_WRONG, passcode_page, viewer_language
from .passcode import COOKIE_NAME, SESSION_S, TryLimiter, ViewerPass, safe_next
from .requests import (
    ASGIApp,
    Message,
    Receive,
    Scope,
    Send,
    canonical_host,
    client_key,
    cookie_values,
    host_name,
    same_origin,
)
from .requests import headers as _headers
from .routes import CLOSED_PREFIXES, MAX_FORM_BYTES, OPEN_PATHS, PASSCODE_PATH, SECURITY_HEADER_NAMES, security_headers
from .settings import Settings


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
                await self._passcode_form(scope, receive, send, host, _accept_language(headers))
                return
            if not any(self.viewer_pass.valid(v) for v in cookie_values(headers, COOKIE_NAME)):
                if kind == "http" and scope.get("method") in ("GET", "HEAD"):
                    target = (scope.get("raw_path") or quote(path, safe="/%").encode()).decode("latin-1")
                    query = scope.get("query_string", b"").decode("latin-1")
                    target += f"?{query}" if query else ""
                    lang = viewer_language(target, _accept_language(headers))
                    await self._page(send, 403, passcode_page(target, lang=lang), host, lang=lang)
                else:
                    await self._refuse(scope, send, 403, "Enter the viewer passcode first.\n", host)
                return
        if kind == "websocket":
            await self.app(scope, receive, send)
            return

        headers = security_headers(host)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in SECURITY_HEADER_NAMES]
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
                    extra: Sequence[tuple[bytes, bytes]] = (), lang: str = "en") -> None:
        extra = [*extra, (b"content-language", lang.encode()), (b"vary", b"accept-language")]
        await self._respond(send, status, body, b"text/html; charset=utf-8", extra, host)

    async def _respond(self, send: Send, status: int, body: bytes, content_type: bytes,
                       extra: Sequence[tuple[bytes, bytes]] = (), host: str | None = None) -> None:
        headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
                   (b"cache-control", b"no-store"), *extra, *security_headers(host)]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _passcode_form(self, scope: Scope, receive: Receive, send: Send, host: str,
                             accept_language: str | None) -> None:
        if scope.get("method") in ("GET", "HEAD"):
            lang = viewer_language("/", accept_language)
            await self._page(send, 200, passcode_page("/", lang=lang), host, lang=lang)
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
        lang = viewer_language(next_path, accept_language)
        client = client_key(scope)
        wait = self.limiter.wait_s(client)
        if wait > 0:             # locked out: the passcode is not even looked at
            seconds = max(1, int(wait + 0.999))
            await self._page(send, 429, passcode_page(next_path, NOTICE_WAIT, lang, seconds=seconds), host,
                             [(b"retry-after", str(seconds).encode())], lang)
            return
        assert self.viewer_pass is not None
        if not self.viewer_pass.matches((form.get("passcode") or [""])[0]):
            self.limiter.failed(client)
            await self._page(send, 403, passcode_page(next_path, NOTICE_WRONG, lang), host, lang=lang)
            return
        self.limiter.succeeded(client)
        cookie = f"{COOKIE_NAME}={self.viewer_pass.issue()}; Path=/; Max-Age={SESSION_S}; HttpOnly; SameSite=Strict"
        if scope.get("scheme") == "https":
            cookie += "; Secure"
        await self._respond(send, 303, b"", b"text/plain; charset=utf-8",
                            [(b"location", next_path.encode("latin-1", "replace")), (b"set-cookie", cookie.encode())],
                            host)


def _accept_language(headers: dict[str, list[str]]) -> str | None:
    """The request's Accept-Language (the first one only; the page reads it within limits)."""
    values = headers.get("accept-language")
    return values[0] if values else None


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
