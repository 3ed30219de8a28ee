"""The meeting export pack: every slide's panel built without a browser session or Streamlit (the executor
answers), and `dashboard.export` writing a PDF (cover + one page per slide, each with its chart as an image,
a source line, the "as of" date and the live link) and a PowerPoint file. Uses kaleido and Playwright with
Debian's Chromium, like the browser tests."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard import decks, panels, questions, registry
from dashboard.export import __main__ as cli
from dashboard.export import build, pdf
from dashboard.export.settings import CHROMIUM, PNG_HEIGHT, PNG_WIDTH
from dashboard.panels.base import source_line
from tests.e2e import net_helpers

DECK = decks.load("dialogue")
KEY = "export-test-presenter-key"          # set while exporting: it must appear nowhere in the pack

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("warehouse_dir")
needs_chromium = pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason=f"{CHROMIUM} missing (make browser)")


@pytest.fixture(scope="module")
def q(warehouse_dir):
    return questions.plain(warehouse_dir)


@pytest.mark.parametrize("key", sorted(panels.BUILDERS))
def test_export_every_registered_chart_builds_from_default_filters(key, q):
    page = next(p for p in registry.PAGES if key in p.charts)
    slide = decks.Slide(number=1, title="t", page=page.path, chart=key)
    chart = build.slide_panel(slide, "en", q)
    assert chart is not None and chart.figure.data, key
    assert chart.sources
    assert chart.figure.layout.width == PNG_WIDTH and chart.figure.layout.height == PNG_HEIGHT


def test_export_every_page_chart_has_a_builder_and_a_main_chart():
    assert set(panels.BUILDERS) == {k for p in registry.PAGES for k in p.charts}
    assert all(p.main_chart in p.charts for p in registry.PAGES if p.charts)


def test_export_dialogue_charts_follow_their_slides_filters(q):
    charts = {s.number: build.slide_panel(s, "en", q) for s in DECK.slides}
    assert all(charts.values()), [k for k, c in charts.items() if c is None]
    names = lambda k: {t.name for t in charts[k].figure.data  # noqa: E731
                       if t.name and not t.name.startswith(("thin", "dashed"))}     # (legend notes)
    assert names(1) == set(dict(DECK.slide(1).filters)["regions"])
    assert "homicide_rate_per_100k" in charts[1].sources[0] or charts[1].sources[0] == "unodc_homicide_rate_owid"
    assert names(2) == {"Africa", "Americas", "Asia", "Europe", "Oceania"}
    ops = next(s.number for s in DECK.slides if s.page == "operations")
    bars = {y for t in charts[ops].figure.data if t.y is not None for y in t.y if y}
    assert bars == {"Operation Epervier", "Operation Libertad", "Operation Sawiyan"}
    assert {"≈500", "≈350", "94"} <= {x for t in charts[ops].figure.data if t.text is not None for x in t.text}
    # a map: drawn from the world topojson, which the export points at static/
    gaps = next(s.number for s in DECK.slides if s.chart == "arch_map")
    assert charts[gaps].figure.data[0].type == "choropleth"


def test_export_source_line_cites_title_publisher_and_licence(q):
    line = source_line(q, ["unodc_homicide_rate_owid", "population_worldbank"])
    assert line.startswith("Sources: ") and "UNODC" in line and "World Bank" in line and "CC BY" in line
    assert "\\" not in line                                  # plain text, not Markdown escapes


@pytest.fixture(scope="module")
def exported(tmp_path_factory, warehouse_dir):
    """`python -m dashboard.export --deck dialogue` (what `make export` runs), once for this module, in a
    subprocess: Playwright's sync API cannot start inside the event loop the browser tests leave running."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} missing (make browser)")
    if not net_helpers.STRACE:
        pytest.fail("strace is missing (make browser installs it): the export's network is traced")
    out = tmp_path_factory.mktemp("exports")
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "dashboard.export", "--deck", "dialogue", "--out", str(out),
           "--base-url", "http://venue.example:8501"]
    # traced: every connect() of the export and the Chromiums it starts (test_export_sends_nothing_off_the_machine)
    done = subprocess.run(net_helpers.traced(cmd, out / "strace.txt"), cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "DATA_DIR": str(warehouse_dir), "PRESENTER_KEY": KEY}, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "warning" not in done.stderr and KEY not in done.stdout + done.stderr
    print(f"\nexport of the dialogue deck ({len(DECK)} slides): {time.perf_counter() - start:.1f} s")
    return out, {"pdf": out / "dialogue.pdf", "pptx": out / "dialogue.pptx"}


@needs_chromium
def test_export_dialogue_writes_a_pdf_page_per_slide_with_chart_source_as_of_and_link(exported):
    from pypdf import PdfReader

    tmp_path, result = exported
    pdf = tmp_path / "dialogue.pdf"
    assert result["pdf"] == pdf and pdf.stat().st_size > 50_000
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == len(DECK) + 1                   # a cover, then one page per slide
    cover = reader.pages[0].extract_text()
    assert DECK.title.split(":")[0] in cover.replace("\n", " ")
    for slide, page in zip(DECK.slides, reader.pages[1:]):
        text = page.extract_text()
        flat = " ".join(text.split())
        assert len(page.images) >= 1, f"slide {slide.number}: no image"
        assert slide.title in flat, slide.number
        assert "Source" in flat and "warehouse built" in flat and re.search(r"(data|compiled) (19|20)\d\d", flat), (slide.number, flat[:300])
        links = [a.get_object().get("/A", {}).get("/URI") for a in page.get("/Annots") or []]
        live = [u for u in links if u and u.startswith("http://venue.example:8501/")]
        assert live, f"slide {slide.number}: no live link"
        query = parse_qs(urlsplit(live[0]).query)
        assert query["deck"] == ["dialogue"] and query["slide"] == [str(slide.number)]
        assert urlsplit(live[0]).path == "/" + slide.path
        for key, values in slide.filters:
            assert query[key] == list(values), (slide.number, key)


@needs_chromium
def test_export_writes_a_pptx_with_pictures_and_speaker_notes(exported):
    from pptx import Presentation

    tmp_path, result = exported
    assert result["pptx"] == tmp_path / "dialogue.pptx"
    prs = Presentation(str(tmp_path / "dialogue.pptx"))
    slides = list(prs.slides)
    assert len(slides) == len(DECK) + 1
    for deck_slide, slide in zip(DECK.slides, slides[1:]):
        kinds = [s.shape_type for s in slide.shapes]
        assert 13 in kinds, deck_slide.number                     # MSO_SHAPE_TYPE.PICTURE
        text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert deck_slide.title in text and "Source" in text and "warehouse built" in text
        assert slide.notes_slide.notes_text_frame.text == deck_slide.note


def test_export_html_is_right_to_left_in_arabic():
    page = build.Page(slide=DECK.slide(1), url="http://x/", panel=None, source_line="Source: x.")
    doc = pdf.build_html(DECK, [page], "ar", "2026-01-01")
    assert "dir='rtl'" in doc and "lang='ar'" in doc
    assert "Noto Sans Arabic" in doc and "data:font/woff2;base64," in doc       # the bundled font, inlined
    assert "http" not in doc.replace("http://x/", "")                           # nothing to fetch


def test_export_unknown_deck_fails_with_a_message(capsys):
    assert cli.main(["--deck", "nope"]) == 2
    assert "no deck named 'nope'" in capsys.readouterr().err


def test_export_arabic_panel_equals_the_screen(q):
    """The export's panel is the screen's: in Arabic, region names and units translated, the locale's separators."""
    from dashboard import filters, i18n

    slide = next(s for s in DECK.slides if s.raw().get("scheme") == ["un_region"])
    f, _notices = filters.parse(slide.page, slide.raw(), q)
    screen = panels.build(slide.panel, f, "ar", q)
    paper = build.slide_panel(slide, "ar", q)
    names = {t.name for t in paper.figure.data if t.name}
    assert {i18n.region_name(r, "ar") for r in dict(slide.filters)["regions"]} <= names
    assert "Africa" not in names
    assert paper.figure.layout.title.text == screen.figure.layout.title.text
    assert paper.unit == screen.unit and paper.unit != "deaths"
    assert paper.figure.layout.separators == i18n.plotly_separators("ar")


def _pdf_text(path: Path) -> list[str]:
    """Each page's text, its links appended (NFKC: Arabic presentation forms read as letters)."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(str(path)).pages:
        links = [a.get_object().get("/A", {}).get("/URI") or "" for a in page.get("/Annots") or []]
        pages.append(unicodedata.normalize("NFKC", page.extract_text() + " " + " ".join(links)))
    return pages


@needs_chromium
def test_export_sends_nothing_off_the_machine(exported):
    """No packet to another machine from the export or its two Chromiums (kaleido's and the PDF printer's):
    headless Chromium otherwise looks up accounts.google.com, clients2.google.com and start.duckduckgo.com through
    the venue's DNS server, whatever it loads (settings.OFFLINE_ARGS). What remains is Chromium's IPv6
    reachability check: a UDP connect() that asks the kernel for a route and sends nothing."""
    tmp_path, _ = exported
    trace = (tmp_path / "strace.txt").read_text()
    assert "connect(" in trace and "SOCK_DGRAM" in trace          # the trace works (Chromium's own sockets)
    outbound = net_helpers.strace_outbound(tmp_path / "strace.txt")
    assert [c.line for c in outbound if not c.ipv6_probe] == []


def test_export_pack_never_holds_the_presenters_key(exported):
    import zipfile

    tmp_path, result = exported
    assert not any(KEY in text for text in _pdf_text(result["pdf"]))
    with zipfile.ZipFile(result["pptx"]) as pack:
        assert not any(KEY.encode() in pack.read(name) for name in pack.namelist())
    assert not any("key=" in text for text in _pdf_text(result["pdf"]))


@pytest.mark.parametrize("env, flag, expected", [
    ({}, None, "http://127.0.0.1:8501"),
    ({"DASHBOARD_URL": "http://dialogue.example:8501/"}, None, "http://dialogue.example:8501"),
    ({"SERVE_ADDRESS": "192.168.1.20"}, None, "http://192.168.1.20:8501"),
    ({"SERVE_ADDRESS": "192.168.1.20", "PORT": "8765"}, None, "http://192.168.1.20:8765"),
    ({"SERVE_ADDRESS": "fd00::20"}, None, "http://[fd00::20]:8501"),
    ({"DASHBOARD_URL": "https://a.example", "SERVE_ADDRESS": "192.168.1.20"}, None, "https://a.example"),
    ({"DASHBOARD_URL": "https://a.example"}, "http://10.0.0.5:8501", "http://10.0.0.5:8501"),
])
def test_export_links_use_the_configured_public_address(env, flag, expected):
    from dashboard.export import settings

    assert settings.check_base_url(flag or settings.base_url(env)) == expected


@pytest.mark.parametrize("url", ["ftp://x.example", "venue:8501", "http://", "http://a.example/?x=1",
                                 "http://user@a.example", "http://a.example:99999", "http://a b.example",
                                 "javascript:alert(1)"])
def test_export_refuses_a_base_url_that_is_no_web_address(url, capsys):
    assert cli.main(["--deck", "dialogue", "--base-url", url]) == 2
    assert "is not a web address" in capsys.readouterr().err


@pytest.mark.parametrize("url, loopback", [("http://127.0.0.1:8501", True), ("http://localhost:8501", True),
                                           ("http://[::1]:8501", True), ("http://0.0.0.0:8501", True),
                                           ("http://192.168.1.20:8501", False), ("https://dialogue.example", False)])
def test_export_knows_a_loopback_address(url, loopback):
    from dashboard.export import settings

    assert settings.is_loopback(url) is loopback


def _export(tmp_path: Path, warehouse_dir: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("DASHBOARD_URL", "SERVE_ADDRESS", "PORT")}
    done = subprocess.run([sys.executable, "-m", "dashboard.export", "--deck", "dialogue", "--out", str(tmp_path),
                           "--no-pptx", *args], cwd=REPO, capture_output=True, text=True, timeout=600,
                          env={**environ, "DATA_DIR": str(warehouse_dir), **(env or {})})
    assert done.returncode == 0, done.stderr[-3000:]
    return done


@needs_chromium
def test_export_with_a_loopback_address_says_so_on_the_terminal_and_the_cover(tmp_path, warehouse_dir):
    done = _export(tmp_path, warehouse_dir, "--lang", "fr")
    assert "warning: the live links point to http://127.0.0.1:8501" in done.stderr
    cover = " ".join(_pdf_text(tmp_path / "dialogue.pdf")[0].split())
    assert "pointent vers http://127.0.0.1:8501" in cover and "délégués" in cover        # in the pack's language
    served = _export(tmp_path, warehouse_dir, env={"SERVE_ADDRESS": "192.168.1.20"})
    assert "warning" not in served.stderr
    pages = _pdf_text(tmp_path / "dialogue.pdf")
    assert "127.0.0.1" not in " ".join(pages) and "http://192.168.1.20:8501/trends?" in pages[1]


def _words(text: str) -> set[str]:
    """The words and numbers of a text, whatever the order a PDF reader gives them in (right to left in Arabic) and
    wherever a line broke."""
    return set(re.findall(r"\w+", unicodedata.normalize("NFKC", text)))


@needs_chromium
@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar"])
def test_export_pdf_matches_the_screen_in_every_language(lang, tmp_path, warehouse_dir):
    """Each PDF page carries what the venue window shows for that slide in the same language: the title, the
    takeaway, 'k of n' and the source line with its data years; and its chart is the screen's (title, series)."""
    from dashboard.export import build
    from tests.apptest_helpers import open_window, shown

    _export(tmp_path, warehouse_dir, "--lang", lang)
    pages = _pdf_text(tmp_path / "dialogue.pdf")[1:]
    q = questions.plain(warehouse_dir)
    for slide, text in zip(DECK.slides, pages):
        screen = open_window(deck="dialogue", slide=str(slide.number), lang=lang)
        count = next(shown(m.value) for m in screen.markdown if str(slide.number) in m.value and str(len(DECK))
                     in m.value and len(m.value) < 20)
        source = [shown(c.value) for c in screen.caption]
        assert len(source) == 2 and re.search(r"\b(19|20)\d\d\b", source[1]), source        # the data's years
        on_paper = _words(text)
        for part in (slide.title, slide.takeaway, count, *source):
            missing = _words(part) - on_paper
            assert not missing, (lang, slide.number, part, missing)
        chart = json.loads(screen.get("plotly_chart")[0].proto.spec)
        paper = build.slide_panel(slide, lang, q).figure
        assert paper.layout.title.text == chart["layout"]["title"]["text"], (lang, slide.number)
        assert [t.name for t in paper.data] == [t.get("name") for t in chart["data"]], (lang, slide.number)
