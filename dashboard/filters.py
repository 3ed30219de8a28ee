"""The filter model: options, defaults and validation of URL parameters (no Streamlit import).

Widgets are bound to URL query parameters (bind="query-params"), so a copied link reopens the same view.
Streamlit drops invalid values silently; `check` finds them first so the page can say so.
URL parameters (a public contract): scheme, regions, countries, years, indicator, sex, age, view, index,
log, year, org, goal, area, op, q, metric, table, lang (and present, deck, slide, speaker for presentations).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .i18n import N_

SCHEMES = {"un_region": "UN region", "un_subregion": "UN subregion", "organization": "Dialogue body"}
DEFAULT_SCHEME = "un_region"
DEFAULT_INDICATOR = "homicide_rate_per_100k"
VIEWS = ("chart", "table")
MAX_SELECTED = 30
MAX_TEXT = 200                   # longest search text (q)
#: Parameters that hold one value: a link repeating one of them (?goal=GPG1&goal=GPG2) is invalid as a whole.
SINGLE_VALUED = ("scheme", "indicator", "goal", "view", "index", "log", "sex", "age", "year", "org", "q",
                 "metric", "table", "present", "deck", "slide", "speaker", "follow")


@dataclass(frozen=True)
class Notice:
    param: str
    value: str
    message: str                      # a message template (translated where shown), e.g. "at most {n} ..."
    args: tuple = ()                  # its (name, value) pairs

    def text(self, translate=lambda m: m) -> str:
        return translate(self.message).format(**dict(self.args))


def _problem(template: str, **args) -> tuple[str, tuple]:
    return template, tuple(sorted(args.items()))


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
                message, args = problem if isinstance(problem, tuple) else (problem, ())
                notices.append(Notice(name, ",".join(vals)[:80], message, args))
    return notices


def one_of(options: Sequence[str]) -> Callable[[list[str]], str | None]:
    allowed = set(options)

    def rule(vals):
        if len(vals) != 1 or vals[0] not in allowed:
            return N_("not one of the available options")
        return None
    return rule


def subset_of(options: Sequence[str], max_items: int = MAX_SELECTED) -> Callable[[list[str]], str | None]:
    allowed = set(options)

    def rule(vals):
        bad = [v for v in vals if v not in allowed]
        if bad:
            return _problem(N_("unknown value(s): {values}"), values=", ".join(b[:30] for b in bad[:3]))
        if len(vals) > max_items:
            return _problem(N_("at most {n} may be selected"), n=max_items)
        return None
    return rule


def year_range(lo: int, hi: int) -> Callable[[list[str]], str | None]:
    def rule(vals):
        try:
            years = [int(v) for v in vals]
        except ValueError:
            return N_("years must be whole numbers")
        if len(years) != 2 or any(y < lo or y > hi for y in years):
            return _problem(N_("two years between {lo} and {hi} are expected"), lo=lo, hi=hi)
        if years[0] > years[1]:
            return N_("the first year comes after the second")
        return None
    return rule


def text(max_len: int = MAX_TEXT) -> Callable[[list[str]], str | None]:
    """Free text (a search): one value of at most `max_len` characters."""
    def rule(vals):
        if len(vals) > 1:
            return N_("only one value is allowed")
        if vals and len(vals[0]) > max_len:
            return _problem(N_("longer than {n} characters"), n=max_len)
        return None
    return rule


def repeated(params: Mapping, names: Sequence[str] = SINGLE_VALUED) -> list[Notice]:
    """Parameters given more than once where one value is expected."""
    notices = []
    for name in names:
        raw = params.get_all(name) if hasattr(params, "get_all") else params.get(name)
        vals = [] if raw is None else [raw] if isinstance(raw, str) else [str(v) for v in raw]
        if len(vals) > 1:
            notices.append(Notice(name, ",".join(vals)[:80], N_("only one value is allowed")))
    return notices


def boolean(vals):
    return None if len(vals) == 1 and vals[0].lower() in ("true", "false") else N_("must be true or false")
