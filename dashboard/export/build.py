"""Each slide's panel, built exactly as the screen builds it (the slide's filters parsed by dashboard/filters.py,
the panel by dashboard/panels, in the export's language), then sized for paper."""
from __future__ import annotations

from dataclasses import dataclass

from .. import decks, filters, panels
from ..charts.style import fit_figure, localize_figure
from ..panels.base import brief_source_line, source_line
from ..panels.caveats import caveat_lines
from .settings import FONT_SCALE, PNG_HEIGHT, PNG_WIDTH


@dataclass
class Page:
    """One page of the export: a slide, its live link and its panel (None: its page has no chart)."""
    slide: decks.Slide
    url: str
    panel: panels.Panel | None
    png: bytes | None = None
    source_line: str = ""                 # every source cited in full: title (publisher; licence)
    brief_line: str = ""                  # the slide's own source line on screen: publishers · data years · as of

    @property
    def figure(self):
        return self.panel.figure if self.panel is not None else None

    @property
    def unit(self) -> str | None:
        return self.panel.unit if self.panel is not None and self.panel.figure is not None else None


def slide_panel(slide: decks.Slide, lang: str, q) -> panels.Panel | None:
    """The slide's panel from its filters, its figure localized and sized for a page (None without a chart)."""
    if slide.panel is None:
        return None
    f, _notices = filters.parse(slide.page, slide.raw(), q)
    panel = panels.build(slide.panel, f, lang, q)
    if panel.figure is not None:
        localize_figure(panel.figure, lang)
        fit_figure(panel.figure, scale=FONT_SCALE, min_height=PNG_HEIGHT)
        panel.figure.update_layout(width=PNG_WIDTH, height=PNG_HEIGHT)
    return panel


def page(deck: decks.Deck, slide: decks.Slide, lang: str, q, base_url: str, as_of: str) -> Page:
    panel = slide_panel(slide, lang, q)
    drawn = panel is not None and panel.figure is not None and not panel.empty
    return Page(slide=slide, url=decks.slide_url(deck, slide.number, base_url, lang=lang), panel=panel,
                source_line=" ".join([source_line(q, panel.sources), *caveat_lines(panel.caveats)]) if drawn else "",
                brief_line=brief_source_line(q, panel, as_of) if drawn else "")
