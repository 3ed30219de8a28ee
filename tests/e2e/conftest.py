"""Fixtures for the browser tests: a real ``streamlit run`` server and Debian Chromium via Playwright.

Run:  .venv/bin/python -m pytest tests/e2e -q

Environment:
  E2E_APP        app script to serve (default: app.py in the repo root)
  E2E_DATA_DIR   DATA_DIR given to the app (default: the test session's warehouse, built in a temp dir)
  E2E_CHROMIUM   browser executable (default: /usr/bin/chromium)

Servers run with the repo root as working directory, so the repo's .streamlit/config.toml applies
(static serving, no telemetry, error details hidden) on top of the command-line flags.
Every request the page makes to a host other than 127.0.0.1/localhost is recorded in
``page.external_requests`` and aborted, as it would fail at an offline venue.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .helpers import is_external_url

REPO_ROOT = Path(__file__).resolve().parents[2]
APPS_DIR = Path(__file__).resolve().parent / "apps"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HEALTH_TIMEOUT_S = 60.0


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "e2e: browser test against a running Streamlit server (Playwright + Chromium)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Everything under tests/e2e is a browser test: `-m "not e2e"` deselects the lot.
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def _python() -> str:
    venv_python = REPO_ROOT / ".venv" / "bin" / "python"
    return str(venv_python) if venv_python.exists() else sys.executable


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class ServerURL(str):
    """The server's base URL (``http://127.0.0.1:<port>``); ``.log_path`` is its stdout+stderr."""

    log_path: Path

    def __new__(cls, url: str, log_path: Path) -> "ServerURL":
        obj = super().__new__(cls, url)
        obj.log_path = log_path
        return obj

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def _start_streamlit(app: Path, log_path: Path, env_extra: dict[str, str], launcher: list[str] | None = None):
    """Start ``streamlit run app`` on a free port; return (process, base URL) once healthy.

    The dashboard (app.py) is served as `make run` serves it: through serve.py, behind its network guard.
    SERVE_ADDRESS and VIEWER_PASSCODE come from ``env_extra`` only, never from the caller's shell.
    ``launcher``: a command taking Streamlit options to run instead of ``streamlit run app``
    (``[python, "serve.py"]`` is what `make run` runs).
    """
    port = _free_port()
    if Path(app).resolve() == REPO_ROOT / "app.py":
        app = REPO_ROOT / "serve.py"
    cmd = [
        *(launcher or [_python(), "-m", "streamlit", "run", str(app)]),
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in ("SERVE_ADDRESS", "VIEWER_PASSCODE")}
    env = {**env, "PYTHONUNBUFFERED": "1", **env_extra}
    log = open(log_path, "wb")
    proc = subprocess.Popen(
        cmd, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    log.close()  # the child keeps its own descriptor
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while True:
        if proc.poll() is not None:
            pytest.fail(
                f"streamlit exited with code {proc.returncode} before answering /_stcore/health\n"
                f"command: {' '.join(cmd)}\nlog ({log_path}):\n{_tail(log_path)}"
            )
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                if resp.status == 200 and resp.read().decode().strip() == "ok":
                    return proc, ServerURL(base, log_path)
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() > deadline:
            _stop(proc)
            pytest.fail(
                f"streamlit did not answer 'ok' on {base}/_stcore/health within "
                f"{HEALTH_TIMEOUT_S:.0f} s\nlog ({log_path}):\n{_tail(log_path)}"
            )
        time.sleep(0.25)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def e2e_data_dir(warehouse_dir) -> Path:
    """The data directory the servers read: E2E_DATA_DIR, else the test session's warehouse."""
    return Path(os.environ.get("E2E_DATA_DIR") or warehouse_dir).resolve()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory, e2e_data_dir):
    """The dashboard (``E2E_APP``, default app.py) served by ``streamlit run``; yields its base URL."""
    app = Path(os.environ.get("E2E_APP") or REPO_ROOT / "app.py").resolve()
    if not app.is_file():
        pytest.fail(f"app script not found: {app} (set E2E_APP to serve another script)")
    data_dir = e2e_data_dir
    warehouse = data_dir / "warehouse.duckdb"
    if not warehouse.is_file():
        pytest.fail(f"{warehouse} is missing: run `python -m etl` first (or set E2E_DATA_DIR)")
    log_path = tmp_path_factory.mktemp("app_server") / "streamlit.log"
    proc, url = _start_streamlit(app, log_path, {"DATA_DIR": str(data_dir)})
    try:
        yield url
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def map_probe_server(tmp_path_factory: pytest.TempPathFactory):
    """``apps/map_probe.py`` served with the repo's ``static/`` folder at /app/static/.

    Streamlit serves ``static/`` from the main script's folder, so the probe is copied into a
    temporary folder next to a symlink to the repo's ``static/``.
    """
    workdir = tmp_path_factory.mktemp("map_probe")
    app = workdir / "map_probe.py"
    shutil.copyfile(APPS_DIR / "map_probe.py", app)
    (workdir / "static").symlink_to(REPO_ROOT / "static", target_is_directory=True)
    proc, url = _start_streamlit(app, workdir / "streamlit.log", {})
    try:
        yield url
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def browser():
    """Debian Chromium driven by Playwright (Playwright's own browser download fails here)."""
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: apt-get install -y chromium chromium-driver")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    """A fresh 1600x1000 page.

    Extra attributes:
      page.external_requests  URLs requested from any host other than this machine (aborted)
      page.console_errors     console messages of type "error" and uncaught page errors
    """
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    external: list[str] = []
    console_errors: list[str] = []

    def on_request(request) -> None:
        if is_external_url(request.url):
            external.append(request.url)

    context.on("request", on_request)
    # Nothing may leave the machine: fail such requests as an offline venue would.
    context.route(is_external_url, lambda route: route.abort("internetdisconnected"))

    pg = context.new_page()
    pg.external_requests = external
    pg.console_errors = console_errors
    pg.on("console", lambda msg: console_errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: console_errors.append(f"pageerror: {exc}"))
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture
def fresh_app_server(tmp_path_factory: pytest.TempPathFactory, e2e_data_dir):
    """A newly started dashboard server that no browser has opened yet (for first-request behaviour)."""
    log_path = tmp_path_factory.mktemp("fresh_server") / "streamlit.log"
    proc, url = _start_streamlit(REPO_ROOT / "app.py", log_path, {"DATA_DIR": str(e2e_data_dir)})
    try:
        yield url
    finally:
        _stop(proc)
