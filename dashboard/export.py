"""The meeting export pack: a deck's charts as a PDF (and a PowerPoint file), built without a browser session.

    python -m dashboard.export --deck dialogue [--lang fr] [--out exports] [--base-url http://host:8501]
    make export DECK=dialogue [DECK_LANG=fr] [BASE_URL=...]

One page per slide: the slide's title, its main chart (PNG), a line citing the chart's sources, the data's "as
of" date and the link that reopens the live view (`decks.slide_url`), after a cover page. Pipeline:

1. figures: `FIGURES` maps a slide's chart (the ui.plot key of the page's figure; a page's main chart by
   default) to a builder that reads the slide's URL filters the way the page does and calls the same
   dashboard.data queries and dashboard.charts builders (no Streamlit session: the cached data functions run
   without one);
2. PNG: kaleido 1.x with Debian's Chromium (`CHROMIUM`, else BROWSER_PATH), MathJax off and
   plotly.io.defaults.topojson pointed at static/ so maps draw offline;
3. PDF: the pages laid out in HTML (Arabic is shaped and laid out right to left by the browser, with the bundled
   Noto Sans Arabic) and printed by the same Chromium through Playwright; every request other than the inlined
   data is refused, so nothing leaves the machine;
4. PPTX (python-pptx): one slide per chart, with the speaker note in the slide's notes.

Settings: DASHBOARD_URL (base of the live links, default http://127.0.0.1:8501), CHROMIUM (/usr/bin/chromium).
"""
from __future__ import annotations

import argparse
import base64
import datetime as dt
import html
import os
import sys
import tempfile
import time
import tomllib
import warnings
from dataclasses import dataclass
from pathlib import Path

if __name__ == "__main__":         # the command line: no warnings about caches running without a Streamlit server
    from streamlit.logger import set_log_level

    set_log_level("error")

from . import charts, data, decks, filters, i18n  # noqa: E402
from .i18n import _  # noqa: E402
from .presenter import fit_figure  # noqa: E402
from .settings import REPO, THIN_COVERAGE  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM") or os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
BASE_URL = os.environ.get("DASHBOARD_URL", "http://127.0.0.1:8501")
OUT_DIR = REPO / "exports"
STATIC = REPO / "static"
PNG_WIDTH, PNG_HEIGHT, PNG_SCALE = 1600, 800, 2     # layout pixels; the PNG has twice as many
FONT_SCALE = 1.3                                     # chart type, for reading on paper
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass
class Chart:
    """A slide's main figure with what its page's caption says about it."""
    figure: object
    sources: list[str]
    unit: str | None = None


@dataclass
class Page:
    slide: decks.Slide
    url: str
    chart: Chart | None
    png: bytes | None = None
    source_line: str = ""


class Params:
    """A slide's URL filters read like st.query_params (strings; lists for repeated parameters)."""

    def __init__(self, slide: decks.Slide):
        self._p = {k: list(v) for k, v in slide.filters}

    def one(self, key: str, options=None, default=None):
        vals = self._p.get(key) or []
        if len(vals) == 1 and (options is None or vals[0] in options):
            return vals[0]
        return default

    def all(self, key: str, options=None, default=None) -> list[str]:
        vals = [v for part in self._p.get(key) or [] for v in part.split(",") if v]
        if vals and (options is None or set(vals) <= set(options)):
            return vals
        return list(default or [])


# -- the app's defaults for the shared sidebar filters (app.py) -----------------------------------------

DEFAULT_YEARS = (2000, dt.date.today().year)
DEFAULT_REGIONS = {"un_subregion": ["Western Africa", "Northern Africa", "Central America", "South America",
                                    "South-eastern Asia", "Western Europe"]}


def _scheme_regions_years(p: Params) -> tuple[str, list[str], int, int]:
    scheme = p.one("scheme", filters.SCHEMES, filters.DEFAULT_SCHEME)
    options = data.regions(scheme)
    default = [r for r in DEFAULT_REGIONS.get(scheme, options) if r in options]
    regions = p.all("regions", options, default)
    years = [int(y) for y in p.all("years") if y.isdigit()]
    y0, y1 = (years[0], years[-1]) if len(years) == 2 and years[0] <= years[1] else DEFAULT_YEARS
    return scheme, regions, y0, y1


# -- one builder per chart (the pages' own data and chart functions) ----------------------------------

def _trends(p: Params, lang: str) -> Chart | None:
    choices = data.indicator_choices()
    by_id = choices.set_index("indicator_id", drop=False)
    ind = p.one("indicator", set(by_id.index), filters.DEFAULT_INDICATOR)
    meta = by_id.loc[ind]
    scheme, regions, y0, y1 = _scheme_regions_years(p)
    names = data.countries()
    iso3_of = dict(zip(names["name"], names["iso3"]))
    picked = p.all("countries", iso3_of)
    sex, age = p.one("sex", default="Total"), p.one("age", default="Total")
    no_regions = meta["aggregation"] == "none"
    df = data.trend_series(ind, scheme, [] if no_regions else regions, [iso3_of[c] for c in picked], y0, y1,
                           sex, age)
    if df.empty:
        return None
    base = int(p.one("index", default="0")) if p.one("index", default="0").isdigit() else 0
    if base:
        df, _dropped = data.index_to_base(df, base)
    log = p.one("log") == "true"
    unit = _(meta["unit"])
    breakdown = "" if (sex, age) == ("Total", "Total") else f" — {_(sex)}, {_(age)}"
    y_title = _("Index, {year} = 100").format(year=base) if base else unit
    title = (_("{name}{breakdown}, index ({year} = 100)") if base else _("{name}{breakdown}, {unit}")).format(
        name=_(meta["name"]), breakdown=breakdown, year=base, unit=unit)
    goal_id = meta["goal_id"] if isinstance(meta["goal_id"], str) else None
    events = data.goal_operations(goal_id, y0, y1)
    labels = {"coverage": _("{n} of {total} countries reporting"), "population": _("{share} of population"),
              "thin": _("thin coverage (under {pct} of population)").format(pct=f"{THIN_COVERAGE:.0%}"),
              "thin_legend": _("thin coverage (open marker)"), "year": _("Year")}
    fig = charts.trend_chart(df, title=title, y_title=y_title, measure=None if base else meta["measure"], log=log,
                             events=events, labels=labels, locale=lang)
    sources = [meta["source_id"]]
    if (df["kind"] == "region").any() and meta["aggregation"] == "population_weighted_mean":
        sources.append("population_worldbank")
    if len(events):
        sources.append("operations")
    return Chart(fig, sources, y_title)


def _map(p: Params, lang: str) -> Chart | None:
    choices = data.indicator_choices()
    by_id = choices.set_index("indicator_id", drop=False)
    ind = p.one("indicator", set(by_id.index), filters.DEFAULT_INDICATOR)
    meta = by_id.loc[ind]
    sex, age = p.one("sex", default="Total"), p.one("age", default="Total")
    years = data.indicator_years(ind)
    default = data.default_map_year(ind, sex, age) or (years[-1] if years else None)
    year = p.one("year", [str(y) for y in years])
    year = int(year) if year else default
    org = p.one("org", data.organization_names())
    df = data.map_data(ind, year, sex, age, org) if year is not None else None
    if df is None or df.empty:
        return None
    unit = _(meta["unit"])
    breakdown = "" if (sex, age) == ("Total", "Total") else f" — {_(sex)}, {_(age)}"
    title = _("{name}{breakdown}, {year}{where} ({unit})").format(
        name=_(meta["name"]), breakdown=breakdown, year=year, unit=unit, where=(" — " + org) if org else "")
    cap = charts.colour_cap(df["value"])
    fig = charts.country_map(df, title=title, colorbar_title=unit, unit=unit, measure=meta["measure"],
                             higher_is_worse=bool(meta["higher_is_worse"]),
                             labels={"year": _("Year"), "source": _("Source")}, locale=lang,
                             range_color=(min(0.0, float(df["value"].min())), cap) if cap else None,
                             zoom_to_data=bool(org))
    return Chart(fig, [meta["source_id"]] + (["org_membership"] if org else []), unit)


def _overview(p: Params, lang: str) -> Chart | None:
    cfg = tomllib.loads((REPO / "dashboard" / "headlines.toml").read_text(encoding="utf-8"))["overview"]
    meta = data.indicator(cfg["trend_indicator"])
    if meta is None:
        return None
    df = data.region_series(cfg["trend_indicator"], cfg["trend_scheme"], data.regions(cfg["trend_scheme"]),
                            cfg["trend_from"], 2100)
    if df.empty:
        return None
    fig = charts.small_multiples(df, facet_col="region", title=_("{name}, {unit}").format(
        name=_(meta["name"]), unit=meta.unit), y_title=meta.unit, measure=meta.measure,
        labels={"coverage": _("{n} of {total} countries reporting"), "population": _("{share} of population")})
    return Chart(fig, [meta.source_id, "population_worldbank"], meta.unit)


def _operations(p: Params, lang: str) -> tuple:
    """The Operations page's filtered operations (goal, crime area, search text, regions and years)."""
    goals = data.goals()
    goal = p.one("goal", goals["goal_id"].tolist())
    areas = p.all("area", data.operation_areas())
    q = p.one("q", default="") or ""
    scheme, regions, y0, y1 = _scheme_regions_years(p)
    scheme_regions = data.regions(scheme)
    region_filter = None if not regions or set(scheme_regions) <= set(regions) else regions
    ops = data.operations_filtered(goal, areas, scheme, region_filter, y0, y1, q.split(",") if q else [])
    goal_labels = {g: f"{g} · {_(n)}" for g, n in zip(goals["goal_id"], goals["short_name"])}
    op_labels = {"no_goal": _("No goal"), "approx_dates": _("dates approximate: {precision} only"),
                 "goal": _("Goal"), "crime_area": _("Crime area"), "lead": _("Lead"), "where": _("Where"),
                 "countries": _("Countries listed"),
                 "precision": {"day": _("day"), "month": _("month"), "year": _("year")},
                 "qualifier": {"exact": _("exact"), "approx": _("approximately (≈)"),
                               "at_least": _("at least (≥)")}}
    return ops, goal_labels, op_labels


def _ops_metric(p: Params, lang: str) -> Chart | None:
    ops, goal_labels, op_labels = _operations(p, lang)
    options = ops["operation_id"].tolist()
    results = data.operation_results_for(options) if options else None
    if results is None or results.empty:
        return None
    counts = results["metric"].value_counts()
    metric_options = sorted(counts.index, key=lambda m: (-counts[m], m))
    default = next((m for m in ("victims_rescued", "arrests") if m in metric_options), metric_options[0])
    metric = p.one("metric", metric_options, default)
    label = _(metric.removesuffix("_usd").removesuffix("_kg").replace("_", " ").capitalize())
    one = results[results["metric"] == metric]
    unit = one["unit"].mode().iloc[0] if one["unit"].notna().any() else ""
    fig = charts.metric_bars(one, title=_("{metric} by operation ({unit})").format(
        metric=label, unit=_(unit) if unit else "–"), x_title=_(unit) if unit else "", goal_labels=goal_labels,
        labels=op_labels, locale=lang)
    return Chart(fig, ["operation_results", "operations"], _(unit) if unit else None)


def _ops_timeline(p: Params, lang: str) -> Chart | None:
    ops, goal_labels, op_labels = _operations(p, lang)
    if ops.empty:
        return None
    fig = charts.operations_timeline(ops, title=_("Operations from start to end date, by Global Policing Goal"),
                                     goal_labels=goal_labels, labels=op_labels, locale=lang)
    return Chart(fig, ["operations", "operation_countries"], _("dates, start to end"))


def _ops_map(p: Params, lang: str) -> Chart | None:
    ops, _goal_labels, _op_labels = _operations(p, lang)
    options = ops["operation_id"].tolist()
    shown = [o for o in p.all("op", options)] or options
    counts = data.operation_country_counts(shown) if shown else None
    if counts is None or counts.empty:
        return None
    fig = charts.operation_countries_map(counts, title=_("Countries taking part, by number of these operations"),
                                         colorbar_title=_("operations"))
    return Chart(fig, ["operation_countries", "operations"], _("operations a country took part in"))


def _arch_overlap(p: Params, lang: str) -> Chart | None:
    overlap = data.org_overlap()
    if overlap.empty:
        return None
    fig = charts.overlap_heatmap(
        overlap, order=data.organizations()["name"].tolist(), names=data.org_overlap_countries(),
        title=_("Countries covered by both bodies (number of countries)"),
        labels={"shared": _("{n} countries shared"), "own": _("{n} countries covered (own coverage)"),
                "none": _("no country shared"), "colorbar": _("countries")})
    return Chart(fig, ["organizations", "org_membership"], _("countries"))


def _arch_map(p: Params, lang: str) -> Chart | None:
    org = p.one("org", data.organizations()["name"].tolist())
    highlight = None
    if org:
        members = data.org_members(org)
        highlight = members[members["membership_type"].isin(["member", "associate"])]
    fig = charts.coverage_map(
        data.country_coverage(), title=_("Dialogue bodies covering each country (number of bodies)"),
        colorbar_title=_("bodies"), highlight=highlight, highlight_name=org,
        labels={"bodies": _("bodies"), "none": _("none besides INTERPOL"), "gap": _("0 (gap)"),
                "member_of": _("{org}: {type}")})
    return Chart(fig, ["organizations", "org_membership"], _("number of Dialogue bodies (0, 1, 2, 3 or more)"))


def _arch_bars(p: Params, lang: str) -> Chart | None:
    fig = charts.coverage_bars(data.organizations(), title=_("Countries covered per body"),
                               x_title=_("countries (members and associates)"), partial_label=_("partial list"))
    return Chart(fig, ["organizations", "org_membership"], _("countries"))


def _arch_meetings(p: Params, lang: str) -> Chart | None:
    meetings = data.dialogue_meetings()
    if meetings.empty:
        return None
    fig = charts.meetings_timeline(meetings, title=_("Dialogue editions and working-group meetings, by date"),
                                   labels={"edition": _("Dialogue edition"), "working_group": _("Working group"),
                                           "virtual": _("online"), "in_person": _("in person"), "date": _("Date"),
                                           "unknown_venue": _("venue not stated")})
    return Chart(fig, ["dialogue_meetings"])


#: chart key (the ui.plot key on the page) -> builder(slide filters, language) -> Chart or None (no data).
FIGURES = {
    "overview_multiples": _overview,
    "trends_chart": _trends,
    "map_chart": _map,
    "ops_metric": _ops_metric,
    "ops_timeline": _ops_timeline,
    "ops_map": _ops_map,
    "arch_overlap": _arch_overlap,
    "arch_map": _arch_map,
    "arch_coverage_bars": _arch_bars,
    "arch_meetings_timeline": _arch_meetings,
}
#: A page's main chart, for slides that name none (the Goals and Data pages have tables, not charts).
MAIN_CHART = {"overview": "overview_multiples", "trends": "trends_chart", "map": "map_chart",
              "operations": "ops_metric", "architecture": "arch_overlap"}


def source_line(source_ids) -> str:
    """'Sources: <title> (<publisher>; <licence>); ...' as plain text (the pages' caption line, unescaped)."""
    ids = sorted({s for s in source_ids if s})
    if not ids:
        return ""
    rows = data.sources_for(ids)
    parts = [f"{r.title} ({r.publisher}; {r.license})" + (" — " + _("SYNTHETIC, not real data") if r.synthetic
                                                          else "") for r in rows.itertuples()]
    return (_("Source") if len(parts) == 1 else _("Sources")) + ": " + "; ".join(parts) + "."


def slide_chart(slide: decks.Slide, lang: str = "en") -> Chart | None:
    """The slide's main figure, built from its filters; None for a page without charts or without data."""
    key = slide.chart or MAIN_CHART.get(slide.page)
    builder = FIGURES.get(key or "")
    if builder is None:
        return None
    chart = builder(Params(slide), lang)
    if chart is not None:
        from .ui import localize_figure

        localize_figure(chart.figure, lang)
        fit_figure(chart.figure, scale=FONT_SCALE, min_height=PNG_HEIGHT)
        chart.figure.update_layout(width=PNG_WIDTH, height=PNG_HEIGHT)
    return chart


# -- rendering --------------------------------------------------------------------------------------------

def render_pngs(figures: list) -> list[bytes]:
    """PNG bytes of each figure, drawn by kaleido in Debian's Chromium, offline (maps from static/)."""
    import kaleido
    import plotly.io as pio

    if not figures:
        return []
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set CHROMIUM)")
    os.environ.setdefault("BROWSER_PATH", CHROMIUM)
    pio.defaults.topojson = STATIC.as_uri() + "/"          # world_110m.json, served from disk, not a CDN
    kaleido.start_sync_server(path=CHROMIUM, mathjax=False, timeout=120, silence_warnings=True)
    with tempfile.TemporaryDirectory(prefix="export-png-") as tmp:
        paths = [Path(tmp) / f"chart{i}.png" for i in range(len(figures))]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)      # "kopts ignored when a server runs": intended
            pio.write_images(figures, paths, format="png", width=PNG_WIDTH, height=PNG_HEIGHT, scale=PNG_SCALE)
        pngs = [p.read_bytes() for p in paths]
    kaleido.stop_sync_server(silence_warnings=True)
    return pngs


def _data_uri(data_bytes: bytes, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(data_bytes).decode("ascii")


def _fonts_css() -> str:
    rules = []
    for weight in (400, 700):
        path = STATIC / "fonts" / f"noto-sans-arabic-arabic-{weight}-normal.woff2"
        if path.is_file():
            rules.append(f"@font-face{{font-family:'Noto Sans Arabic';font-weight:{weight};"
                         f"src:url({_data_uri(path.read_bytes(), 'font/woff2')}) format('woff2');}}")
    return "".join(rules)


PDF_CSS = """
@page { size: A4 landscape; margin: 10mm 12mm; }
html, body { margin: 0; padding: 0; }
body { font-family: 'Liberation Sans', 'DejaVu Sans', Arial, 'Noto Sans Arabic', sans-serif; color: #1a1f2b;
       font-size: 9.5pt; line-height: 1.35; }
.page { height: 187mm; display: flex; flex-direction: column; page-break-after: always; break-after: page;
        overflow: hidden; }
.page:last-child { page-break-after: auto; break-after: auto; }
h1 { font-size: 17pt; margin: 0 0 2mm 0; color: #1f3b73; }
.count { color: #6b7280; font-weight: normal; font-size: 10pt; }
.chart { flex: 1 1 auto; min-height: 0; display: flex; align-items: center; justify-content: center; }
.chart img { max-width: 100%; max-height: 100%; object-fit: contain; }
.meta { margin-top: 2mm; border-top: 0.3mm solid #d0d5de; padding-top: 1.5mm; }
.meta p { margin: 0.6mm 0; }
.source { color: #374151; }
.asof, .link { color: #4b5563; }
a { color: #1f3b73; word-break: break-all; }
.cover h1 { font-size: 24pt; margin-top: 30mm; }
.cover p { font-size: 12pt; max-width: 230mm; }
.cover ol { font-size: 11pt; }
.nochart { color: #6b7280; font-style: italic; }
"""


def build_html(deck: decks.Deck, pages: list[Page], lang: str, as_of: str) -> str:
    e = html.escape
    today = i18n.fmt_date(dt.date.today(), lang=lang)
    cover = [f"<section class='page cover'><h1>{e(deck.title)}</h1>"]
    if deck.description:
        cover.append(f"<p>{e(deck.description)}</p>")
    cover.append("<p>" + e(_("Exported on {date}; data as of {as_of} (ETL run).").format(date=today, as_of=as_of))
                 + "</p><ol>")
    cover += [f"<li>{e(p.slide.title)}</li>" for p in pages]
    cover.append("</ol></section>")
    body = ["".join(cover)]
    for p in pages:
        count = e(_("{k} of {n}").format(k=p.slide.number, n=len(deck)))
        parts = [f"<section class='page'><h1>{e(p.slide.title)} <span class='count'>· {count}</span></h1>"]
        if p.png:
            parts.append(f"<div class='chart'><img alt='{e(p.slide.title)}' src='{_data_uri(p.png, 'image/png')}'>"
                         "</div>")
        else:
            parts.append("<div class='chart nochart'>" + e(_("This view has no chart to print: open it live with "
                                                            "the link below.")) + "</div>")
        parts.append("<div class='meta'>")
        if p.source_line:
            parts.append(f"<p class='source'>{e(p.source_line)}</p>")
        parts.append(f"<p class='asof'>{e(_('Data as of {date} (ETL run).').format(date=as_of))}</p>")
        parts.append("<p class='link'>" + e(_("Live view:")) + f" <a href='{e(p.url)}'>{e(p.url)}</a></p>")
        parts.append("</div></section>")
        body.append("".join(parts))
    direction = i18n.direction(lang)
    return (f"<!doctype html><html lang='{lang}' dir='{direction}'><head><meta charset='utf-8'>"
            f"<title>{e(deck.title)}</title><style>{_fonts_css()}{PDF_CSS}</style></head><body>"
            + "".join(body) + "</body></html>")


def write_pdf(document: str, path: Path) -> None:
    """Print the HTML pages to PDF with Chromium (Playwright); only inlined data may load."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", *CHROMIUM_ARGS])
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("data:", "about:"))
                       else route.abort())
            page.set_content(document, wait_until="load")
            page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()


def write_pptx(deck: decks.Deck, pages: list[Page], lang: str, as_of: str, path: Path) -> None:
    """One 16:9 slide per chart: title, picture, sources, as of, live link; the speaker note in the notes."""
    import io

    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu, Inches, Pt

    rtl = i18n.is_rtl(lang)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    blank = prs.slide_layouts[6]

    def text(slide, left, top, width, height, value, size, *, bold=False, color=(26, 31, 43), link=None):
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        para = frame.paragraphs[0]
        run = para.add_run()
        run.text = value
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = RGBColor(*color)
        if link:
            run.hyperlink.address = link
        if rtl:
            para.alignment = PP_ALIGN.RIGHT
            para._p.get_or_add_pPr().set("rtl", "1")
        return box

    width = prs.slide_width - Inches(1)
    cover = prs.slides.add_slide(blank)
    text(cover, Inches(0.5), Inches(2.2), width, Inches(1.5), deck.title, 32, bold=True, color=(31, 59, 115))
    text(cover, Inches(0.5), Inches(4.0), width, Inches(1.0),
         _("Exported on {date}; data as of {as_of} (ETL run).").format(
             date=i18n.fmt_date(dt.date.today(), lang=lang), as_of=as_of), 16)
    for p in pages:
        slide = prs.slides.add_slide(blank)
        text(slide, Inches(0.5), Inches(0.25), width, Inches(0.7), p.slide.title, 26, bold=True, color=(31, 59, 115))
        if p.png:                                  # 4.9 in tall between the title and the caption lines
            pic_h = Inches(4.9)
            pic_w = Emu(int(pic_h * PNG_WIDTH / PNG_HEIGHT))
            slide.shapes.add_picture(io.BytesIO(p.png), Emu((prs.slide_width - pic_w) // 2), Inches(0.95),
                                     pic_w, pic_h)
        if p.source_line:
            text(slide, Inches(0.5), Inches(5.9), width, Inches(0.8), p.source_line, 9, color=(55, 65, 81))
        text(slide, Inches(0.5), Inches(6.72), width, Inches(0.3),
             _("Data as of {date} (ETL run).").format(date=as_of), 9, color=(75, 85, 99))
        text(slide, Inches(0.5), Inches(6.98), width, Inches(0.3), _("Live view:") + " " + p.url, 9,
             color=(31, 59, 115), link=p.url)
        if p.slide.note:
            slide.notes_slide.notes_text_frame.text = p.slide.note
    prs.save(str(path))


# -- the command ------------------------------------------------------------------------------------------

def export(deck_name: str, *, lang: str | None = None, out_dir: Path = OUT_DIR, base_url: str = BASE_URL,
           pptx: bool = True, log=print) -> dict:
    """Build exports/<deck>.pdf (and .pptx); returns the paths and the seconds each stage took."""
    times: dict[str, float] = {}
    start = time.perf_counter()
    deck = decks.load(deck_name)
    lang = i18n.normalize(lang) or deck.lang or "en"
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with i18n.use_language(lang):
        as_of = i18n.fmt_date(data.as_of(), lang=lang)
        pages = []
        for slide in deck.slides:
            chart = slide_chart(slide, lang)
            pages.append(Page(slide=slide, url=decks.slide_url(deck, slide.number, base_url, lang=lang),
                              chart=chart, source_line=source_line(chart.sources) if chart else ""))
        times["figures"] = time.perf_counter() - start
        log(f"{len(pages)} slides, {sum(p.chart is not None for p in pages)} charts built "
            f"({times['figures']:.1f} s)")
        t = time.perf_counter()
        figures = [p.chart.figure for p in pages if p.chart]
        for page, png in zip([p for p in pages if p.chart], render_pngs(figures)):
            page.png = png
        times["png"] = time.perf_counter() - t
        log(f"PNG rendered with kaleido ({times['png']:.1f} s)")
        t = time.perf_counter()
        pdf = out_dir / f"{deck.name}.pdf"
        write_pdf(build_html(deck, pages, lang, as_of), pdf)
        times["pdf"] = time.perf_counter() - t
        log(f"{pdf} ({times['pdf']:.1f} s)")
        result = {"pdf": pdf, "pages": len(pages) + 1, "lang": lang}
        if pptx:
            t = time.perf_counter()
            path = out_dir / f"{deck.name}.pptx"
            write_pptx(deck, pages, lang, as_of, path)
            times["pptx"] = time.perf_counter() - t
            log(f"{path} ({times['pptx']:.1f} s)")
            result["pptx"] = path
    times["total"] = time.perf_counter() - start
    log(f"export of {deck.name!r} ({lang}) took {times['total']:.1f} s")
    result["seconds"] = times
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.export", description=__doc__.split("\n\n")[0])
    parser.add_argument("--deck", required=True, help="deck name: decks/<name>.toml")
    parser.add_argument("--lang", default=None, help="en, fr, es or ar (default: the deck's language, else en)")
    parser.add_argument("--out", default=str(OUT_DIR), help="output folder (default: exports/)")
    parser.add_argument("--base-url", default=BASE_URL, help="base of the live links (default: $DASHBOARD_URL "
                                                            "or http://127.0.0.1:8501)")
    parser.add_argument("--no-pptx", action="store_true", help="write the PDF only")
    args = parser.parse_args(argv)
    try:
        export(args.deck, lang=args.lang, out_dir=Path(args.out), base_url=args.base_url, pptx=not args.no_pptx)
    except decks.DeckError as exc:
        print(f"export: {exc}. Decks: {', '.join(decks.available()) or 'none'}", file=sys.stderr)
        return 2
    except data.DataUnavailable as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
