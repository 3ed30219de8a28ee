"""dashboard/compat.py exists for one Streamlit behaviour: with a `pages` folder beside the entry script,
Streamlit 1.67 runs a linked page file alone (its old multipage mode) until st.navigation has run once.
These tests fail loudly when an upgrade changes that, so the work-around can be reviewed or removed."""
from __future__ import annotations

import textwrap

import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from tests.apptest_helpers import open_page

pytestmark = pytest.mark.usefixtures("warehouse_dir")


def _app(tmp_path, *, with_compat: bool):
    """A two-page app in tmp_path: main.py registers pages/a.py and pages/b.py with st.navigation."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "main.py").write_text(textwrap.dedent("""
        import streamlit as st
        st.session_state["frame_ran"] = True
        page = st.navigation([st.Page("pages/a.py", url_path="a", default=True), st.Page("pages/b.py", url_path="b")])
        st.session_state["in_frame"] = True
        page.run()
        st.session_state["in_frame"] = False
        st.caption("FRAME FOOTER")
    """))
    (tmp_path / "pages" / "a.py").write_text("import streamlit as st\nst.write('page A')\n")
    body = "st.write('page B')\n"
    if with_compat:
        body = textwrap.dedent("""
            from dashboard import compat
            if not st.session_state.get("in_frame"):
                compat.run_through_frame([st.Page("pages/a.py", url_path="a", default=True),
                                          st.Page("pages/b.py", url_path="b")])
        """) + body
    (tmp_path / "pages" / "b.py").write_text("import streamlit as st\n" + body)
    return AppTest.from_file(str(tmp_path / "main.py"), default_timeout=30)


def test_compat_streamlit_still_runs_a_linked_page_alone_beside_a_pages_folder(tmp_path):
    """The behaviour compat.py works around. If this fails after an upgrade, Streamlit no longer runs pages/
    files alone: remove dashboard/compat.py and its call in dashboard/frame.py (view())."""
    assert streamlit.__version__ == "1.67.0", "new Streamlit: re-check dashboard/compat.py, then this pin"
    at = _app(tmp_path, with_compat=False)
    at.switch_page("pages/b.py").run()
    assert [m.value for m in at.markdown] == ["page B"]
    assert not [c.value for c in at.caption], "the frame ran: Streamlit's pages-folder mode has changed"


def test_compat_run_through_frame_runs_the_same_page_inside_the_frame(tmp_path):
    at = _app(tmp_path, with_compat=True)
    at.query_params["k"] = "v"
    at.switch_page("pages/b.py").run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["page B"]
    assert [c.value for c in at.caption] == ["FRAME FOOTER"]
    assert at.query_params["k"] == ["v"] or at.query_params["k"] == "v"


def test_compat_the_app_runs_a_deep_link_through_its_frame():
    """The real app: a page linked directly (AppTest starts every run in Streamlit's pages-folder mode) gets
    app.py's navigation, sidebar and footer, and keeps its parameters."""
    at = open_page("pages/operations.py", goal="GPG7")
    assert any("Every figure traces to a cited source" in c.value for c in at.caption)
    assert at.sidebar.subheader[0].value == "Regions and years"
    assert at.query_params["goal"] in ("GPG7", ["GPG7"])
