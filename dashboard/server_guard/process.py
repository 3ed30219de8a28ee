"""The server process: ``python serve.py`` checks the settings then runs Streamlit (:func:`launch`); inside it,
``serve.py`` reads the settings back from Streamlit's config (:func:`server_settings`), and Streamlit's look-ups
of the machine's addresses are switched off (:func:`disable_address_probes`)."""
from __future__ import annotations

import errno
import os
import socket
import sys
from collections.abc import Mapping, Sequence

from .settings import ENV_ADDRESS, ENV_PASSCODE, Settings, SettingsError, parse_address, settings_for, settings_from_env


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


def check_local(address: str) -> None:
    """SettingsError unless ``address`` is one of this machine's (a bind to a free port: nothing is sent)."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.bind((address, 0))
    except OSError as exc:
        if exc.errno != errno.EADDRNOTAVAIL:
            raise
        raise SettingsError(
            f"{ENV_ADDRESS}={address} is not an address of this machine (on another network, or mistyped). "
            "`hostname -I` (Linux) or `ipconfig getifaddr en0` (macOS) lists this machine's addresses."
        ) from None


def launch(script: str, argv: Sequence[str], env: Mapping[str, str] | None = None) -> None:
    """``python serve.py [streamlit options]``: check SERVE_ADDRESS and VIEWER_PASSCODE, then ``streamlit run``
    the script on that address (nothing listens, and no name is looked up, before the settings are right)."""
    env = os.environ if env is None else env
    try:
        settings = settings_from_env(env)
        check_local(settings.address)
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
