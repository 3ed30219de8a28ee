"""Presentation mode and briefing decks: `?present=1` on any page, `?deck=<name>&slide=<k>`, `&follow=1`, and with
the presenter's key `&key=<key>` (and `&speaker=1`).

- access.py   the presenter's key: made at server start (or PRESENTER_KEY), printed once, compared in constant time;
- mode.py     what the URL asks for (presentation mode, a deck and its slide, the key), read once per run;
- sync.py     the slide each deck is on, per server: only the presenter's windows move it, the venue window and the
              presenter's other windows follow it;
- slides.py   a deck slide fitted to the screen: title, takeaway, the slide's panel alone (draw.py: the same panel
              builder as the page and the export), the bottom line with the source line, k of n and the buttons;
- speaker.py  the speaker view: the slide beside the next slide's picture, the notes, the timer and the key;
- chrome.py   larger type, no developer chrome, and the slide's layout in presentation mode.

The URL says which slide a window shows: `?<filters>&deck=<name>&slide=<k>`, kept in every window's URL, so a
reload or a second screen lands on the same slide. Next and Previous (buttons with the PageDown/PageUp and
Right/Left shortcuts) only change the URL in their callback (and, in the presenter's window, the deck's position);
the run that follows draws that slide. No page runs behind a slide, so no widget of a page is created, deleted or
rebound while presenting.
"""
from .mode import Mode, read_mode

__all__ = ["Mode", "read_mode"]
