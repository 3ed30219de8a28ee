"""Text from data files is shown as text, never interpreted (AppTest of every page on a hostile warehouse).

tests/hostile_data.py builds a warehouse from copies of data/raw whose names, outcomes, notes, titles and
sidecar fields carry `<script>`, `<img onerror>`, Markdown emphasis and links, LaTeX and Streamlit's own
`:color[...]`/`:material/...:` directives. Every page is run on it, and every string of every rendered
element is inspected: a raw marker may appear only in fields Streamlit shows as plain text (st.text,
dataframe cells, select options); Markdown-rendered fields (markdown, captions, headings, alerts, metric
and widget labels, help tooltips, expander labels) must carry it escaped, and plotly figures (which render
a subset of HTML) must carry it HTML-escaped. The browser half is tests/e2e/test_text_safety.py.
"""
from __future__ import annotations

import json
import os

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from tests import hostile_data
from tests.apptest_helpers import open_page
from tests.hostile_data import EVIL_HOST, HTML_MARKERS, markdown_leak, unescaped  # noqa: F401

PAGES = ["pages/overview.py", "pages/trends.py", "pages/map.py", "pages/operations.py", "pages/goals.py",
         "pages/architecture.py", "pages/data.py"]

#: (element type, field path prefix) whose strings Streamlit renders as plain text: raw markers are fine there.
PLAIN_FIELDS = {
    ("text", "body"),
    ("code", "code_text"),
    ("selectbox", "options"), ("selectbox", "raw_values"), ("selectbox", "raw_value"), ("selectbox", "default"),
    ("multiselect", "options"), ("multiselect", "raw_values"), ("multiselect", "default"),
    ("select_slider", "options"),
    ("text_input", "value"), ("text_input", "raw_value"),
    ("plotly_chart", "spec"),            # checked separately for HTML
    ("arrow_data_frame", ""),            # dataframe cells: arrow bytes, drawn on a canvas as text
    ("dataframe", ""),
    ("table", ""),
    ("json", "body"),
    ("download_button", "url"),
    ("link_button", "url"),
    ("page_link", "page"),
}
#: Fields holding the app's own constants (icons such as ":material/download:"), never data.
OWN_FIELDS = {"icon"}


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    return hostile_data.build(tmp_path_factory.getbasetemp())


@pytest.fixture
def hostile_env(hostile_dir, monkeypatch):
    """DATA_DIR pointing at the hostile warehouse; the data cache emptied before and after."""
    import streamlit as st

    monkeypatch.setenv("DATA_DIR", str(hostile_dir))
    st.cache_data.clear()
    yield hostile_dir
    st.cache_data.clear()


def _strings(value, path=""):
    """(path, string) for every string leaf of a JSON-like value."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, path)


def _nodes(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        children = children.values()
    for child in children or []:
        yield from _nodes(child)


def _is_plain(kind: str, path: str) -> bool:
    return any(kind == k and (not prefix or path == prefix or path.startswith(prefix + "."))
               for k, prefix in PLAIN_FIELDS)


def leaks(at: AppTest) -> list[tuple[str, str, str]]:
    """(element type, field, excerpt) for every hostile marker that would be interpreted on screen."""
    found = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        kind = getattr(node, "type", None) or proto.DESCRIPTOR.name
        fields = MessageToDict(proto, preserving_proto_field_name=True)
        for path, text in _strings(fields):
            if kind == "plotly_chart" and path == "spec":
                for p, s in _strings(json.loads(text)):
                    hit = next((m for m in HTML_MARKERS if m in s), None)
                    if hit:
                        found.append((kind, f"spec:{p}", s[max(0, s.find(hit) - 40):s.find(hit) + 40]))
                continue
            if _is_plain(kind, path) or path.rsplit(".", 1)[-1] in OWN_FIELDS:
                continue
            hit = markdown_leak(text)
            if hit:
                at = text.find(hit) if hit in text else text.find(EVIL_HOST)
                found.append((kind, path, text[max(0, at - 40):at + 40]))
    return found


def test_leak_detector_and_the_escaper():
    """The detector flags what Streamlit would interpret (including escapes that do not help), and the
    app's escaper (ui.md_escape) leaves nothing for it to flag."""
    from dashboard import ui

    for text in (hostile_data.PAYLOAD, "\\:material/warning\\:", "see http\\://evil\\.example", "www.evil.example",
                 "\\<b\\> **bold**", "\\\\*x* $x^2$"):
        assert markdown_leak(text), text
    assert markdown_leak(ui.md_escape(hostile_data.PAYLOAD + " www.evil.example a@evil.example")) is None
    assert markdown_leak("a \\*\\*bold\\*\\* \\$x^2\\$ \\<script\\>") is None


def run_page(page: str, **params) -> AppTest:
    return open_page(page, first_run=True, **params)


def test_hostile_warehouse_carries_the_payload(hostile_env):
    """The fixture really reaches the app: the poisoned names come back from dashboard.data."""
    from dashboard import data

    assert os.environ["DATA_DIR"] == str(hostile_env)
    assert "<script>" in data.indicator("homicide_rate_per_100k")["name"]
    assert any("<script>" in r for r in data.regions("organization"))
    assert "<script>" in data.sources_for(["unodc_homicide_rate_owid"])["title"].iloc[0]


#: Views that put the poisoned organization, operation, goal and indicator on screen.
CASES = [
    ("pages/overview.py", {}),
    ("pages/trends.py", {}),
    ("pages/trends.py", {"scheme": "organization", "countries": ["France"]}),
    ("pages/trends.py", {"view": "table"}),
    ("pages/trends.py", {"scheme": "un_subregion", "regions": ["Western Africa"], "years": ["1990", "1995"]}),
    ("pages/map.py", {}),
    ("pages/map.py", {"org": "AFRIPOL"}),
    ("pages/operations.py", {"q": "Epervier"}),
    ("pages/operations.py", {"op": ["epervier-2017", "libertad-2018"]}),
    ("pages/goals.py", {"goal": "GPG3"}),
    ("pages/architecture.py", {}),
    ("pages/architecture.py", {"org": "AFRIPOL"}),
    ("pages/data.py", {}),
]


@pytest.mark.parametrize(("page", "params"), CASES, ids=[f"{p[6:-3]}-{'-'.join(q) or 'default'}" for p, q in CASES])
def test_page_shows_data_text_as_text(hostile_env, page, params):
    at = run_page(page, **params)
    assert not leaks(at), "\n".join(f"{k} {f}: {s!r}" for k, f, s in leaks(at))


def test_poisoned_organization_in_the_url_is_escaped_too(hostile_env):
    """The poisoned Dialogue body chosen as a region (its name is a URL value) stays text everywhere."""
    from dashboard import data

    sco = next(r for r in data.regions("organization") if r.startswith("SCO"))
    at = run_page("pages/trends.py", scheme="organization", regions=[sco, "AFRIPOL"])
    assert not leaks(at), leaks(at)
    at = run_page("pages/map.py", org=sco)
    assert not leaks(at), leaks(at)
