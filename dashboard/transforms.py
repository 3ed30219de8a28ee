"""Pure transforms of frames the warehouse answered (no Streamlit, no database).

Coverage is the ETL's, decided once: region_values.adequate says whether a region value's reporting countries
hold enough of its population (the rule and its threshold are in the warehouse's etl_settings). A region value
that is not adequate is "thin"; the app never recomputes the rule.
"""
from __future__ import annotations

import pandas as pd


def is_thin(df: pd.DataFrame) -> pd.Series:
    """True where a region value is not adequately covered (False for rows without coverage: countries)."""
    if "adequate" not in df:
        return pd.Series(False, index=df.index)
    return df["adequate"].astype("boolean").eq(False).fillna(False).astype(bool)     # NA: a country


def index_to_base(df: pd.DataFrame, base_year: int) -> tuple[pd.DataFrame, list[str]]:
    """Each series divided by its own base-year value × 100. Series without a (non-zero) base-year value are
    left out; their names are returned second."""
    base = df.loc[df["year"] == base_year].set_index("series")["value"]
    base = base[base.notna() & (base != 0)]
    dropped = sorted(set(df["series"]) - set(base.index))
    out = df[df["series"].isin(base.index)].copy()
    out["value"] = out["value"] / out["series"].map(base) * 100
    return out.reset_index(drop=True), dropped


def well_covered_year(counts: pd.DataFrame, near_best: float = 0.8) -> int | None:
    """The latest year whose country count (columns year, countries) is at least `near_best` of the best year's."""
    if counts.empty:
        return None
    good = counts[counts["countries"] >= near_best * counts["countries"].max()]
    return int(good["year"].max())


def in_language(df: pd.DataFrame, translations: pd.DataFrame, kind: str, key: str, lang: str) -> pd.DataFrame:
    """`df` with its translatable text columns replaced by their `lang` version (official wording or the
    project's translation, columns kind, id, field, text); English, or a text without translation, stays."""
    if lang == "en" or df.empty:
        return df
    t = translations[(translations["kind"] == kind) & (translations["lang"] == lang)]
    out = df.copy()
    for field, rows in t.groupby("field"):
        if field in out.columns:
            out[field] = out[key].map(dict(zip(rows["id"], rows["text"]))).fillna(out[field])
    return out


def since_years(years, meeting_year: int) -> tuple[int | None, int | None]:
    """For a meeting held in `meeting_year` and an indicator's adequately covered years: the latest such year
    known at the meeting (at or before its year) and the latest now. (None, latest) when no year was adequately
    covered by then; (None, None) without any."""
    ys = sorted(int(y) for y in years)
    if not ys:
        return None, None
    then = [y for y in ys if y <= meeting_year]
    return (then[-1] if then else None), ys[-1]
