"""Hostile ids and missing values straight in the warehouse, hostile text in a deck (AppTest).

tests/hostile_data.build_hostile_ids copies the test warehouse and writes Markdown images, links and HTML into a
goal id, a source id and their titles (the ETL would refuse such ids), leaves some text values missing, and gives
two official French goal titles no URL or a javascript: one; HOSTILE_DECK carries the same in its titles, takeaway
and notes. Every page, `/goals?lang=fr&goal=GPG1`, and every slide of the deck in the venue window and the speaker
view are run on it: no error view, and nothing a renderer would act on (the browser half, with the network audit, is
tests/e2e/test_presentation_safety.py).
"""
from __future__ import annotations

import pytest

from dashboard import decks
from dashboard.presenter import access
from tests import hostile_data
from tests.apptest_helpers import open_page, open_window, shown
from tests.test_app_text_safety import leaks

#: A Markdown image or link to the evil host, if it reached a renderer unescaped.
LIVE = ("](http://evil.example/", "<img src=http://evil.example")


@pytest.fixture(scope="module")
def hostile_ids(tmp_path_factory, warehouse_dir):
    return hostile_data.build_hostile_ids(warehouse_dir / "warehouse.duckdb",
                                          tmp_path_factory.mktemp("hostile_ids") / "data")


@pytest.fixture
def hostile_env(hostile_ids, tmp_path, monkeypatch):
    """DATA_DIR on the hostile-ids warehouse, decks/ holding the hostile deck; caches emptied around the test."""
    import streamlit as st

    (tmp_path / "hostile.toml").write_text(hostile_data.HOSTILE_DECK, encoding="utf-8")
    monkeypatch.setenv("DATA_DIR", str(hostile_ids))
    monkeypatch.setattr(decks, "DECKS_DIR", tmp_path)
    st.cache_data.clear()
    yield hostile_ids
    st.cache_data.clear()


def live_markup(at) -> list:
    found = leaks(at)
    found += [(kind, field, text) for kind, field, text in _markdown_texts(at) if any(m in text for m in LIVE)]
    return found


def _markdown_texts(at):
    for kind in ("markdown", "caption", "subheader", "header", "title", "warning", "info", "error"):
        for element in at.get(kind):
            yield kind, "value", element.value


def check(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    found = live_markup(at)
    assert not found, "\n".join(f"{k} {f}: {s[:160]!r}" for k, f, s in found)


PAGES = [
    ("pages/overview.py", {}),
    ("pages/overview.py", {"lang": "ar"}),
    ("pages/trends.py", {}),
    ("pages/trends.py", {"goal": hostile_data.HOSTILE_GOAL}),
    ("pages/map.py", {}),
    ("pages/operations.py", {}),
    ("pages/goals.py", {"goal": hostile_data.HOSTILE_GOAL}),
    ("pages/goals.py", {"goal": hostile_data.HOSTILE_GOAL, "lang": "fr"}),
    ("pages/goals.py", {"lang": "fr", "goal": "GPG1"}),               # official wording without a URL
    ("pages/goals.py", {"lang": "fr", "goal": "GPG2"}),               # ... with a javascript: one
    ("pages/architecture.py", {}),
    ("pages/data.py", {}),
]


@pytest.mark.parametrize(("page", "params"), PAGES, ids=[f"{p[6:-3]}-{'-'.join(q.values())[:12] or 'default'}"
                                                         for p, q in PAGES])
def test_every_page_survives_hostile_ids_and_missing_values(hostile_env, page, params):
    check(open_page(page, first_run=True, **params))


def test_goals_official_wording_without_a_web_address_is_text_without_a_link(hostile_env):
    for goal in ("GPG1", "GPG2"):
        at = open_page("pages/goals.py", first_run=True, lang="fr", goal=goal)
        assert any("formulation officielle" in c.value for c in at.caption), goal
        assert not [p for p in at.get("page_link") if "javascript" in p.proto.page or not p.proto.page], goal


@pytest.mark.parametrize("speaker", [False, True], ids=["venue", "speaker"])
def test_hostile_deck_text_is_shown_as_text(hostile_env, speaker):
    deck = decks.load("hostile")
    for k in range(1, len(deck) + 1):
        params = {"deck": "hostile", "slide": str(k), **({"speaker": "1", "key": access.key()} if speaker else {})}
        at = open_window(**params)
        check(at)
        title = shown(at.subheader[0].value).replace("\u2060", "")       # the word joiner that stops autolinks
        assert title == deck.slide(k).title                                  # the viewer reads it as written
