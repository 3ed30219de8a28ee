"""Presentation mode and briefing decks: `?present=1` on any page, `?deck=<name>&slide=<k>`, `&speaker=1`,
`&follow=1`.

- mode.py     what the URL asks for (presentation mode, a deck and its slide), read once per run;
- slides.py   a deck slide: its title bar, k of n, Previous/Next, and its panel drawn alone (the same panel
              builder as the page and the export), the speaker view's notes, the way out;
- sync.py     the slide each deck is on, per server: the speaker view and `follow=1` windows follow it;
- chrome.py   larger type and no developer chrome in presentation mode.

The URL is the whole truth about a slide: `?<filters>&deck=<name>&slide=<k>`. Next and Previous (buttons with
the PageDown/PageUp and Right/Left shortcuts) only change the URL in their callback; the run that follows draws
that slide. No page runs behind a slide, so no widget of a page is created, deleted or rebound while
presenting.
"""
from .mode import Mode, read_mode

__all__ = ["Mode", "read_mode"]
