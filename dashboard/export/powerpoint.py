"""The PowerPoint file: one 16:9 slide per chart, with the speaker note in the slide's notes."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from .. import decks, i18n
from ..i18n import _
from .build import Page
from .pdf import loopback_notice
from .settings import PNG_HEIGHT, PNG_WIDTH


def write_pptx(deck: decks.Deck, pages: list[Page], lang: str, as_of: str, path: Path,
               loopback_url: str | None = None) -> None:
    """One 16:9 slide per chart: title, takeaway, picture, the slide's source line and its full sources, live
    link; the speaker note in the notes. `loopback_url`: said on the cover (links that open on this machine only)."""

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
         _("Exported on {date}; warehouse built on {as_of} (ETL run).").format(
             date=i18n.fmt_date(dt.date.today(), lang=lang), as_of=as_of), 16)
    if loopback_url:
        text(cover, Inches(0.5), Inches(5.0), width, Inches(1.0), loopback_notice(loopback_url), 14,
             bold=True, color=(124, 45, 18))
    for p in pages:
        slide = prs.slides.add_slide(blank)
        text(slide, Inches(0.5), Inches(0.25), width, Inches(0.7), p.slide.title, 26, bold=True, color=(31, 59, 115))
        if p.slide.takeaway:
            text(slide, Inches(0.5), Inches(0.85), width, Inches(0.4), p.slide.takeaway, 14, bold=True,
                 color=(31, 59, 115))
        if p.png:                                  # 4.6 in tall between the title lines and the caption lines
            pic_h = Inches(4.6)
            pic_w = Emu(int(pic_h * PNG_WIDTH / PNG_HEIGHT))
            slide.shapes.add_picture(io.BytesIO(p.png), Emu((prs.slide_width - pic_w) // 2), Inches(1.3),
                                     pic_w, pic_h)
        if p.brief_line:
            text(slide, Inches(0.5), Inches(5.95), width, Inches(0.3), p.brief_line, 10, color=(26, 31, 43))
        if p.source_line:
            text(slide, Inches(0.5), Inches(6.25), width, Inches(0.7), p.source_line, 8, color=(55, 65, 81))
        text(slide, Inches(0.5), Inches(6.98), width, Inches(0.3), _("Live view:") + " " + p.url, 9,
             color=(31, 59, 115), link=p.url)
        if p.slide.note:
            slide.notes_slide.notes_text_frame.text = p.slide.note
    prs.save(str(path))
