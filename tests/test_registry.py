"""The registry is the one list of pages and URL parameters: the app, decks, export, benchmarks and README
follow it."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dashboard import decks, panels, registry

REPO = Path(__file__).resolve().parent.parent


def test_registry_pages_have_their_layout_scripts_and_unique_paths():
    assert len({p.path for p in registry.PAGES}) == len(registry.PAGES)
    assert [p.path for p in registry.PAGES if p.default] == ["overview"]
    for page in registry.PAGES:
        assert (REPO / page.file).is_file(), page.file
        assert set(page.params) <= set(registry.PARAMS), page.path
        assert page.main_chart is None or page.main_chart in page.charts


def test_registry_every_url_parameter_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("### URL parameters")
    table = readme[start:readme.index("\n## ", start)]
    documented = set(re.findall(r"^\| `(\w+)` \|", table, flags=re.M))
    assert documented == set(registry.PARAMS), (set(registry.PARAMS) ^ documented)
    assert all(p.help for p in registry.PARAMS.values())


def test_registry_is_the_one_list_of_pages():
    """No other module declares the page list: app.py registers the registry's pages, decks check slides
    against it, the export and the benchmarks read it."""
    app = (REPO / "app.py").read_text(encoding="utf-8")
    assert "st.Page(" not in app and "frame.st_pages()" in app
    for path in [*(REPO / "dashboard").rglob("*.py"), *(REPO / "bench").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        if path.name == "registry.py":
            continue
        assert not re.search(r'"pages/\w+\.py"', text), f"{path} names a page file itself"
    with pytest.raises(decks.DeckError, match="page must be one of overview, since, trends"):
        decks.parse("[[slide]]\ntitle = 'a'\npage = 'nowhere'", "bad")


def test_registry_one_set_of_default_years():
    from bench.views import YEARS

    assert YEARS == registry.DEFAULT_YEARS == registry.PARAMS["years"].default
    for path in [REPO / "app.py", *(REPO / "pages").glob("*.py"), *(REPO / "dashboard").rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        literal_years = [n for n in ast.walk(tree) if isinstance(n, ast.Tuple) and len(n.elts) == 2
                         and all(isinstance(e, ast.Constant) and e.value == 2000 for e in n.elts[:1])]
        assert not literal_years or path.name == "registry.py", f"{path} declares default years"


def test_registry_charts_have_panel_builders():
    assert set(panels.BUILDERS) == {k for p in registry.PAGES for k in p.charts}
