"""Text helpers, one of each kind under one name: escaping text from the data for Markdown (`md_escape`) and for
plotly's HTML subset (`html_text`), and dates at the precision a source gives them (`fmt_op_date`)."""
from __future__ import annotations

import html
import re

import pandas as pd
from babel.dates import format_date


def missing(value) -> bool:
    return value is None or (not isinstance(value, (list, tuple)) and pd.isna(value))


def html_text(value) -> str:
    """Text from the data for plotly, which renders a subset of HTML (<a href>, <b>, <br>, <span style>...) in
    titles, labels, legends and hovers: shown literally, with <, > and & escaped ('' for a missing value)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=False)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&])")
#: Where Streamlit's Markdown would still turn text into a link after escaping (GFM autolink literals: a URL
#: scheme, www., an e-mail address): an invisible word joiner (U+2060) goes there.

_AUTOLINK = re.compile(r"(?<=&#58;)(?=//)|(?<=(?i:\bwww))(?=\\\.)|(?=@)")


def md_escape(text) -> str:
    """Text from data files, escaped so Streamlit's Markdown (st.markdown, captions, labels, help, alerts) shows
    it literally: no emphasis, links, HTML, LaTeX, entities, `:color[...]` or `:material/...:` icons, autolinks.

    Markdown punctuation is backslash-escaped; ':' becomes the entity &#58; (a backslash does not stop
    Streamlit's icon shortcodes); a word joiner breaks URL and e-mail autolinks. Renders as the original text.
    """
    if missing(text):
        return ""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text)).replace(":", "&#58;")
    return _AUTOLINK.sub("\u2060", escaped)


OP_DATE_FORMATS = {"day": "d MMM y", "month": "MMM y", "year": "y"}


def fmt_op_date(value, precision: str = "day", locale: str = "en") -> str:
    """An operation date at the precision its source gives: '6 Nov 2017', 'Oct 2019' or '2024'."""
    if missing(value):
        return "–"
    fmt = OP_DATE_FORMATS.get(precision, OP_DATE_FORMATS["day"])
    return format_date(pd.Timestamp(value).date(), format=fmt, locale=locale)


def fmt_op_period(start, end, precision: str = "day", locale: str = "en") -> str:
    """'6 Nov 2017 – 10 Nov 2017', or a single date when start and end coincide."""
    a, b = fmt_op_date(start, precision, locale), fmt_op_date(end, precision, locale)
    return a if b in ("–", a) else f"{a} – {b}"
