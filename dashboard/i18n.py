"""One translation function for every user-facing string: `_("text")`.

Catalogues are standard gettext files (locales/<lang>/LC_MESSAGES/messages.po/.mo, managed with Babel).
The language comes from the `lang` URL parameter (en, fr, es, ar); English is the source language.
"""
from __future__ import annotations

import functools
import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}
RTL = {"ar"}
DEFAULT = "en"



@functools.lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    if lang == DEFAULT:
        return gettext.NullTranslations()
    return gettext.translation("messages", localedir=LOCALE_DIR, languages=[lang], fallback=True)


def set_language(lang: str) -> str:
    """Set this session's language (app.py calls it once per rerun, from the `lang` URL parameter)."""
    import streamlit as st

    st.session_state["_lang"] = lang if lang in LANGUAGES else DEFAULT
    return st.session_state["_lang"]


def language() -> str:
    """This session's language; English outside a Streamlit run (chart builders, tests, exports)."""
    try:
        import streamlit as st
        return st.session_state.get("_lang", DEFAULT)
    except Exception:
        return DEFAULT


def _(message: str) -> str:
    return translations(language()).gettext(message)


def n_(singular: str, plural: str, n: int) -> str:
    return translations(language()).ngettext(singular, plural, n)


def is_rtl() -> bool:
    return language() in RTL
