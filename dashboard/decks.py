"""Briefing decks: `decks/<name>.toml` files listing slides (no Streamlit import; used by the app and the export).

A deck file:

    title = "Dialogue session"            # shown in the speaker view and on the export's cover
    description = "One line for the cover" # optional
    lang = "fr"                           # optional: the deck's language (en, fr, es, ar); a `lang` in the URL wins

    [[slide]]
    title = "Homicide rate by Dialogue body"
    page = "trends"                       # a page's path in dashboard/registry.py: overview, trends, map,
                                          # operations, goals, architecture, data
    chart = "trends_chart"                # optional: the page's panel the slide shows (registry: the page's
                                          # charts; default its main chart), on screen and in the export
    takeaway = "One line under the title"  # optional: what the audience should remember (one line, at most
                                          # 120 characters; figures only those of the note)
    note = "What the speaker says (facts from the data and its sources only)."
    [slide.filters]                       # the page's URL parameters (registry.PARAMS)
    indicator = "homicide_rate_per_100k"
    scheme = "organization"
    regions = ["AFRIPOL", "AMERIPOL"]
    years = [2000, 2023]

A slide's URL is the page's path with its filters as query parameters plus `deck=<name>&slide=<k>` (1-based);
`slide_url` builds it, so the live app, the speaker view and the export's links all agree. Every text of a deck
is shown as text (never Markdown or HTML). Decks live in decks/ (DECKS_DIR in the environment: elsewhere).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from . import registry
from .i18n import LANGUAGES
from .settings import decks_dir

DECKS_DIR = decks_dir()
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
MAX_TITLE, MAX_TAKEAWAY = 120, 120            # characters: one line on a slide

#: Parameters of presentation mode itself (never a slide filter).
DECK, SLIDE, PRESENT, SPEAKER, FOLLOW, LANG, KEY = "deck", "slide", "present", "speaker", "follow", "lang", "key"


class DeckError(ValueError):
    """A deck that cannot be shown: unknown name, unreadable file or invalid content (the message says which)."""


@dataclass(frozen=True)
class Slide:
    number: int                                   # 1-based
    title: str
    page: str                                     # url_path of the page
    note: str = ""
    chart: str | None = None
    takeaway: str = ""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()   # URL parameters, values as strings

    @property
    def page_file(self) -> str:
        return registry.BY_PATH[self.page].file

    @property
    def path(self) -> str:
        return registry.BY_PATH[self.page].url

    @property
    def panel(self) -> str | None:
        """The panel the slide shows: its chart, else its page's main chart (None: a page without charts)."""
        return self.chart or registry.BY_PATH[self.page].main_chart

    def raw(self) -> dict[str, list[str]]:
        """The slide's filters as raw URL parameters (name -> values)."""
        return {k: list(v) for k, v in self.filters}

    def params(self) -> dict[str, str | list[str]]:
        """The slide's filters as st.query_params values (a list for repeated parameters)."""
        return {k: (list(v) if len(v) != 1 else v[0]) for k, v in self.filters}


@dataclass(frozen=True)
class Deck:
    name: str
    title: str
    slides: tuple[Slide, ...]
    lang: str | None = None
    description: str = ""
    path: Path = field(default=Path(), compare=False)

    def __len__(self) -> int:
        return len(self.slides)

    def slide(self, number: int) -> Slide:
        """Slide `number` (1-based); IndexError outside 1..n."""
        if not 1 <= number <= len(self.slides):
            raise IndexError(number)
        return self.slides[number - 1]


def available(decks_dir: Path | None = None) -> list[str]:
    """Names of the decks in decks/ (sorted)."""
    return sorted(p.stem for p in (decks_dir or DECKS_DIR).glob("*.toml") if NAME.match(p.stem))


def _as_strings(name: str, key: str, value) -> tuple[str, ...]:
    if isinstance(value, bool):
        return ("true" if value else "false",)
    if isinstance(value, (str, int)):
        return (str(value),)
    if isinstance(value, list) and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        return tuple(str(v) for v in value)
    raise DeckError(f"{name}: filter {key!r} must be a string, a whole number, true/false or a list of those")


def _line(where: str, field_name: str, value, limit: int) -> str:
    """A one-line text field (title, takeaway), stripped; DeckError when it is not text, spans lines or is too
    long for one line on a slide."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DeckError(f"{where}: {field_name} must be text")
    value = value.strip()
    if "\n" in value or "\r" in value:
        raise DeckError(f"{where}: {field_name} must be one line")
    if len(value) > limit:
        raise DeckError(f"{where}: {field_name} has {len(value)} characters; at most {limit} fit on one line")
    return value


def parse(text: str, name: str = "deck", path: Path = Path()) -> Deck:
    """A deck from TOML text; DeckError naming the slide and field on any problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DeckError(f"{name}: not valid TOML ({exc})") from None
    slides_raw = raw.get("slide")
    if not isinstance(slides_raw, list) or not slides_raw:
        raise DeckError(f"{name}: no [[slide]] entries")
    lang = raw.get("lang")
    if lang is not None and lang not in LANGUAGES:
        raise DeckError(f"{name}: lang must be one of {', '.join(LANGUAGES)}")
    slides = []
    for i, s in enumerate(slides_raw, start=1):
        where = f"{name}, slide {i}"
        if not isinstance(s, dict):
            raise DeckError(f"{where}: not a table")
        page = s.get("page")
        if page not in registry.BY_PATH:
            raise DeckError(f"{where}: page must be one of {', '.join(registry.BY_PATH)} (got {page!r})")
        title = _line(where, "title", s.get("title"), MAX_TITLE)
        if not title:
            raise DeckError(f"{where}: a title is required")
        takeaway = _line(where, "takeaway", s.get("takeaway", ""), MAX_TAKEAWAY)
        note = s.get("note", "")
        chart = s.get("chart")
        if not isinstance(note, str) or (chart is not None and not isinstance(chart, str)):
            raise DeckError(f"{where}: note and chart must be text")
        charts = registry.BY_PATH[page].charts
        if chart is not None and chart not in charts:
            raise DeckError(f"{where}: the {page} page has no chart {chart!r} (its charts: {', '.join(charts) or 'none'})")
        unknown = set(s) - {"page", "title", "takeaway", "note", "chart", "filters"}
        if unknown:
            raise DeckError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        filters = s.get("filters", {})
        if not isinstance(filters, dict):
            raise DeckError(f"{where}: filters must be a table")
        bad = set(filters) - registry.FILTER_PARAMS
        if bad:
            raise DeckError(f"{where}: unknown filter(s) {', '.join(sorted(bad))}; "
                            f"allowed: {', '.join(sorted(registry.FILTER_PARAMS))}")
        slides.append(Slide(number=i, title=title, page=page, note=note.strip(), chart=chart, takeaway=takeaway,
                            filters=tuple((k, _as_strings(where, k, v)) for k, v in filters.items())))
    title = raw.get("title") or name
    description = raw.get("description", "")
    if not isinstance(title, str) or not isinstance(description, str):
        raise DeckError(f"{name}: title and description must be text")
    return Deck(name=name, title=title.strip(), slides=tuple(slides), lang=lang, description=description.strip(),
                path=path)


def load(name: str, decks_dir: Path | None = None) -> Deck:
    """decks/<name>.toml; DeckError when the name is not a plain file name, the file is missing or invalid."""
    if not isinstance(name, str) or not NAME.match(name):
        raise DeckError(f"{str(name)[:40]!r} is not a deck name (letters, digits, '-' and '_')")
    path = (decks_dir or DECKS_DIR) / f"{name}.toml"
    if not path.is_file():
        raise DeckError(f"no deck named {name!r}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DeckError(f"{name}: cannot be read ({exc.__class__.__name__})") from None
    return parse(text, name, path)


def slide_params(deck: Deck, number: int, *, lang: str | None = None, speaker: bool = False,
                 follow: bool = False, key: str | None = None) -> dict[str, str | list[str]]:
    """Every URL parameter of slide `number`: its filters, then deck, slide (and lang, speaker, follow, and
    the presenter's key for the presenter's own windows)."""
    params: dict[str, str | list[str]] = dict(deck.slide(number).params())
    params[DECK] = deck.name
    params[SLIDE] = str(number)
    if lang and lang != "en":
        params[LANG] = lang
    if speaker:
        params[SPEAKER] = "1"
    if follow:
        params[FOLLOW] = "1"
    if key:
        params[KEY] = key
    return params


def slide_url(deck: Deck, number: int, base_url: str = "http://127.0.0.1:8501", *, lang: str | None = None) -> str:
    """The link that reopens slide `number` live: <base>/<page path>?<filters>&deck=<name>&slide=<k>."""
    slide = deck.slide(number)
    query = urlencode(slide_params(deck, number, lang=lang), doseq=True)
    return f"{base_url.rstrip('/')}/{slide.path}?{query}"
