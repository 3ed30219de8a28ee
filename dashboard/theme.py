"""Colours, number formats and the plotly template: the same region has the same colour on every page."""
from __future__ import annotations

import hashlib
import html
import math

from babel.numbers import format_decimal, format_percent

FONT = "Source Sans Pro, Helvetica Neue, Arial, sans-serif"
NAVY = "#1f3b73"

#: Fixed colours for the regions and bodies users compare most (colour-blind-safe where possible).
FIXED = {
    "World": "#333333",
    "Africa": "#D55E00", "Americas": "#0072B2", "Asia": "#009E73", "Europe": "#CC79A7", "Oceania": "#E69F00",
    "AFRIPOL": "#8C510A", "AMERIPOL": "#1F78B4", "ASEANAPOL": "#33A02C", "AIMC": "#6A3D9A", "ECO": "#B15928",
    "EUROPOL": "#E31A1C", "Frontex": "#F781BF", "GCC-POL": "#FF7F00", "SCO": "#17BECF", "INTERPOL": NAVY,
    "UNODC": "#666666",
    # Global Policing Goals (by goal_id)
    "GPG1": "#4E79A7", "GPG2": "#F28E2B", "GPG3": "#E15759", "GPG4": "#76B7B2", "GPG5": "#9C755F",
    "GPG6": "#B07AA1", "GPG7": "#59A14F",
}
#: UN M49 subregions, each in a shade related to its region's hue.
SUBREGIONS = {
    "Northern Africa": "#A6400A", "Eastern Africa": "#E37A3B", "Middle Africa": "#F0A070", "Southern Africa": "#B8541A",
    "Western Africa": "#F5B98F",
    "Caribbean": "#5AA9E6", "Central America": "#004C80", "South America": "#2E86C1", "Northern America": "#0B3D66",
    "Central Asia": "#00664B", "Eastern Asia": "#33B890", "South-eastern Asia": "#7FD6BC", "Southern Asia": "#00805C",
    "Western Asia": "#4DC9A2",
    "Eastern Europe": "#A34D84", "Northern Europe": "#E3A6CB", "Southern Europe": "#B8609A", "Western Europe": "#D98FBF",
    "Australia and New Zealand": "#B37A00", "Melanesia": "#F5B93D", "Micronesia": "#CC8F14", "Polynesia": "#F7CB70",
}
PALETTE = ["#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F",
           "#BAB0AC", "#1B9E77", "#D95F02", "#7570B3", "#E7298A", "#66A61E", "#E6AB02", "#A6761D", "#666666"]


def color_for(name: str) -> str:
    """A stable colour for a region, organization or country name."""
    if name in FIXED:
        return FIXED[name]
    if name in SUBREGIONS:
        return SUBREGIONS[name]
    digest = int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16)
    return PALETTE[digest % len(PALETTE)]


QUALIFIER_SIGN = {"approx": "≈", "at_least": "≥", "exact": ""}
DECIMALS = {"count": 0, "quantity_kg": 0, "population": 0, "rank": 0, "count_of_sources": 0,
            "rate_per_100k": 2, "score": 1, "standard_error": 2}


def fmt_number(value, measure: str | None = None, locale: str = "en", decimals: int | None = None) -> str:
    """A number formatted for reading: thousands separators, sensible decimals, '–' for missing."""
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return "–"
    if decimals is None:
        decimals = DECIMALS.get(measure or "", 2 if abs(value) < 100 else 0)
        if measure == "rate_per_100k" and abs(value) >= 10:
            decimals = 1
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(round(value, decimals), format=pattern, locale=locale)


MINUS = "\u2212"            # a true minus sign for changes (−0.41), not a hyphen


def fmt_change(value, measure: str | None = None, locale: str = "en") -> str:
    """A change with one sign, a true minus for falls: '+0.22', '−0.41', '+1,203', '0' ('–' for missing). Changes
    under 1 keep two decimals (a score's +0.25 is not rounded to +0.3)."""
    small = isinstance(value, (int, float)) and not math.isnan(value) and abs(value) < 1
    text = fmt_number(abs(value) if value is not None else value, measure, locale, decimals=2 if small else None)
    if text == "–" or text.strip("0.,\u202f\u00a0") == "":
        return text
    return ("+" if value > 0 else MINUS) + text


def fmt_qualified(value, qualifier: str, unit: str | None = None, locale: str = "en") -> str:
    """Operation figures keep their qualifier: 500 approx -> '≈500'."""
    text = QUALIFIER_SIGN.get(qualifier, "") + fmt_number(value, "count", locale=locale)
    if unit and unit not in ("persons",):
        text += f" {unit_text(unit, locale)}"
    return text


def unit_text(unit, locale: str = "en"):
    """A unit from the data in the language of `locale` (the message catalogue; unchanged when untranslated)."""
    from .i18n import translate

    return translate(unit, locale) if isinstance(unit, str) and unit else unit


def fmt_share(value, locale: str = "en") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return format_percent(value, locale=locale)          # the locale's own pattern: 46%, 46 %, 46‎%‎


def apply_layout(fig, *, title: str | None = None, height: int | None = None, font_scale: float = 1.0):
    """The house style for every figure."""
    fig.update_layout(
        template="plotly_white",
        font=dict(family=FONT, size=round(14 * font_scale), color="#1a1f2b"),
        # titles carry data (indicator, organization names): plotly renders HTML in them, so escape it
        title=dict(text=html.escape(title, quote=False), x=0, xanchor="left",
                   font=dict(size=round(18 * font_scale))) if title else None,
        margin=dict(l=10, r=10, t=60 if title else 20, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=-0.25, x=0, title=None),
        hoverlabel=dict(font_size=round(13 * font_scale)),
        separators=".,",
    )
    if height:
        fig.update_layout(height=height)
    return fig
