"""SERVE_ADDRESS and VIEWER_PASSCODE, checked before anything listens: one IP address (no name to look up, no
wildcard), and a passcode of at least 8 characters whenever the address is not a loopback one."""
from __future__ import annotations

import ipaddress
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from .passcode import suggest_passcode

ENV_ADDRESS = "SERVE_ADDRESS"
ENV_PASSCODE = "VIEWER_PASSCODE"
DEFAULT_ADDRESS = "127.0.0.1"
#: Names a loopback server also answers to (the address it was started on is always accepted).
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
MIN_PASSCODE_LENGTH = 8


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


def settings_for(address: str, passcode: str | None, name: str = ENV_ADDRESS) -> Settings:
    address = parse_address(address, name)
    hosts = {address}
    if not Settings(address, frozenset()).lan:
        hosts |= LOOPBACK_NAMES
    return Settings(address=address, allowed_hosts=frozenset(hosts), passcode=check_passcode(passcode, address))


def settings_from_env(env: Mapping[str, str]) -> Settings:
    return settings_for(env.get(ENV_ADDRESS) or DEFAULT_ADDRESS, env.get(ENV_PASSCODE))
