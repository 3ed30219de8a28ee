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

Modules:

- settings.py   SERVE_ADDRESS and VIEWER_PASSCODE checked (:class:`Settings`, :class:`SettingsError`);
- requests.py   reading a request: its headers, Host, Origin, cookies and the client the try limit counts;
- routes.py     the passcode route, the open and closed routes, and the headers every response carries;
- passcode.py   the passcode compared in constant time, the try limit and the session cookie;
- page.py       the passcode page, in the viewer's language;
- middleware.py :class:`ServerGuard`, the ASGI middleware;
- process.py    the server process: :func:`launch`, :func:`server_settings`, :func:`disable_address_probes`.
"""
from __future__ import annotations

from .middleware import ServerGuard
from .page import NOTICE_WAIT, NOTICE_WRONG, passcode_page
from .passcode import (
    COOKIE_NAME,
    SESSION_S,
    TRIES_ALL_CLIENTS,
    TRIES_PER_CLIENT,
    TRY_WINDOW_S,
    TryLimiter,
    ViewerPass,
    safe_next,
    suggest_passcode,
)
from .process import disable_address_probes, launch, server_settings
from .requests import canonical_host, client_key, cookie_values, host_name, same_origin
from .routes import (
    CLOSED_PREFIXES,
    CONTENT_SECURITY_POLICY,
    MAX_FORM_BYTES,
    OPEN_PATHS,
    PASSCODE_PATH,
    SECURITY_HEADERS,
    security_headers,
)
from .settings import (
    DEFAULT_ADDRESS,
    ENV_ADDRESS,
    ENV_PASSCODE,
    LOOPBACK_NAMES,
    MIN_PASSCODE_LENGTH,
    Settings,
    SettingsError,
    check_passcode,
    parse_address,
    settings_for,
    settings_from_env,
)

__all__ = [
    "CLOSED_PREFIXES", "CONTENT_SECURITY_POLICY", "COOKIE_NAME", "DEFAULT_ADDRESS", "ENV_ADDRESS", "ENV_PASSCODE",
    "LOOPBACK_NAMES", "MAX_FORM_BYTES", "MIN_PASSCODE_LENGTH", "NOTICE_WAIT", "NOTICE_WRONG", "OPEN_PATHS",
    "PASSCODE_PATH", "SECURITY_HEADERS", "SESSION_S", "TRIES_ALL_CLIENTS", "TRIES_PER_CLIENT", "TRY_WINDOW_S",
    "ServerGuard", "Settings", "SettingsError", "TryLimiter", "ViewerPass", "canonical_host", "check_passcode",
    "client_key", "cookie_values", "disable_address_probes", "host_name", "launch", "parse_address",
    "passcode_page", "safe_next", "same_origin", "security_headers", "server_settings", "settings_for",
    "settings_from_env", "suggest_passcode",
]
