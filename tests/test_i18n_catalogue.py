"""The message catalogues: every interface string in four languages, placeholders intact, nothing stale.

A string that lacks its French, Spanish or Arabic translation would fall back to English in the app; these
tests make that visible instead: they fail, naming the message, until `make messages` has been run and the
new msgstr filled in (locales/<lang>/LC_MESSAGES/messages.po, compiled .mo committed beside it).
"""
from __future__ import annotations

import gettext
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dashboard import i18n

REPO = Path(__file__).resolve().parent.parent
LOCALES = REPO / "locales"
TRANSLATED = [lang for lang in i18n.LANGUAGES if lang != i18n.DEFAULT]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _ids(catalog) -> set[str]:
    return {m.id for m in catalog if m.id}


def _po(lang: str):
    with open(LOCALES / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh, locale=lang)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[str]:
    """The msgids in the code right now: a fresh `pybabel extract` over app.py, dashboard/ and pages/."""
    out = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_",
                    "-k", "n_:1,2", "-k", "N_", "--no-location", "-o", str(out), "."],
                   cwd=REPO, check=True, capture_output=True)
    with open(out, "rb") as fh:
        return _ids(read_po(fh))


def test_catalogue_template_matches_the_code(extracted):
    with open(LOCALES / "messages.pot", "rb") as fh:
        template = _ids(read_po(fh))
    new, gone = sorted(extracted - template), sorted(template - extracted)
    assert not new, f"interface strings not in locales/messages.pot (run `make messages`): {new[:20]}"
    assert not gone, f"locales/messages.pot lists strings no longer in the code (run `make messages`): {gone[:20]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_interface_string_is_translated(lang, extracted):
    catalog = _po(lang)
    translated = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    missing = sorted(extracted - translated)
    assert not missing, f"{len(missing)} string(s) without a {lang} translation (would show in English): " \
                        f"{missing[:20]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_are_the_same_in_every_translation(lang):
    wrong = []
    for m in _po(lang):
        if m.id and m.string:
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            expected = sorted(PLACEHOLDER.findall(ids[0]))
            wrong += [(ids[0], s) for s in strings if sorted(PLACEHOLDER.findall(s)) != expected]
    assert not wrong, f"{lang}: placeholders differ between msgid and msgstr: {wrong[:10]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_qualifier_signs_and_markup_survive_translation(lang):
    """≈ and ≥ (operation qualifiers), Markdown bold and inline code keep their meaning in every language."""
    wrong = []
    for m in _po(lang):
        if isinstance(m.id, str) and m.id and m.string:
            for mark in ("≈", "≥", "**", "`", "†", "–"):
                if m.id.count(mark) != m.string.count(mark):
                    wrong.append((mark, m.id[:60]))
    assert not wrong, f"{lang}: {wrong[:10]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_compiled_catalogue_is_up_to_date(lang):
    """The committed .mo (what the app reads) says what the .po says: no compile step needed on a clone."""
    mo = gettext.GNUTranslations(open(LOCALES / lang / "LC_MESSAGES" / "messages.mo", "rb"))
    stale = [m.id for m in _po(lang) if isinstance(m.id, str) and m.id and m.string
             and mo.gettext(m.id) != m.string]
    assert not stale, f"{lang}: messages.mo is older than messages.po (run `make messages`): {stale[:10]}"


def test_data_texts_shown_as_interface_text_are_marked(warehouse_dir):
    """Indicator names, units, rationales, crime areas, metrics ... from the warehouse are all in
    dashboard/data_messages.py, so the catalogues carry them (regenerate with locales/data_strings.py)."""
    import duckdb

    sys.path.insert(0, str(REPO / "locales"))
    try:
        import data_strings
    finally:
        sys.path.pop(0)
    con = duckdb.connect(str(warehouse_dir / "warehouse.duckdb"), read_only=True)
    try:
        groups = data_strings.collect(con)
    finally:
        con.close()
    text = (REPO / "dashboard" / "data_messages.py").read_text(encoding="utf-8")
    missing = [item for items in groups.values() for item in items if f"N_({item!r})" not in text]
    assert not missing, f"data texts not in dashboard/data_messages.py (run `make messages`): {missing[:10]}"


def test_every_language_has_a_compiled_catalogue():
    for lang in TRANSLATED:
        assert isinstance(i18n.translations(lang), gettext.GNUTranslations), lang
