"""The PDF: the slides laid out in HTML (Arabic shaped and laid out right to left by the browser, with the bundled
Noto Sans Arabic) and printed by Chromium through Playwright; every request other than inlined data is refused."""
from __future__ import annotations

import base64
import datetime as dt
import html
from pathlib import Path

from .. import decks, i18n
from ..i18n import _
from .build import Page
from .settings import CHROMIUM, CHROMIUM_ARGS, STATIC


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
.takeaway { font-size: 12pt; font-weight: bold; color: #1f3b73; margin: 0 0 2mm 0; }
.brief { color: #1a1f2b; }
.loopback { border: 0.4mm solid #b45309; background: #fff7ed; color: #7c2d12; padding: 2mm 3mm; font-size: 11pt; }
"""


def loopback_notice(url: str) -> str:
    """The cover's warning when the links point at the presenting machine only (plain text)."""
    return _("The live links in this pack point to {url}: they open only on the computer that served the "
             "dashboard, not on delegates' devices.").format(url=url)


def build_html(deck: decks.Deck, pages: list[Page], lang: str, as_of: str, loopback_url: str | None = None) -> str:
    """The pack as one HTML document (every text from the deck or the data escaped). `loopback_url`: the links'
    address when it opens only on this machine (said on the cover)."""
    e = html.escape
    today = i18n.fmt_date(dt.date.today(), lang=lang)
    cover = [f"<section class='page cover'><h1>{e(deck.title)}</h1>"]
    if loopback_url:
        cover.append(f"<p class='loopback'>{e(loopback_notice(loopback_url))}</p>")
    if deck.description:
        cover.append(f"<p>{e(deck.description)}</p>")
    cover.append("<p>" + e(_("Exported on {date}; warehouse built on {as_of} (ETL run).").format(date=today, as_of=as_of))
                 + "</p><ol>")
    cover += [f"<li>{e(p.slide.title)}</li>" for p in pages]
    cover.append("</ol></section>")
    body = ["".join(cover)]
    for p in pages:
        count = e(_("{k} of {n}").format(k=p.slide.number, n=len(deck)))
        parts = [f"<section class='page'><h1>{e(p.slide.title)} <span class='count'>· {count}</span></h1>"]
        if p.slide.takeaway:
            parts.append(f"<p class='takeaway'>{e(p.slide.takeaway)}</p>")
        if p.png:
            parts.append(f"<div class='chart'><img alt='{e(p.slide.title)}' src='{_data_uri(p.png, 'image/png')}'>"
                         "</div>")
        else:
            parts.append("<div class='chart nochart'>" + e(_("This view has no chart to print: open it live with "
                                                            "the link below.")) + "</div>")
        parts.append("<div class='meta'>")
        if p.brief_line:
            parts.append(f"<p class='brief'>{e(p.brief_line)}</p>")
        if p.unit:
            parts.append(f"<p class='source'>{e(_('Unit: {unit}.').format(unit=p.unit))}</p>")
        if p.source_line:
            parts.append(f"<p class='source'>{e(p.source_line)}</p>")
        if not p.brief_line:
            parts.append(f"<p class='asof'>{e(_('Warehouse built on {date} (ETL run).').format(date=as_of))}</p>")
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
