"""The filter model: options, defaults and validation of URL parameters (no Streamlit import).

Widgets are bound to URL query parameters (bind="query-params"), so a copied link reopens the same view.
Streamlit drops invalid values silently; `check` finds them first so the page can say so.
URL parameters (a public contract): scheme, regions, countries, years, indicator, sex, age, view, index,
log, year, org, goal, area, op, lang.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

SCHEMES = {"un_region": "UN region", "un_subregion": "UN subregion", "organization": "Dialogue body"}
DEFAULT_SCHEME = "un_region"
DEFAULT_INDICATOR = "homicide_rate_per_100k"
VIEWS = ("chart", "table")
MAX_SELECTED = 30


@dataclass(frozen=True)
class Notice:
    param: str
    value: str
    message: str


def _values(raw) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [v for v in raw.split(",") if v != ""]
    return [str(v) for v in raw]


def check(params: Mapping, rules: Mapping[str, Callable[[list[str]], str | None]]) -> list[Notice]:
    """Apply a rule to every known parameter present; a rule returns an error message or None."""
    notices = []
    for name, rule in rules.items():
        if name in params:
            vals = _values(params.get_all(name) if hasattr(params, "get_all") else params[name])
            problem = rule(vals)
            if problem:
                notices.append(Notice(name, ",".join(vals)[:80], problem))
    return notices


def one_of(options: Sequence[str]) -> Callable[[list[str]], str | None]:
    allowed = set(options)

    def rule(vals):
        if len(vals) != 1 or vals[0] not in allowed:
            return "not one of the available options"
        return None
    return rule


def subset_of(options: Sequence[str], max_items: int = MAX_SELECTED) -> Callable[[list[str]], str | None]:
    allowed = set(options)

    def rule(vals):
        bad = [v for v in vals if v not in allowed]
        if bad:
            return f"unknown value(s): {', '.join(b[:30] for b in bad[:3])}"
        if len(vals) > max_items:
            return f"at most {max_items} may be selected"
        return None
    return rule


def year_range(lo: int, hi: int) -> Callable[[list[str]], str | None]:
    def rule(vals):
        try:
            years = [int(v) for v in vals]
        except ValueError:
            return "years must be whole numbers"
        if not 1 <= len(years) <= 2 or any(y < lo or y > hi for y in years):
            return f"years must lie between {lo} and {hi}"
        return None
    return rule


def boolean(vals):
    return None if len(vals) == 1 and vals[0].lower() in ("true", "false") else "must be true or false"
