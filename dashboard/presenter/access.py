"""The presenter's key (no Streamlit import): who may steer a deck and open its speaker view.

One key per server process: the environment variable PRESENTER_KEY, else a random one made when the server
starts (`serve.py` prints it once, in the terminal, with the two URLs to open). A window whose URL carries
`key=<the key>` is the presenter's: its Next and Previous move every window following the deck, and it may
open the speaker view (notes, timer, next slide). Any other window can show any slide and follow the deck,
nothing more. The key is compared in constant time and written nowhere but that start-up line, the presenter's
own URLs and the speaker view (never a follower's URL, a log line or an export).
"""
from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import sys
import threading
from collections.abc import Mapping

ENV = "PRESENTER_KEY"
PARAM = "key"
MIN_LENGTH = 12
MAX_LENGTH = 128
#: A key travels in URLs: unreserved URL characters only, so it is never escaped differently by two browsers.
ALLOWED = re.compile(r"^[A-Za-z0-9._~-]+$")
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"          # easy to read out and type: no 0/o, 1/l/i

_lock = threading.Lock()
_key: str | None = None


class PresenterKeyError(ValueError):
    """PRESENTER_KEY cannot be used; the message says what to do."""


def make_key() -> str:
    """A random key: four groups of four letters and digits (about 79 bits), e.g. 'kqzd-mwpe-tlav-9rhx'."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))


def check(value: str) -> str:
    """A key from the environment, checked: long enough not to be guessed, and safe in a URL."""
    value = value.strip()
    if len(value) < MIN_LENGTH or len(value) > MAX_LENGTH:
        raise PresenterKeyError(f"{ENV} must have {MIN_LENGTH} to {MAX_LENGTH} characters (it has {len(value)}); "
                        f"for example {ENV}={make_key()}, or leave it unset for a new key at each start.")
    if not ALLOWED.match(value):
        raise PresenterKeyError(f"{ENV} may hold only letters, digits and . _ ~ - (it travels in URLs); "
                        f"for example {ENV}={make_key()}.")
    return value


def key(env: Mapping[str, str] | None = None) -> str:
    """This server's presenter key: PRESENTER_KEY, else one made now for the life of the process."""
    global _key
    with _lock:
        if _key is None:
            env = os.environ if env is None else env
            _key = check(env[ENV]) if env.get(ENV, "").strip() else make_key()
        return _key


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "replace")).digest()


def matches(given: object) -> bool:
    """Whether `given` (a URL value) is the presenter's key; constant time whatever its length."""
    if not isinstance(given, str) or not given or len(given) > MAX_LENGTH:
        return False
    return hmac.compare_digest(_digest(given), _digest(key()))


def startup_text(base_url: str, deck: str | None) -> str:
    """The terminal's presenter block: the key, the speaker view's URL (with it) and the venue window's
    (without it). `deck`: the deck to show in the example URLs (None: no deck is installed)."""
    k = key()
    lines = [f"  Presenter key: {k}   (keep it off the projected screen)"]
    if deck:
        base = base_url.rstrip("/")
        lines += [f"  Speaker view, on your own screen:  {base}/?deck={deck}&slide=1&speaker=1&{PARAM}={k}",
                  f"  Venue window, on the projector:    {base}/?deck={deck}&slide=1&follow=1"]
    return "\n".join(lines)


def announce(base_url: str, deck: str | None, out=None) -> None:
    """Print the presenter block once at server start (the only place the key is written)."""
    try:
        text = startup_text(base_url, deck)
    except PresenterKeyError as exc:
        print(f"\n  Not serving: {exc}\n", file=sys.stderr, flush=True)
        raise SystemExit(2) from None
    print("\n" + text + "\n", file=out or sys.stdout, flush=True)
