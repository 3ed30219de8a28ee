"""The viewer passcode: compared in constant time, a few wrong tries per minute per client (and overall), then a
signed session cookie valid until it expires or the server restarts."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
import unicodedata
from collections import deque
from collections.abc import Callable

#: Wrong passcodes one client may enter per window before it has to wait; all clients together.
TRIES_PER_CLIENT = 5
TRIES_ALL_CLIENTS = 60
TRY_WINDOW_S = 60.0
SESSION_S = 12 * 3600                  # a venue day: the viewer's cookie lasts this long (or until a restart)
COOKIE_NAME = "dialogue_viewer"


def suggest_passcode() -> str:
    """A random passcode easy to read out and type on a phone: three groups of four letters and digits."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"       # no 0/o, 1/l/i
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


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


def safe_next(target: str) -> str:
    """Where to go after the passcode: a path on this server only (never another site)."""
    if (not target.startswith("/") or target.startswith("//") or "\\" in target
            or not target.isprintable() or len(target) > 2000):
        return "/"
    return target
