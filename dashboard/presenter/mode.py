"""What the URL asks of presentation mode, read once per run into a frozen Mode."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from .. import decks, i18n
from ..rules import Notice
from . import access

_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Mode:
    present: bool = False                  # present=1, or a deck that can be shown
    deck: decks.Deck | None = None
    slide: int = 1
    speaker: bool = False                  # the speaker view (the presenter's only)
    follow: bool = False                   # follow=1: moves with the deck
    presenter: bool = False                # the URL carries the presenter's key
    notices: tuple[Notice, ...] = ()

    @property
    def navigation(self) -> str:
        """Where st.navigation shows the page list: hidden in presentation mode."""
        return "hidden" if self.present else "sidebar"

    @property
    def key(self) -> str | None:
        """The presenter's key, for this window's own URLs (None in anybody else's window)."""
        return access.key() if self.presenter else None

    @property
    def steers(self) -> bool:
        """Its Next and Previous move the deck for every window following it."""
        return self.presenter

    @property
    def following(self) -> bool:
        """It moves when the presenter moves the deck (the presenter's windows and follow=1 windows)."""
        return self.presenter or self.follow

    @property
    def browses(self) -> bool:
        """It has Next and Previous: the presenter's windows, and an attendee's own window (moving only itself);
        not a follow=1 window without the key (the venue screen: nothing to press, nothing to steer)."""
        return self.presenter or not self.follow


def _one(name: str) -> str | None:
    """A parameter's value when the URL holds it exactly once (a repeated one is reported by the frame)."""
    values = st.query_params.get_all(name)
    return values[0] if len(values) == 1 else None


def _flag(name: str) -> bool:
    value = _one(name)
    return isinstance(value, str) and value.strip().lower() in _TRUE


def _slide_number(deck: decks.Deck, notices: list[Notice]) -> int:
    raw = _one(decks.SLIDE)
    if raw is None:
        return 1
    try:
        number = int(raw)
    except ValueError:
        notices.append(Notice(decks.SLIDE, raw[:20], i18n.N_("not a slide number; the deck starts at slide 1")))
        return 1
    if not 1 <= number <= len(deck):
        notices.append(Notice(decks.SLIDE, raw[:20], i18n.N_("this deck has slides 1 to {n}"), (("n", len(deck)),)))
        return 1
    return number


def read_mode() -> Mode:
    """The presentation state the URL asks for, with notices for a deck, slide, key or speaker view that
    cannot be shown. Only the presenter is told which decks exist."""
    notices: list[Notice] = []
    given = st.query_params.get_all(decks.KEY)
    presenter = len(given) == 1 and access.matches(given[0])
    if given and not presenter:
        notices.append(Notice(decks.KEY, "…", i18n.N_("not the presenter's key: this window shows the slides "
                                                      "but does not steer them")))
    deck = None
    name = _one(decks.DECK)
    if name is not None:
        try:
            deck = decks.load(name)
        except decks.DeckError as exc:
            if presenter:
                notices.append(Notice(decks.DECK, str(name)[:40], i18n.N_("{problem} (available decks: {names})"),
                                      (("names", ", ".join(decks.available()) or "–"), ("problem", str(exc)))))
            else:
                notices.append(Notice(decks.DECK, str(name)[:40], i18n.N_("no deck of that name can be shown")))
    slide = _slide_number(deck, notices) if deck is not None else 1
    speaker = _flag(decks.SPEAKER)
    if speaker and deck is not None and not presenter:
        notices.append(Notice(decks.SPEAKER, "1", i18n.N_("the speaker view needs the presenter's key (printed "
                                                          "in the terminal where the dashboard was started)")))
        speaker = False
    return Mode(present=_flag(decks.PRESENT) or deck is not None, deck=deck, slide=slide, speaker=speaker,
                follow=_flag(decks.FOLLOW), presenter=presenter, notices=tuple(notices))
