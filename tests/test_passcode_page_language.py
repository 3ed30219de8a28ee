"""The viewer-passcode page in the viewer's language (dashboard/server_guard/page.py): the app's `lang` URL
parameter in the page asked for, else the browser's Accept-Language among en, fr, es and ar (Arabic right to
left), else English. The header is hostile input: never echoed, read within limits, only a known code used.
"""
from __future__ import annotations

import pytest

from dashboard import server_guard as g
from dashboard.server_guard import page
from tests.test_server_guard import PASS, _post, call, guard_for

#: A phrase of each language's page (from locales/<lang>/LC_MESSAGES/messages.po).
PHRASES = {"en": "Enter the viewer passcode the presenter gave you.",
           "fr": "Saisissez le code d’accès que le présentateur vous a donné.",
           "es": "Introduzca el código de acceso que le dio el presentador.",
           "ar": "أدخل رمز الدخول الذي أعطاك إياه مقدّم العرض."}


@pytest.mark.parametrize("header, lang", [
    ("fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr"),          # Chrome in French
    ("es-419,es;q=0.9", "es"),
    ("ar-EG, ar;q=0.9, en;q=0.5", "ar"),
    ("de-DE,de;q=0.9,es;q=0.8,fr;q=0.7", "es"),             # the first offered one, by quality
    ("en;q=0.2, fr;q=0.8", "fr"),
    ("fr;q=0.5, es;q=0.5", "fr"),                           # equal quality: the first named
    ("fr;q=0, es", "es"),                                   # q=0: not acceptable
    ("*", None), ("de, ja", None), ("", None), (None, None),
    ('fr"><script>alert(1)</script>', None),                # malformed entries are skipped
    ("fr;q=nan, ar;q=inf, es;q=2, en;q=-1", None),
    ("x" * 10_000 + ",fr", None),                           # only the first 512 characters are read
    ("de," * 40 + "fr", None),                              # and only 16 entries
    ("FR-ca", "fr"),
])
def test_accept_language(header, lang):
    assert page.accepted_language(header) == lang


def test_the_lang_parameter_of_the_page_asked_for_wins():
    assert page.viewer_language("/goals?lang=fr&goal=GPG1", "es,en") == "fr"
    assert page.viewer_language("/?deck=dialogue&lang=ar", None) == "ar"
    assert page.viewer_language("/goals?lang=xx", "es") == "es"        # an unknown lang: the browser's
    assert page.viewer_language("//evil.example/?lang=fr", "es") == "es"   # not a path of this server
    assert page.viewer_language("/", None) == "en"


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar"])
def test_each_language_has_the_whole_page_translated(lang):
    body = page.passcode_page("/", lang=lang).decode()
    assert PHRASES[lang] in body and f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in body
    if lang != "en":
        for message in page.TEXTS.values():
            assert message not in body, f"{message!r} left in English"


def test_the_guard_serves_the_page_in_the_viewers_language():
    guard, inner = guard_for(g.settings_from_env({"VIEWER_PASSCODE": PASS}))
    status, headers, body = call(guard, "/", headers=[("accept-language", "ar,en;q=0.5")])
    assert status == 403 and PHRASES["ar"] in body.decode() and b'dir="rtl"' in body
    assert headers["content-language"] == ["ar"] and headers["vary"] == ["accept-language"]
    status, headers, body = call(guard, "/goals?lang=es", headers=[("accept-language", "fr")])
    assert PHRASES["es"] in body.decode() and headers["content-language"] == ["es"]
    _, headers, body = call(guard, g.PASSCODE_PATH, headers=[("accept-language", "fr-CH, fr;q=0.9")])
    assert PHRASES["fr"] in body.decode() and headers["content-language"] == ["fr"]
    assert inner.seen == []


def test_a_hostile_header_is_never_echoed():
    guard, _ = guard_for(g.settings_from_env({"VIEWER_PASSCODE": PASS}))
    hostile = 'fr"><img src=http://evil.example/a.png>;q=1'
    status, headers, body = call(guard, "/", headers=[("accept-language", hostile)])
    assert status == 403 and b"evil.example" not in body and b"<img" not in body
    assert PHRASES["en"] in body.decode() and headers["content-language"] == ["en"]
    status, headers, body = call(guard, "/", headers=[("accept-language", "\x00\xff" * 3000)])
    assert status == 403 and headers["content-language"] == ["en"]


def test_wrong_passcode_and_wait_notices_in_the_language_asked_for():
    guard, _ = guard_for(g.settings_from_env({"VIEWER_PASSCODE": PASS}), limiter=g.TryLimiter(per_client=1))
    status, _, body = _post(guard, "wrong-one", next_path="/trends?lang=ar")
    assert status == 403 and "رمز الدخول هذا غير صحيح." in body.decode()
    status, headers, body = _post(guard, "wrong-one", next_path="/trends?lang=es")
    assert status == 429 and headers["content-language"] == ["es"]
    assert f"Espere {headers['retry-after'][0]} segundos" in body.decode()
