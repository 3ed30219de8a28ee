"""What the URL asks of presentation mode, read once per run into a frozen Mode."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from .. import decks, i18n
from ..rules import Notice

_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Mode:
    present: bool = False                  # present=1, or a deck that can be shown
    deck: decks.Deck | None = None
    slide: int = 1
    speaker: bool = False
    follow: bool = False
    notices: tuple[Notice, ...] = ()

    @property
    def navigation(self) -> str:
        """Where st.navigation shows the page list: hidden in presentation mode."""
        return "hidden" if self.present else "sidebar"


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
    """The presentation state the URL asks for, with notices for a deck or slide that cannot be shown."""
    notices: list[Notice] = []
    deck = None
    name = _one(decks.DECK)
    if name is not None:
        try:
            deck = decks.load(name)
        except decks.DeckError as exc:
            notices.append(Notice(decks.DECK, str(name)[:40], i18n.N_("{problem} (available decks: {names})"),
                                  (("names", ", ".join(decks.available()) or "–"), ("problem", str(exc)))))
    slide = _slide_number(deck, notices) if deck is not None else 1
    return Mode(present=_flag(decks.PRESENT) or deck is not None, deck=deck, slide=slide,
                speaker=_flag(decks.SPEAKER), follow=_flag(decks.FOLLOW), notices=tuple(notices))
