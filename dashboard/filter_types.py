"""The typed, frozen filters of each page (what dashboard/filters.py parses the URL into; no Streamlit import).

`Filters.params()` gives a page's values that differ from their default, as URL parameters; parameters are
declared in dashboard/registry.py.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from . import registry as reg

# -- the filters of each page ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Filters:
    """Base of the pages' filters. `defaults` holds defaults that depend on the data (a map's year, a scheme's
    regions); `params()` gives the values that differ from their default, as URL parameters."""
    defaults: tuple[tuple[str, object], ...] = ()
    NOT_IN_URL = ()                                  # fields that are filters but not URL parameters

    def default(self, name: str):
        return dict(self.defaults).get(name, reg.PARAMS[name].default)

    def params(self) -> dict[str, str | list[str]]:
        out: dict[str, str | list[str]] = {}
        for f in fields(self):
            if f.name not in reg.PARAMS or f.name in self.NOT_IN_URL:
                continue
            value = getattr(self, f.name)
            if value == self.default(f.name) or value is None:
                continue
            if isinstance(value, bool):
                out[f.name] = "true" if value else "false"
            elif isinstance(value, tuple):
                if value:                   # an emptied list is not written (a link cannot say "none")
                    out[f.name] = [str(v) for v in value]
            elif value != "":
                out[f.name] = str(value)
        return out


@dataclass(frozen=True)
class Overview(Filters):
    pass


@dataclass(frozen=True)
class Shared(Filters):
    """The sidebar's region scheme, regions and years."""
    scheme: str = reg.DEFAULT_SCHEME
    regions: tuple[str, ...] = ()
    years: tuple[int, int] = reg.DEFAULT_YEARS


@dataclass(frozen=True)
class Selection(Shared):
    """One indicator over regions and countries (Trends, Table)."""
    indicator: str = reg.DEFAULT_INDICATOR
    goal: str = ""                                   # the indicator's goal (or 'context'): the picker's first box
    countries: tuple[str, ...] = ()                  # English names, as in the URL
    iso3: tuple[str, ...] = ()                       # the same countries' codes (not the `iso3` parameter)
    sex: str = "Total"
    age: str = "Total"
    NOT_IN_URL = ("goal", "iso3")


@dataclass(frozen=True)
class Trends(Selection):
    view: str = "chart"
    index: int = 0
    log: bool = False
    estimate: str = "publisher"                      # publisher: the publisher's estimate where it gives one
    every_year: bool = False                         # region lines through thin years after the last adequate one


@dataclass(frozen=True)
class Map(Filters):
    indicator: str = reg.DEFAULT_INDICATOR
    goal: str = ""
    sex: str = "Total"
    age: str = "Total"
    year: int | None = None
    org: str | None = None
    NOT_IN_URL = ("goal",)


@dataclass(frozen=True)
class Operations(Shared):
    q: str = ""
    goal: str | None = None
    area: tuple[str, ...] = ()
    op: tuple[str, ...] = ()
    metric: str | None = None

    def terms(self) -> list[str]:
        return [t for t in self.q.split(",") if t.strip()]

    def region_filter(self, scheme_regions: Sequence[str]) -> tuple[str, ...] | None:
        """No region restriction when every region of the scheme (or none) is selected; otherwise an operation
        must list a participating country in one of the selected regions."""
        if not self.regions or set(scheme_regions) <= set(self.regions):
            return None
        return self.regions


@dataclass(frozen=True)
class Indicator(Filters):
    """One indicator and its breakdown (the picker of the indicator pages)."""
    indicator: str = reg.DEFAULT_INDICATOR
    goal: str = ""                                   # the indicator's goal, 'context' or 'technical'
    sex: str = "Total"
    age: str = "Total"
    NOT_IN_URL = ("goal",)


@dataclass(frozen=True)
class Table(Selection):
    compare: tuple[int, int] | None = None           # the two years of the change column (None: none to compare)


@dataclass(frozen=True)
class Sources(Indicator):
    pass


@dataclass(frozen=True)
class Rankings(Indicator):
    year: int | None = None
    iso3: str | None = None


@dataclass(frozen=True)
class Country(Filters):
    iso3: str | None = None
    indicator: str = reg.DEFAULT_INDICATOR


@dataclass(frozen=True)
class Body(Filters):
    org: str | None = None


@dataclass(frozen=True)
class Since(Filters):
    meeting: str | None = None


@dataclass(frozen=True)
class Catalogue(Filters):
    q: str = ""
    goal: str | None = None

    def terms(self) -> list[str]:
        return [t.strip().lower() for t in self.q.split(",") if t.strip()]


@dataclass(frozen=True)
class Goals(Filters):
    goal: str = "GPG1"


@dataclass(frozen=True)
class Architecture(Filters):
    org: str | None = None


@dataclass(frozen=True)
class Data(Filters):
    table: str = "sources"
