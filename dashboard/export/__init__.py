"""The meeting export pack: a deck's slides as a PDF (and a PowerPoint file), built without a browser session.

    python -m dashboard.export --deck dialogue [--lang fr] [--out exports] [--base-url http://host:8501]
    make export DECK=dialogue [DECK_LANG=fr] [BASE_URL=...]

One page per slide after a cover: the slide's title and takeaway, its panel's chart (PNG), the source line the
slide shows on screen, its unit and full sources, the data's "as of" date and the link that reopens the live view
(`decks.slide_url`). The links use the address delegates can open: --base-url, else DASHBOARD_URL, else the venue
address the dashboard is served on (SERVE_ADDRESS); a pack whose links point at this machine only (127.0.0.1)
says so on the terminal and on its cover. The panels are the screen's own
(dashboard/panels, from the slide's filters, in the export's language), answered by the executor without
Streamlit (`questions.plain()`).

- build.py       each slide's panel, sized for paper;
- png.py         kaleido 1.x with Debian's Chromium, MathJax off, maps from static/ (offline);
- pdf.py         the pages in HTML printed by the same Chromium through Playwright (no request leaves);
- powerpoint.py  python-pptx: one slide per chart, the speaker note in its notes.
"""
from __future__ import annotations

import time
from pathlib import Path

from .. import decks, i18n, questions
from . import build, pdf, png, powerpoint
from .settings import OUT_DIR, check_base_url, is_loopback
from .settings import base_url as configured_base_url

LOOPBACK_WARNING = ("warning: the live links point to {url}, which opens only on the computer serving the "
                    "dashboard; the cover says so. For delegates, give the address they open the dashboard at: "
                    "make export BASE_URL=http://192.168.1.20:8501 (or --base-url, or DASHBOARD_URL).")


def export(deck_name: str, *, lang: str | None = None, out_dir: Path = OUT_DIR, base_url: str | None = None,
           pptx: bool = True, log=print, warn=print, data_dir: Path | None = None) -> dict:
    """Build <out_dir>/<deck>.pdf (and .pptx); returns the paths and the seconds each stage took.
    `base_url`: the links' address (default: DASHBOARD_URL, SERVE_ADDRESS or the loopback address)."""
    times: dict[str, float] = {}
    start = time.perf_counter()
    base_url = check_base_url(base_url or configured_base_url())
    loopback = is_loopback(base_url)
    if loopback:
        warn(LOOPBACK_WARNING.format(url=base_url))
    deck = decks.load(deck_name)
    lang = i18n.normalize(lang) or deck.lang or "en"
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    q = questions.plain(data_dir)
    with i18n.use_language(lang):
        as_of = i18n.fmt_date(q.as_of(), lang=lang)
        pages = [build.page(deck, slide, lang, q, base_url, as_of) for slide in deck.slides]
        drawn = [p for p in pages if p.figure is not None]
        times["figures"] = time.perf_counter() - start
        log(f"{len(pages)} slides, {len(drawn)} charts built ({times['figures']:.1f} s)")
        t = time.perf_counter()
        for page, image in zip(drawn, png.render_pngs([p.figure for p in drawn])):
            page.png = image
        times["png"] = time.perf_counter() - t
        log(f"PNG rendered with kaleido ({times['png']:.1f} s)")
        t = time.perf_counter()
        pdf_path = out_dir / f"{deck.name}.pdf"
        pdf.write_pdf(pdf.build_html(deck, pages, lang, as_of, loopback_url=base_url if loopback else None),
                      pdf_path)
        times["pdf"] = time.perf_counter() - t
        log(f"{pdf_path} ({times['pdf']:.1f} s)")
        result = {"pdf": pdf_path, "pages": len(pages) + 1, "lang": lang, "base_url": base_url, "loopback": loopback}
        if pptx:
            t = time.perf_counter()
            path = out_dir / f"{deck.name}.pptx"
            powerpoint.write_pptx(deck, pages, lang, as_of, path, loopback_url=base_url if loopback else None)
            times["pptx"] = time.perf_counter() - t
            log(f"{path} ({times['pptx']:.1f} s)")
            result["pptx"] = path
    times["total"] = time.perf_counter() - start
    log(f"export of {deck.name!r} ({lang}) took {times['total']:.1f} s")
    result["seconds"] = times
    return result
