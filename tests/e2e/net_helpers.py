"""Plain HTTP and WebSocket-handshake probes of a server, with any Host, Origin or source address.

Browsers cannot send a foreign ``Host`` on their own; these raw requests send exactly what a DNS-rebinding page,
a page on another site or a device on the venue network would.
"""
from __future__ import annotations

import base64
import http.client
import ipaddress
import json
import os
import re
import shutil
import socket
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

AUDIT_DIR = Path(__file__).resolve().parent / "apps" / "net_audit"


@dataclass
class Reply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def port_of(base_url: str) -> int:
    return urlsplit(base_url).port or 80


def request(base_url: str, path: str, *, method: str = "GET", host: str | None = None,
            headers: dict[str, str] | None = None, body: bytes | None = None,
            source: str | None = None) -> Reply:
    """One HTTP/1.1 request to the server at ``base_url`` with the given Host (default: its own)."""
    port = port_of(base_url)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30,
                                      source_address=(source, 0) if source else None)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        conn.putheader("Host", host if host is not None else f"127.0.0.1:{port}")
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        resp = conn.getresponse()
        data = resp.read()
        return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
    finally:
        conn.close()


def websocket_handshake(base_url: str, *, host: str | None = None, origin: str | None = None,
                        cookie: str | None = None, path: str = "/_stcore/stream") -> int:
    """Open a WebSocket upgrade request and return the status the server answers (101: accepted)."""
    port = port_of(base_url)
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [f"GET {path} HTTP/1.1", f"Host: {host if host is not None else f'127.0.0.1:{port}'}",
             "Upgrade: websocket", "Connection: Upgrade", f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13"]
    if origin is not None:
        lines.append(f"Origin: {origin}")
    if cookie is not None:
        lines.append(f"Cookie: {cookie}")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        data = b""
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    status_line = data.split(b"\r\n", 1)[0].decode("latin-1")
    parts = status_line.split()
    if len(parts) < 2 or not parts[1].isdigit():
        raise AssertionError(f"no HTTP status line in the handshake reply: {status_line!r}")
    return int(parts[1])


def audit_env(log_path: Path) -> dict[str, str]:
    """Environment that installs the network audit (apps/net_audit/sitecustomize.py) in a server process."""
    pythonpath = os.pathsep.join(p for p in (str(AUDIT_DIR), os.environ.get("PYTHONPATH", "")) if p)
    return {"PYTHONPATH": pythonpath, "NET_AUDIT_LOG": str(log_path)}


def audit_events(log_path: Path) -> list[dict]:
    if not log_path.exists():
        return []
    return [json.loads(line) for line in log_path.read_text().splitlines() if line.strip()]


def outbound(events: list[dict]) -> list[dict]:
    return [e for e in events if e["outbound"]]


STRACE = shutil.which("strace")
_CONNECT = re.compile(r'^(\d+) connect\((\d+), \{sa_family=AF_INET6?, (?:sin6?_port=htons\((\d+)\), )?.*?'
                      r'(?:inet_addr\(|inet_pton\(AF_INET6?, )"([^"]+)"')
_SOCKET = re.compile(r'^(\d+) socket\(AF_INET6?, (SOCK_\w+)[^)]*\) = (\d+)')
#: Chromium's IPv6 reachability check: a UDP connect() to this address (Google's public DNS), which only asks the
#: kernel for a route; no packet is sent. No command-line switch turns it off.
CHROMIUM_IPV6_PROBE = ("2001:4860:4860::8888", 443)


def traced(cmd: list[str], trace_file: Path) -> list[str]:
    """``cmd`` under ``strace -f -e trace=connect,socket`` (every process it starts too, Chromium included),
    written to ``trace_file``. (Not --seccomp-bpf: Chromium does not start under it.)"""
    if not STRACE:
        raise RuntimeError("strace is not installed (make browser installs it)")
    return [STRACE, "-f", "-qq", "-e", "trace=connect,socket", "-o", str(trace_file), *cmd]


@dataclass
class Connect:
    line: str
    address: str
    port: int | None
    udp: bool                 # the socket was a datagram one: connect() sends no packet

    @property
    def ipv6_probe(self) -> bool:
        return self.udp and (self.address, self.port) == CHROMIUM_IPV6_PROBE


def strace_outbound(trace_file: Path) -> list[Connect]:
    """connect() calls in a :func:`traced` log aimed at an address that is not this machine (TCP and UDP, IPv4
    and IPv6; a UDP connect sends nothing yet, but is how a DNS query starts)."""
    if not trace_file.exists():
        raise AssertionError(f"no strace log at {trace_file}")
    kinds: dict[tuple[str, str], str] = {}
    out = []
    for line in trace_file.read_text(errors="replace").splitlines():
        sock = _SOCKET.search(line)
        if sock is not None:
            kinds[(sock.group(1), sock.group(3))] = sock.group(2)
            continue
        m = _CONNECT.search(line)
        if m is None:
            continue
        address = ipaddress.ip_address(m.group(4))
        mapped = getattr(address, "ipv4_mapped", None)
        if not (address.is_loopback or address.is_unspecified or (mapped is not None and mapped.is_loopback)):
            out.append(Connect(line.strip()[:200], str(address), int(m.group(3)) if m.group(3) else None,
                               kinds.get((m.group(1), m.group(2))) == "SOCK_DGRAM"))
    return out
