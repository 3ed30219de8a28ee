"""Test-only network audit of a whole Python process (the browser tests' servers).

Start a process with this folder on PYTHONPATH and NET_AUDIT_LOG=<file>: Python imports this module at start-up
(before the program runs) and an audit hook (``sys.addaudithook``) writes one JSON line per network event to the
file: every socket connect, datagram send, name or address look-up, http.client connection, urllib request and
subprocess. Each line says whether it was outbound, i.e. aimed at anything but this machine (a connect or send
to a non-loopback address, a look-up of any name but localhost or an IP literal). An outbound one is also
refused (PermissionError), so a test run never reaches the network even when it finds a leak.

The first lines prove the hook works in that process: ``audit.installed`` with its pid, then a loopback
look-up made here (``socket.getaddrinfo`` of 127.0.0.1, recorded as not outbound).
"""
from __future__ import annotations

import ipaddress
import json
import os
import sys

_LOG = os.environ.get("NET_AUDIT_LOG")
_LOOKUP_EVENTS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex"}
_REVERSE_EVENTS = {"socket.gethostbyaddr", "socket.getnameinfo"}
_SEND_EVENTS = {"socket.connect", "socket.sendto", "socket.sendmsg"}


def _local_name(host: object) -> bool:
    """Whether reaching (or looking up) ``host`` stays on this machine."""
    if host is None or host == "":
        return True
    if isinstance(host, bytes):
        host = host.decode("latin-1")
    text = str(host).strip("[]").split("%")[0].lower().rstrip(".")
    if text == "localhost":
        return True
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return False


def _literal(host: object) -> bool:
    if isinstance(host, bytes):
        host = host.decode("latin-1")
    try:
        ipaddress.ip_address(str(host).strip("[]").split("%")[0])
        return True
    except ValueError:
        return False


def _classify(event: str, args: tuple) -> tuple[str, bool] | None:
    """(target, outbound) of a network event, None for events this audit ignores."""
    if event in _SEND_EVENTS:
        address = args[1] if len(args) > 1 else None
        if isinstance(address, tuple) and address:
            return repr(address[:2]), not _local_name(address[0])
        return repr(address), False             # AF_UNIX paths, or a send on a connected socket
    if event in _LOOKUP_EVENTS:
        host = args[0] if args else None
        # an IP literal is parsed, not looked up; a non-loopback literal still shows at its connect
        return repr(host), not (_local_name(host) or _literal(host))
    if event in _REVERSE_EVENTS:
        target = args[0] if args else None
        host = target[0] if isinstance(target, tuple) and target else target
        return repr(target), not _local_name(host)
    if event == "http.client.connect":
        return repr(args[1:3]), not _local_name(args[1])
    if event == "urllib.Request":
        from urllib.parse import urlsplit

        return repr(args[0]), not _local_name(urlsplit(str(args[0])).hostname)
    if event == "subprocess.Popen":
        return repr(args[1])[:300], False
    return None


def _install(path: str) -> None:
    import fcntl

    low = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
    # moved out of the way of descriptors a program expects at fixed numbers: kaleido's Chromium wrapper (a
    # Python process, audited too) hands Chromium its --remote-debugging-pipe on descriptors 3 and 4
    fd = fcntl.fcntl(low, fcntl.F_DUPFD_CLOEXEC, 200)
    os.close(low)
    pid = os.getpid()

    def write(record: dict) -> None:
        os.write(fd, (json.dumps(record) + "\n").encode())

    def hook(event: str, args: tuple) -> None:
        if not event.startswith(("socket.", "http.client.", "urllib.", "subprocess.")):
            return
        try:
            found = _classify(event, args)
        except Exception as exc:                  # never break the program being audited
            found = (f"unreadable: {exc!r}", False)
        if found is None:
            return
        target, outbound = found
        write({"pid": pid, "event": event, "target": target, "outbound": outbound})
        if outbound:
            raise PermissionError(f"network audit: outbound {event} to {target} refused")

    sys.addaudithook(hook)
    write({"pid": pid, "event": "audit.installed", "target": "", "outbound": False})
    import socket

    socket.getaddrinfo("127.0.0.1", 0)          # the self-test line


if _LOG:
    _install(_LOG)
