"""The guard's routes and the headers every response carries: the passcode form's path, the routes answered
without a passcode, Streamlit's routes the dashboard does not use (404), and frame protection with a content
security policy that keeps the browser on this server."""
from __future__ import annotations

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
SECURITY_HEADER_NAMES = frozenset(name for name, _ in SECURITY_HEADERS)


def security_headers(host: str | None = None) -> list[tuple[bytes, bytes]]:
    """SECURITY_HEADERS; with the request's checked ``host``, its WebSocket named in ``connect-src`` as well
    (Safari before 15.4 does not count ws:// to the same host as 'self')."""
    if not host:
        return list(SECURITY_HEADERS)
    csp = CONTENT_SECURITY_POLICY.replace("connect-src 'self'", f"connect-src 'self' ws://{host} wss://{host}")
    return [(name, csp.encode() if name == b"content-security-policy" else value) for name, value in SECURITY_HEADERS]
