"""URL parameter rules (no Streamlit import): a notice type, small rule combinators that take a parameter's
values (a list of strings) and return None or a problem, and a Reader that applies them to a page's raw
parameters, turning invalid values from a link into notices and falling back to defaults."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from . import registry as reg
from .i18n import N_

Raw = Mapping[str, list[str]]


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


# -- rules: a list of strings in, None or a problem out ------------------------------------------------------

Rule = Callable[[list[str]], "str | tuple | None"]


def one_of(options: Sequence) -> Rule:
    allowed = {str(o) for o in options}
    return lambda vals: None if len(vals) == 1 and vals[0] in allowed else N_("not one of the available options")


def subset_of(options: Sequence[str], max_items: int = reg.MAX_SELECTED) -> Rule:
    allowed = set(options)

    def rule(vals):
        bad = [v for v in vals if v not in allowed]
        if bad:
            return _problem(N_("unknown value(s): {values}"), values=", ".join(b[:30] for b in bad[:3]))
        if len(vals) > max_items:
            return _problem(N_("at most {n} may be selected"), n=max_items)
        return None
    return rule


def year_range(lo: int, hi: int) -> Rule:
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


def text(max_len: int = reg.MAX_TEXT) -> Rule:
    def rule(vals):
        if len(vals) > 1:
            return N_("only one value is allowed")
        if vals and len(vals[0]) > max_len:
            return _problem(N_("longer than {n} characters"), n=max_len)
        return None
    return rule


def boolean(vals):
    return None if len(vals) == 1 and vals[0].lower() in ("true", "false") else N_("must be true or false")


def values(raw_value) -> list[str]:
    """A parameter's values (repeated parameters give several; an empty value in a link is a value)."""
    if raw_value is None:
        return []
    return [raw_value] if isinstance(raw_value, str) else [str(v) for v in raw_value]


def repeated(raw: Raw) -> list[Notice]:
    """Single-valued parameters given more than once (?goal=GPG1&goal=GPG2)."""
    out = []
    for name, p in reg.PARAMS.items():
        vals = raw.get(name) or []
        if p.single and len(vals) > 1:
            out.append(Notice(name, ",".join(vals)[:80], N_("only one value is allowed")))
    return out


class Reader:
    """Reads a page's raw parameters through rules; invalid link values become notices, and the default."""

    def __init__(self, raw: Raw, from_link: Callable[[str], bool] = lambda name: True):
        self.raw = raw
        self.from_link = from_link
        self.notices: list[Notice] = []

    def has(self, name: str) -> bool:
        return name in self.raw and not (reg.PARAMS[name].single and len(self.raw[name]) > 1)

    def get(self, name: str, rule: Rule, default=None) -> list[str] | None:
        """The values of `name` if present and valid, else None (a notice when they came from a link)."""
        if not self.has(name):
            return default
        vals = values(self.raw[name])
        problem = rule(vals)
        if problem is None:
            return vals
        if self.from_link(name):
            message, args = problem if isinstance(problem, tuple) else (problem, ())
            self.notices.append(Notice(name, ",".join(vals)[:80], message, args))
        return default

    def one(self, name: str, options: Sequence, default):
        got = self.get(name, one_of(options))
        return got[0] if got else default


