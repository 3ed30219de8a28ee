"""Serving with a viewer passcode (README, "Serving on a venue network"), started as `make run` starts it:
``python serve.py`` with VIEWER_PASSCODE set. On a venue the address is the machine's LAN address, which these
tests cannot count on, so they use 127.0.0.1 with a passcode (the same code path; tests/test_server_guard.py
checks that a LAN address demands one). Each try-limit test uses its own client address (127.0.0.x), so the
tests do not share a try budget and run in any order.
"""
from __future__ import annotations

from urllib.parse import urlencode

import pytest

from dashboard import i18n
from tests.e2e.conftest import REPO_ROOT, _python, _start_streamlit, _stop
from tests.e2e.helpers import error_boxes, screenshot, wait_for_app
from tests.e2e.net_helpers import port_of, request, websocket_handshake

PASSCODE = "dialogue-venue-2026"
FORM = "/_viewer/passcode"


@pytest.fixture(scope="module")
def passcode_server(tmp_path_factory, e2e_data_dir):
    tmp = tmp_path_factory.mktemp("passcode_server")
    env = {"DATA_DIR": str(e2e_data_dir), "VIEWER_PASSCODE": PASSCODE}
    proc, url = _start_streamlit(REPO_ROOT / "serve.py", tmp / "streamlit.log", env,
                                 launcher=[_python(), str(REPO_ROOT / "serve.py")])
    try:
        yield url
    finally:
        _stop(proc)


def _try(url: str, passcode: str, source: str, next_path: str = "/", origin: bool = True):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if origin:
        headers["Origin"] = f"http://127.0.0.1:{port_of(url)}"      # as a browser sends it with the form
    body = urlencode({"next": next_path, "passcode": passcode}).encode()
    return request(url, FORM, method="POST", headers=headers, body=body, source=source)


def test_without_the_passcode_only_the_passcode_page(passcode_server):
    url = passcode_server
    for path in ["/", "/goals?lang=fr", "/app/static/favicon.png", "/_stcore/host-config", "/media/x"]:
        reply = request(url, path)
        assert reply.status == 403, path
        assert b'action="/_viewer/passcode"' in reply.body and b"static/js" not in reply.body, path
    assert request(url, "/_stcore/upload_file/a/b", method="PUT", body=b"x").status == 403
    assert websocket_handshake(url, origin=f"http://127.0.0.1:{port_of(url)}") == 403
    assert request(url, "/_stcore/health").body.strip() == b"ok"                   # health stays open
    # the Host and Origin checks come first, passcode or not
    assert request(url, "/", host=f"evil.example:{port_of(url)}").status == 400
    assert websocket_handshake(url, origin="http://evil.example", cookie="dialogue_viewer=1.x") == 403


def test_wrong_passcode_refused_right_one_opens_the_app(passcode_server, page):
    url = passcode_server
    page.goto(url + "/goals?lang=fr")
    assert page.locator("form input[type=password]").count() == 1
    screenshot(page, "viewer_passcode")
    page.fill("input[type=password]", "not-the-passcode")
    page.click("button[type=submit]")
    assert "not right" in page.inner_text("#notice")
    assert page.locator('[data-testid="stApp"]').count() == 0

    page.fill("input[type=password]", PASSCODE)
    page.click("button[type=submit]")
    page.wait_for_url("**/goals?lang=fr")          # back where the viewer was going
    wait_for_app(page)
    assert error_boxes(page).count() == 0
    assert page.locator("h1").first.inner_text().strip() == i18n.translate("Global Policing Goals", "fr")
    assert page.external_requests == []            # the passcode page and the app: nothing from elsewhere
    (cookie,) = [c for c in page.context.cookies() if c["name"] == "dialogue_viewer"]
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict"
    assert page.context.request.get(url + "/_stcore/host-config").status == 200


def test_a_few_tries_per_minute_per_client(passcode_server):
    url = passcode_server
    for _ in range(5):
        assert _try(url, "wrong-passcode", source="127.0.0.9").status == 403
    locked = _try(url, PASSCODE, source="127.0.0.9")            # even the right one waits: no oracle
    assert locked.status == 429
    assert 1 <= int(locked.header("retry-after")) <= 60
    assert b"Too many wrong passcodes" in locked.body
    assert "set-cookie" not in locked.headers

    other = _try(url, PASSCODE, source="127.0.0.10", next_path="/data")   # another device is not locked out
    assert other.status == 303 and other.header("location") == "/data"
    cookie = other.header("set-cookie")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    session = cookie.split(";", 1)[0]
    assert request(url, "/", headers={"Cookie": session}).status == 200
    assert websocket_handshake(url, origin=f"http://127.0.0.1:{port_of(url)}", cookie=session) == 101


def test_passcode_form_is_not_an_open_door(passcode_server):
    url = passcode_server
    # posted from another site: refused before the passcode is looked at
    assert _try(url, PASSCODE, source="127.0.0.11", origin=False).status == 303   # programs send no Origin
    cross = request(url, FORM, method="POST", body=urlencode({"passcode": PASSCODE}).encode(),
                    headers={"Origin": "http://evil.example", "Content-Type": "application/x-www-form-urlencoded"},
                    source="127.0.0.12")
    assert cross.status == 403 and "set-cookie" not in cross.headers
    # after the passcode, never a redirect to another site
    for target in ["//evil.example/", "http://evil.example/", "/\\evil.example"]:
        reply = _try(url, PASSCODE, source="127.0.0.13", next_path=target)
        assert reply.status == 303 and reply.header("location") == "/", target
    # a made-up or altered session cookie is no session
    for forged in ["dialogue_viewer=99999999999.00", "dialogue_viewer=", "dialogue_viewer=abc"]:
        assert request(url, "/", headers={"Cookie": forged}).status == 403
    assert request(url, FORM, method="POST", body=b"x" * 10_000, source="127.0.0.14",
                   headers={"Content-Type": "application/x-www-form-urlencoded"}).status == 413
