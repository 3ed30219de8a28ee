"""Downloads worth citing (no Streamlit here): what a view shows as a CSV that carries its own provenance, a
"Cite this" text, and the chart as PNG or SVG with its title and a source footer, drawn offline.

- `citable(df, meta, ...)`: the rows shown, with the columns `indicator_id`, `indicator`, `value`, `unit`,
  the coverage columns the view has, `source`, `license`, `retrieved` and `citation` (header first, numbers as
  numbers, no thousands separators, sensible decimals);
- `citation(...)`: one paragraph naming the publisher, the title, the data years, the retrieval date, the
  publisher's page and the view's link;
- `image(fig, fmt, footer)`: kaleido with Debian's Chromium (the world map from static/), the footer under the
  chart. Built on click (a deferred download), never during a page run.
"""
from __future__ import annotations

import copy
import os
from pathlib import Path

import pandas as pd

from .settings import REPO
from .text import html_text

CHROMIUM = os.environ.get("CHROMIUM") or os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
STATIC = REPO / "static"
IMAGE_WIDTH, IMAGE_HEIGHT = 1200, 700            # layout pixels; PNG at twice the resolution
APP_NAME = "Dialogue on an Effective Multilateral Policing Architecture: crime-trends dashboard"

#: Decimals kept in a download, by measure: counts are whole, other values keep enough digits to recompute
#: what is shown (the page rounds further for reading).
CSV_DECIMALS = {"count": 0, "quantity_kg": 3, "population": 0, "rank": 0, "count_of_sources": 0}
DEFAULT_DECIMALS = 4
SHARE_DECIMALS = 4


def rounded(values: pd.Series, measure: str | None) -> pd.Series:
    """Numbers as numbers with the decimals a download keeps (whole counts as integers)."""
    v = pd.to_numeric(values, errors="coerce")
    decimals = CSV_DECIMALS.get(measure or "", DEFAULT_DECIMALS)
    v = v.round(decimals)
    if decimals == 0 and (v.dropna() % 1 == 0).all():
        return v.astype("Int64")
    return v


def source_fields(src: pd.Series | dict) -> dict[str, str]:
    """The `source`, `license` and `retrieved` columns of one source row (sources table)."""
    return {"source": f"{src['publisher']}: {src['title']}", "license": str(src["license"]),
            "retrieved": str(src["retrieved"])[:10]}


def citation(*, publisher: str, title: str, years: tuple[int, int] | None, retrieved: str, url: str | None,
             view_title: str | None = None, view_url: str | None = None, accessed: str | None = None,
             app_name: str = APP_NAME) -> str:
    """A citation in the usual data-citation shape: 'Publisher (retrieved year). Title, 2000–2024 [dataset].
    Retrieved <date> from <url>. Shown in: <app>, <view>, <link> (accessed <date>).'"""
    year = str(retrieved)[:4]
    span = "" if not years else (f", {years[0]}" if years[0] == years[1] else f", {years[0]}–{years[1]}")
    text = f"{publisher} ({year}). {title}{span} [dataset]. Retrieved {str(retrieved)[:10]}"
    text += f" from {url}." if url else "."
    if view_title or view_url:
        text += f" Shown in: {app_name}" + (f", {view_title}" if view_title else "")
        text += (f", {view_url}" if view_url else "") + (f" (accessed {accessed})" if accessed else "") + "."
    return text


def citable(df: pd.DataFrame, *, indicator_id: str, indicator: str, unit: str, measure: str | None,
            src: pd.Series | dict, citation_text: str, value_column: str = "value",
            share_columns: tuple[str, ...] = ("population_covered_share",)) -> pd.DataFrame:
    """`df` (machine-readable column names, one row per value shown) with the indicator, unit and provenance
    columns a citable download carries: indicator_id and indicator first, then df's columns (value rounded as
    a number), unit, then source, license, retrieved and citation last."""
    out = df.copy()
    out[value_column] = rounded(out[value_column], measure)
    for col in share_columns:
        if col in out:
            out[col] = pd.to_numeric(out[col], errors="coerce").round(SHARE_DECIMALS)
    for col in ("countries_reporting", "countries_total", "countries_both", "year", "rank"):
        if col in out:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    out.insert(0, "indicator", indicator)
    out.insert(0, "indicator_id", indicator_id)
    out["unit"] = unit
    for k, v in source_fields(src).items():
        out[k] = v
    out["citation"] = citation_text
    return out.reset_index(drop=True)


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV, header first, numbers without thousands separators (empty cell for a missing value)."""
    return df.to_csv(index=False, na_rep="").encode("utf-8")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most about `width` characters, broken between words."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def with_footer(fig, footer: str, width: int = IMAGE_WIDTH):
    """A copy of `fig` with `footer` (the source line, wrapped to the image's width) under the plot, for a
    standalone image; a legend below the plot moves above it, out of the footer's way."""
    out = copy.deepcopy(fig)
    lines = [line for part in footer.split("  \n") for line in wrap(part, width // 7)]
    if out.layout.legend.y is not None and out.layout.legend.y < 0:
        out.update_layout(legend=dict(y=1.0, yanchor="bottom"), margin=dict(t=(out.layout.margin.t or 60) + 30))
    margin_b = (out.layout.margin.b or 10) + 16 * len(lines) + 50
    out.add_annotation(text="<br>".join(html_text(line) for line in lines), xref="paper", yref="paper", x=0, y=0,
                       xanchor="left", yanchor="top", yshift=-(margin_b - 16 * len(lines) - 10), showarrow=False,
                       align="left", font=dict(size=11, color="#444444"))
    out.update_layout(margin=dict(b=margin_b))
    return out


def image(fig, fmt: str, footer: str, *, width: int = IMAGE_WIDTH, height: int | None = None) -> bytes:
    """PNG or SVG bytes of `fig` with its title and `footer`, drawn by kaleido in Debian's Chromium, offline."""
    import plotly.io as pio

    if fmt not in ("png", "svg"):
        raise ValueError(f"unknown image format {fmt!r}")
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set CHROMIUM)")
    os.environ.setdefault("BROWSER_PATH", CHROMIUM)
    pio.defaults.topojson = STATIC.as_uri() + "/"            # world_110m.json from disk, not a CDN
    out = with_footer(fig, footer, width)
    h = height or max(int(out.layout.height or IMAGE_HEIGHT), 400) + int(out.layout.margin.b or 0)
    return pio.to_image(out, format=fmt, width=width, height=h, scale=2 if fmt == "png" else 1)
