"""Reading a request before Streamlit does: its headers, the host name of its ``Host``, whether its ``Origin`` is
the page's own, its cookies, and the client a try limit counts. Every value is hostile until checked here."""
from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def headers(scope: Scope) -> dict[str, list[str]]:
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


def cookie_values(headers: Mapping[str, list[str]], name: str) -> list[str]:
    values = []
    for header in headers.get("cookie", []):
        for pair in header.split(";"):
            key, sep, value = pair.strip().partition("=")
            if sep and key == name:
                values.append(value.strip().strip('"'))
    return values
