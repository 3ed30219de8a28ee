"""Caveats as a panel carries them: what the sources say about themselves (and the outliers the ETL detected)
for the selection a panel shows, in the panel's language, as plain text. dashboard/ui.py draws them with one
badge renderer (`ui.caveat_badges`); the export prints `caveat_lines`."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import i18n, theme
from ..i18n import _
from ..text import missing

#: What each kind of caveat means, as the badge names it.
KIND_LABELS = {
    "break": i18n.N_("Series break"),
    "last_year": i18n.N_("Partial year"),
    "definition_change": i18n.N_("Definition changed"),
    "outlier": i18n.N_("Outlier kept"),
    "enforcement_measure": i18n.N_("Measures enforcement"),
    "imputation": i18n.N_("Estimate imputes"),
    "missing_year": i18n.N_("Missing year"),
    "not_totals": i18n.N_("Not totals"),
    "duplicates": i18n.N_("Duplicate reports"),
    "provenance": i18n.N_("Provenance unverified"),
}


@dataclass(frozen=True)
class Caveat:
    """One caveat, ready to show: every text is plain text (never Markdown)."""
    caveat_id: str
    kind: str
    label: str             # the kind, translated
    years: str             # '2021', '2011–2016' or ''
    text: str              # what it means, in the panel's language where it can be
    citation: str          # where it is stated (as written in the data)
    detected: bool = False
    year_from: int | None = None     # the years and the country it is scoped to (None: not scoped)
    year_to: int | None = None
    iso3: str | None = None

    @property
    def line(self) -> str:
        """'Partial year · 2021: text' (plain text)."""
        head = f"{self.label} · {self.years}" if self.years else self.label
        return f"{head}: {self.text}"


def _years(a, b) -> str:
    a = None if missing(a) else int(a)
    b = None if missing(b) else int(b)
    if a is not None and b is not None:
        return str(a) if a == b else f"{a}–{b}"
    if a is not None:
        return _("from {year}").format(year=a)
    return _("to {year}").format(year=b) if b is not None else ""


def _detected_text(r, lang: str) -> str:
    """A detected outlier's text in `lang` (the warehouse holds it in English), from its numbers."""
    place = i18n.country_name(r.iso3, lang, fallback=r.country if isinstance(r.country, str) else r.iso3)
    if r.rule == "neighbours":
        return _("{place} {year}: {value} per 100,000 is far outside the country's neighbouring years "
                 "({low} and {high}). Kept as published; flagged by the ETL.").format(
            place=place, year=int(r.year_from), value=theme.fmt_number(r.value, locale=lang, decimals=2),
            low=theme.fmt_number(r.low, locale=lang, decimals=2), high=theme.fmt_number(r.high, locale=lang,
                                                                                        decimals=2))
    return _("{place} {year}: one seizure record holds {share} of the kilograms of a regional total that year "
             "(the world's, where it dominates it). Kept as reported; flagged by the ETL.").format(
        place=place, year=int(r.year_from), share=theme.fmt_share(r.share, lang))


def caveats_from(df: pd.DataFrame | None, lang: str) -> tuple[Caveat, ...]:
    """Caveats from the rows of the caveats_for (or caveats) question, texts in `lang`."""
    if df is None or df.empty:
        return ()
    out = []
    for r in df.itertuples(index=False):
        detected = bool(r.detected)
        if detected and lang != "en" and r.rule in ("neighbours", "dominant_record"):
            text = _detected_text(r, lang)
        else:
            text = _(r.text) if not detected else r.text
        out.append(Caveat(caveat_id=r.caveat_id, kind=r.kind, label=_(KIND_LABELS.get(r.kind, r.kind)),
                          years=_years(r.year_from, r.year_to), text=text, citation=str(r.citation),
                          detected=detected, year_from=None if missing(r.year_from) else int(r.year_from),
                          year_to=None if missing(r.year_to) else int(r.year_to),
                          iso3=r.iso3 if isinstance(r.iso3, str) else None))
    return tuple(out)


def for_selection(q, lang: str, indicator_id: str, scheme: str = "world", regions=("World",), iso3s=(),
                  year_from: int = 1900, year_to: int = 2100, kinds=None) -> tuple[Caveat, ...]:
    """The caveats that apply to what a panel shows (questions.caveats_for), ready to show."""
    args = dict(regions=tuple(regions), iso3s=tuple(iso3s), year_from=year_from, year_to=year_to)
    if kinds is not None:
        args["kinds"] = tuple(kinds)
    return caveats_from(q.caveats_for(indicator_id, scheme, **args), lang)


def from_many(rows: pd.DataFrame, lang: str, indicator_id: str, year_from: int = 1900, year_to: int = 2100,
              kinds=None) -> tuple[Caveat, ...]:
    """for_selection's answer from the rows of caveats_for_many (several indicators asked at once): the rows
    for `indicator_id` whose years overlap year_from..year_to and whose estimate kind is shown."""
    mine = rows[rows["for_indicator"] == indicator_id]
    keep = ((mine["year_from"].astype("Float64").fillna(-1e9) <= year_to)
            & (mine["year_to"].astype("Float64").fillna(1e9) >= year_from))
    if kinds is not None:
        keep &= mine["estimate_kind"].isna() | mine["estimate_kind"].isin(list(kinds))
    return caveats_from(mine[keep.fillna(False).astype(bool)].drop(columns="for_indicator"), lang)


def caveat_lines(caveats) -> list[str]:
    """Each caveat as one plain-text line with its citation (the export, a CSV note)."""
    return [f"{c.line} ({_('Source')}: {c.citation})" for c in caveats]
