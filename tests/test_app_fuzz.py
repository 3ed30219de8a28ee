"""Every URL parameter of every page fuzzed (AppTest + hypothesis): unknown names, SQL-like strings, path-like
values, NUL, 10,000-character strings, unicode (RTL, zero-width, emoji), huge, negative and fractional years,
empty values and repeated parameters where one value is expected.

For every run: no exception and no error box; a notice naming each invalid parameter that the page validates
(shown as text: the value is never rendered as Markdown); and the page's default content, exactly as a plain
visit shows it. And no query is ever built from a URL string: every statement DuckDB receives is one of the
fixed texts of dashboard/sql (or the whitelisted whole-table queries), with the URL's values bound as
parameters (tests/test_app_warehouse_access.py checks the same statically).

The parameters each page reads (grep st.query_params, bind="query-params", ui.url_selectbox, filters.check):
  every page   lang (i18n), present, deck, slide, speaker, follow (presenter); repeated single-valued ones
  Trends       scheme, regions, years (sidebar), indicator, goal, countries, sex, age, view, index, log
  Map          indicator, goal, sex, age, year, org
  Operations   scheme, regions, years (sidebar), goal, area, op, metric, q
  Goals        goal;  Architecture  org;  Data  table;  Overview  (none of its own)
"""
from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.hostile_data import markdown_leak, unescaped

pytestmark = pytest.mark.usefixtures("warehouse_dir")

PAGE_PARAMS = {
    "pages/overview.py": [],
    "pages/trends.py": ["scheme", "regions", "years", "indicator", "goal", "countries", "sex", "age", "view",
                        "index", "log"],
    "pages/map.py": ["indicator", "goal", "sex", "age", "year", "org"],
    "pages/operations.py": ["scheme", "regions", "years", "goal", "area", "op", "metric", "q"],
    "pages/goals.py": ["goal"],
    "pages/architecture.py": ["org"],
    "pages/data.py": ["table"],
}
#: Read on every page and answered with a notice when invalid.
COMMON = ["lang", "deck"]
#: Read on every page, lenient by design: present/speaker/follow are on only for 1/true/yes/on, slide only
#: counts with a valid deck. Fuzzed for robustness, no notice expected.
LENIENT = ["present", "speaker", "follow", "slide"]
#: Parameters of other pages: ignored (no notice) where they mean nothing, unless repeated.
ALL_PARAMS = sorted({p for ps in PAGE_PARAMS.values() for p in ps} | set(COMMON) | set(LENIENT))
SINGLE_VALUED = {"scheme", "indicator", "goal", "view", "index", "log", "sex", "age", "year", "org", "q", "metric",
                 "table", "present", "deck", "slide", "speaker", "follow"}
MAX_TEXT = 200

#: The cases the issue names, each tried on every parameter of every page.
NASTY = [
    "Atlantis",                                   # an unknown name
    "'; DROP TABLE sources; --",
    "1 OR 1=1",
    "../../etc/passwd",
    "%00",
    "\x00",
    "x" * 10_000,
    "مرحبا \u202eevil\u202c zero\u200bwidth 😀",  # Arabic, RTL override, zero-width space, emoji
    "99999999999999999999",
    "-5",
    "2020.5",
    "",
    ["Africa", "Atlantis"],                       # a list where one value is expected / a partly unknown list
    "[click](http://evil.example) **b** <script>alert(1)</script> :material/warning: $x^2$",
]


def _known_tokens() -> set[str]:
    """Every value some parameter accepts (case-folded): generated values avoid them, so they are invalid."""
    from dashboard import data, decks, i18n, registry

    choices = data.indicator_choices()
    known = set(registry.SCHEMES) | set(registry.VIEWS) | set(registry.TABLES) | set(i18n.LANGUAGES)
    for scheme in ("world", *registry.SCHEMES):
        known |= set(data.regions(scheme))
    known |= set(data.countries()["name"]) | set(choices["indicator_id"]) | set(choices["goal_key"])
    known |= set(data.goals()["goal_id"]) | set(data.operation_areas()) | set(data.operations()["operation_id"])
    known |= set(data.operation_results()["metric"]) | set(data.organizations()["name"]) | set(decks.available())
    known |= {"total", "male", "female", "true", "false", "1", "yes", "on", "0"}
    return {k.strip().casefold() for k in known}


def _is_known(value: str, known: set[str]) -> bool:
    v = value.strip().casefold()
    if v in known:
        return True
    try:
        return 1800 <= int(v) <= 2200          # could be a valid year, index or slide
    except ValueError:
        return False


def expected_notices(page: str, params: dict) -> set[str]:
    """The parameters a notice must name: invalid values of the page's validated parameters, and any
    single-valued parameter given more than once."""
    out = set()
    for name, value in params.items():
        repeated = isinstance(value, list)
        if repeated and name in SINGLE_VALUED:
            out.add(name)
        elif name == "q":
            if page == "pages/operations.py" and len(value) > MAX_TEXT:
                out.add(name)
        elif name in PAGE_PARAMS[page] or name in COMMON:
            out.add(name)
    return out


def open_page(page: str, params: dict) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=60)
    if page == "pages/data.py":            # its file name differs from its URL: AppTest needs a first run
        at.run()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    return at


def signature(at: AppTest) -> dict:
    """What a viewer sees first: titles and headings, and every chart's title and trace names."""
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return {
        "title": [t.value for t in at.title],
        "headings": [h.value for h in (*at.header, *at.subheader)],
        "charts": [((c["layout"].get("title") or {}).get("text"), [t.get("name") for t in c["data"]])
                   for c in charts],
        "tables": len(at.dataframe),
    }


@pytest.fixture(scope="module")
def defaults(warehouse_dir) -> dict[str, dict]:
    """Each page's signature on a plain visit (no parameters)."""
    return {page: signature(open_page(page, {})) for page in PAGE_PARAMS}


@pytest.fixture(scope="module")
def known(warehouse_dir) -> set[str]:
    return _known_tokens()


def check_run(page: str, params: dict, defaults: dict) -> AppTest:
    at = open_page(page, params)
    shown = repr({k: (v[:40] + f"...({len(v)})" if isinstance(v, str) and len(v) > 40 else v)
                  for k, v in params.items()})
    assert not at.exception, (shown, [e.value for e in at.exception])
    assert not at.error, (shown, [e.value for e in at.error])
    warnings = [w.value for w in at.warning]
    for name in expected_notices(page, params):
        assert any(f"'{name}'" in w for w in warnings), (name, shown, [w[:70] for w in warnings])
    for w in warnings:                              # the link's value is shown as text, never as Markdown
        assert markdown_leak(w) is None and not set(unescaped(w)) & set("<>[]*_`$~|"), (shown, w)
    if "q" not in params or expected_notices(page, {"q": params["q"]}):     # a valid search filters the page
        assert signature(at) == defaults[page], shown
    return at


def _all_params(page: str, value) -> dict:
    names = PAGE_PARAMS[page] + COMMON + LENIENT
    if page == "pages/overview.py":
        names += ["org", "table", "indicator"]                 # other pages' parameters mean nothing here
    return {n: value for n in names}


@pytest.mark.parametrize("page", list(PAGE_PARAMS), ids=[p[6:-3] for p in PAGE_PARAMS])
def test_every_parameter_at_once_with_each_nasty_value(page, defaults):
    """Every parameter the page reads set to the same nasty value: a notice for each, the default view."""
    for value in NASTY:
        check_run(page, _all_params(page, value), defaults)


def _scalars():
    return st.one_of(
        st.sampled_from([v for v in NASTY if isinstance(v, str)]),
        st.text(max_size=30),
        st.text(st.characters(codec="utf-8"), min_size=150, max_size=300),
        st.integers(-10**22, 10**22).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.sampled_from(["Africa", "GPG1", "homicide_rate_per_100k", "AFRIPOL", "sources", "France", "2020"])
          .map(lambda v: v + "'--"),           # a valid value with an injection suffix
    )


@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=st.data())
@pytest.mark.parametrize("page", list(PAGE_PARAMS), ids=[p[6:-3] for p in PAGE_PARAMS])
def test_fuzzed_parameters_fall_back_to_defaults_with_a_notice(page, data, defaults, known):
    names = data.draw(st.lists(st.sampled_from(PAGE_PARAMS[page] + COMMON + LENIENT if PAGE_PARAMS[page]
                                               else ALL_PARAMS), min_size=1, max_size=4, unique=True), "names")
    params = {}
    for name in names:
        value = data.draw(st.one_of(_scalars(), st.lists(_scalars(), min_size=2, max_size=3)).filter(
            lambda v: name == "q" or not all(_is_known(x, known) for x in (v if isinstance(v, list) else [v]))),
            name)
        params[name] = value
    check_run(page, params, defaults)


# -- no query built from the string --------------------------------------------------------------------

class _Recorder:
    """Wraps the app's DuckDB connection: every execute(sql, params) on its cursors is recorded."""

    def __init__(self, con, log):
        self._con, self._log = con, log

    def cursor(self):
        return _Recorder(self._con.cursor(), self._log)

    def execute(self, sql, params=None):
        self._log.append((sql, params))
        return self._con.execute(sql, params) if params is not None else self._con.execute(sql)

    def __getattr__(self, name):
        return getattr(self._con, name)


@pytest.fixture
def executed(monkeypatch):
    """(sql, params) of every statement the app runs, with the query cache emptied first."""
    import streamlit as st_

    from dashboard import data

    log: list[tuple[str, object]] = []
    real = data.executor

    def recording(fp):
        executor = copy.copy(real(fp))
        executor._con = _Recorder(executor._con, log)
        return executor

    monkeypatch.setattr(data, "executor", recording)
    st_.cache_data.clear()
    yield log
    st_.cache_data.clear()


def _allowed_sql() -> set[str]:
    from dashboard import db
    from dashboard.settings import SQL_DIR

    return {db.sql(p.stem) for p in SQL_DIR.glob("*.sql")} | {db.sql(f"table_{t}") for t in db.TABLES}


def _flat(params) -> list[str]:
    out = []
    for p in params or []:
        out += _flat(p) if isinstance(p, (list, tuple)) else [str(p)]
    return out


SQLISH = ["'; DROP TABLE sources; --", "1 OR 1=1", "../../etc/passwd", "x" * 10_000]


@pytest.mark.parametrize("page", list(PAGE_PARAMS), ids=[p[6:-3] for p in PAGE_PARAMS])
def test_no_query_is_built_from_a_url_string(page, executed, defaults):
    allowed = _allowed_sql()
    for value in SQLISH:
        check_run(page, _all_params(page, value), defaults)
    assert executed, "nothing was recorded: the recorder is not in the app's path"
    for sql, params in executed:
        assert sql in allowed, f"a statement that is not one of dashboard/sql/*.sql: {sql[:200]!r}"
        assert not any(v in sql for v in SQLISH)


def test_search_text_reaches_duckdb_only_as_a_bound_parameter(executed, defaults):
    """The one free-text parameter (Operations' q) is searched for: it arrives as a bound value."""
    q = "'; DROP TABLE sources; -- epervier"
    check_run("pages/operations.py", {"q": q}, defaults)
    bound = [_flat(p) for s, p in executed if "operations" in s and p]
    assert any(q.lower() in vals for vals in bound), "the search text was not bound as a parameter"
    assert all(q.lower() not in s and q not in s for s, _ in executed)
    assert all(s in _allowed_sql() for s, _ in executed)
