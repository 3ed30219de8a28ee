"""One translation function for every user-facing string: `_("text")`.

Catalogues are standard gettext files (locales/<lang>/LC_MESSAGES/messages.po, compiled to .mo and committed),
extracted and managed with Babel (see babel.cfg and `make messages`). English is the source language.

No Streamlit here. The frame (dashboard/frame.py) reads a session's language from the `lang` URL parameter (en,
fr, es, ar; English is left out of the URL), keeps it in session state and `activate`s it for each script run.
Elsewhere (exports, tests) `use_language(lang)` or `translate(msg, lang)` choose the language explicitly.

Besides interface text this module names things in the viewer's language from maintained sources: countries
and UN regions from Babel's CLDR territory names (`country_name`, `region_name`), numbers and dates with Babel
(`fmt_date`), and plotly's separators (`plotly_separators`).
"""
from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}
RTL = {"ar"}
DEFAULT = "en"
PARAM = "lang"                       # the URL parameter

_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("dashboard_lang", default=None)


@functools.lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language (NullTranslations for English, the source language).

    A missing catalogue file raises: a language listed in LANGUAGES must ship its messages.mo.
    """
    if lang == DEFAULT:
        return gettext.NullTranslations()
    return gettext.translation("messages", localedir=LOCALE_DIR, languages=[lang])


def normalize(lang) -> str | None:
    """'fr' -> 'fr'; 'FR', ' fr ' -> 'fr'; anything not offered -> None."""
    if not isinstance(lang, str):
        return None
    code = lang.strip().lower()
    return code if code in LANGUAGES else None


def language() -> str:
    """The current language: the one activated for this script run or `use_language` block, else English."""
    return _override.get() or DEFAULT


def activate(lang: str | None) -> str:
    """Translate in `lang` for the rest of this thread's work (the frame, once per script run: each run has its
    own thread); returns the language used."""
    code = normalize(lang) or DEFAULT
    _override.set(code)
    return code


@contextlib.contextmanager
def use_language(lang: str):
    """Translate in `lang` inside the block, with or without a Streamlit session (exports, tests)."""
    token = _override.set(normalize(lang) or DEFAULT)
    try:
        yield
    finally:
        _override.reset(token)


def _(message: str) -> str:
    if not message:
        return message
    return translations(language()).gettext(message)


def n_(singular: str, plural: str, n: int) -> str:
    """The plural form of a message for `n` in the current language (gettext plural rules: Arabic has six
    forms); format `n` into it yourself: n_("{n} run", "{n} runs", n).format(n=n)."""
    return translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (it is translated where it is shown)."""
    return message


def translate(message: str, lang: str) -> str:
    """`message` in `lang`, whatever the current session's language."""
    code = normalize(lang) or DEFAULT
    return message if not message else translations(code).gettext(message)


FSI, PDI = "\u2068", "\u2069"          # Unicode first-strong isolate and pop directional isolate


def isolate(text: str, lang: str | None = None) -> str:
    """Text from the data (a publisher's or a source's name, often Latin script) isolated from the text around
    it in a right-to-left language, so that its words and punctuation keep their own order; unchanged otherwise."""
    if not text or not is_rtl(lang):
        return text
    return f"{FSI}{text}{PDI}"


LRM = "\u200e"                        # left-to-right mark


def year_span(first, last, lang: str | None = None) -> str:
    """'2000–2024'; in a right-to-left language with left-to-right marks around the dash, so that the span
    reads 2000–2024 and not 2024–2000 (the dash takes the paragraph's direction otherwise)."""
    dash = f"{LRM}–{LRM}" if is_rtl(lang) else "–"
    return f"{int(first)}{dash}{int(last)}"


def is_rtl(lang: str | None = None) -> bool:
    return (lang or language()) in RTL


def direction(lang: str | None = None) -> str:
    return "rtl" if is_rtl(lang) else "ltr"


# -- numbers, dates, plotly -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def plotly_separators(lang: str | None = None) -> str:
    """plotly's layout.separators (decimal sign then thousands separator) for a language, from Babel:
    en '.,', fr ',\u202f', es ',.', ar '.,'."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    code = lang or DEFAULT
    return get_decimal_symbol(code) + get_group_symbol(code)


#: CLDR formats by precision ('long' or a skeleton): each language orders and words them its own way
#: (November 6, 2017 · 6 novembre 2017 · 6 de noviembre de 2017 · 6 نوفمبر 2017).
DATE_SKELETONS = {"day": "long", "month": "yMMMM", "year": "y", "short": "yMMMd", "month_short": "yMMM"}


def fmt_date(value, precision: str = "day", lang: str | None = None) -> str:
    """A date in the viewer's language with Babel (Arabic month names in Arabic): '6 novembre 2017'."""
    from babel.dates import format_date, format_skeleton

    if value is None or value == "" or (isinstance(value, float) and value != value):
        return "–"
    try:
        import pandas as pd

        if pd.isna(value):
            return "–"
        day = pd.Timestamp(value).date()
    except (ValueError, TypeError):
        return str(value)
    if isinstance(day, dt.datetime):
        day = day.date()
    fmt = DATE_SKELETONS.get(precision, precision)
    if fmt in ("short", "medium", "long", "full"):
        return format_date(day, fmt, locale=lang or language())
    return format_skeleton(fmt, day, locale=lang or language())


# -- names from maintained sources -------------------------------------------------------------------

#: ISO 3166-1 alpha-3 codes that are not in pycountry's list, mapped to CLDR territory codes.
_EXTRA_ALPHA2 = {"XKX": "XK", "KOS": "XK"}


@functools.lru_cache(maxsize=None)
def _alpha2(iso3: str) -> str | None:
    import pycountry

    code = (iso3 or "").upper()
    if code in _EXTRA_ALPHA2:
        return _EXTRA_ALPHA2[code]
    country = pycountry.countries.get(alpha_3=code)
    return country.alpha_2 if country else None


@functools.lru_cache(maxsize=None)
def _territories(lang: str) -> dict:
    from babel import Locale

    return dict(Locale.parse(lang).territories)


def country_name(iso3: str, lang: str | None = None, fallback: str | None = None) -> str:
    """A country's short name in the viewer's language, from Babel's CLDR territory names (ISO3 → alpha-2 via
    pycountry). English keeps the warehouse's own name (`fallback`) so the English pages read as before."""
    lang = lang or language()
    if lang == DEFAULT and fallback:
        return fallback
    a2 = _alpha2(iso3)
    name = _territories(lang).get(a2) if a2 else None
    return name or fallback or iso3


#: UN M49 regions and subregions (the warehouse's English names, from country_converter) → M49 codes, which are
#: CLDR territory codes: their names in every language come from Babel.
M49 = {
    "World": "001", "Africa": "002", "Americas": "019", "Asia": "142", "Europe": "150", "Oceania": "009",
    "Northern Africa": "015", "Eastern Africa": "014", "Middle Africa": "017", "Southern Africa": "018",
    "Western Africa": "011", "Caribbean": "029", "Central America": "013", "South America": "005",
    "Northern America": "021", "Latin America and the Caribbean": "419", "Central Asia": "143",
    "Eastern Asia": "030", "South-eastern Asia": "035", "Southern Asia": "034", "Western Asia": "145",
    "Eastern Europe": "151", "Northern Europe": "154", "Southern Europe": "039", "Western Europe": "155",
    "Australia and New Zealand": "053", "Melanesia": "054", "Micronesia": "057", "Polynesia": "061",
}


def region_name(region: str, lang: str | None = None) -> str:
    """A UN region or subregion in the viewer's language (CLDR names); other regions (Dialogue bodies, whose
    acronyms are used in every language) are returned unchanged."""
    lang = lang or language()
    if lang == DEFAULT or region not in M49:
        return region
    return _territories(lang).get(M49[region]) or region


def unit_label(unit: str | None) -> str:
    """A unit from the data ('victims per 100,000 population', 'kg') in the viewer's language (catalogue)."""
    return _(unit) if isinstance(unit, str) and unit else ""


def metric_label(metric: str) -> str:
    """An operation metric id as a label in the viewer's language: 'cash_seized_usd' -> 'Cash seized'."""
    return _(metric.removesuffix("_usd").removesuffix("_kg").replace("_", " ").capitalize())
