"""What the app is made of, declared once: its pages and its URL parameters (no Streamlit import).

The frame (app.py) registers the pages with st.navigation from PAGES; decks check a slide's page, chart and
filters against it; the export and the benchmarks draw and time each page's charts from it; the tests and the
README are checked against it (tests/test_registry.py). URL parameters are a public contract: links in mails,
decks and exports carry them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .i18n import N_


@dataclass(frozen=True)
class Page:
    path: str                          # the page's URL path ('overview' is also the root URL)
    file: str                          # its layout script, relative to app.py
    title: str                         # msgid of its title in the page list
    charts: tuple[str, ...] = ()       # its panels (dashboard/panels), in page order: what a slide may show
    main_chart: str | None = None      # the panel a slide of this page shows when it names none
    params: tuple[str, ...] = ()       # the URL parameters it reads (besides lang and presentation mode)
    default: bool = False              # the root URL shows it
    section: str = ""                  # msgid of its group in the page list ('' : the first, untitled group)

    @property
    def url(self) -> str:
        """Its path in a URL: '' for the default page."""
        return "" if self.default else self.path


SHARED = ("scheme", "regions", "years")         # the sidebar's region and year filters (Trends, Operations)

#: The selection of one indicator (indicator, breakdown, regions, countries, years; the map's year), carried
#: from page to page: a page switch without these parameters in its URL opens them as the viewer left them
#: (dashboard/frame.py). The indicator's four views (chart, map, table, sources) and rankings share it.
CARRIED = ("indicator", "sex", "age", "scheme", "regions", "countries", "years", "year")
INDICATOR = ("indicator", "goal", "sex", "age")  # an indicator page's picker (goal: a link's shortcut)

EXPLORE, PROFILES, DIALOGUE, REFERENCE = (N_("Explore an indicator"), N_("Profiles"), N_("The Dialogue"),
                                          N_("Reference"))
PAGES = (
    Page("overview", "pages/overview.py", N_("Overview"), ("overview_multiples",), "overview_multiples",
         default=True),
    Page("since", "pages/since.py", N_("Since the last meeting"), params=("meeting",)),
    Page("trends", "pages/trends.py", N_("Trends"), ("trends_chart",), "trends_chart",
         (*INDICATOR, "countries", "view", "index", "log", "estimate", "every_year", *SHARED), section=EXPLORE),
    Page("map", "pages/map.py", N_("Map"), ("map_chart",), "map_chart", (*INDICATOR, "year", "org"),
         section=EXPLORE),
    Page("table", "pages/table.py", N_("Table by year"), params=(*INDICATOR, "countries", "compare", *SHARED),
         section=EXPLORE),
    Page("sources", "pages/sources.py", N_("Sources and coverage"), ("sources_coverage",), "sources_coverage", INDICATOR,
         section=EXPLORE),
    Page("rankings", "pages/rankings.py", N_("Rankings"), ("rankings_chart",), "rankings_chart",
         (*INDICATOR, "year", "iso3"), section=EXPLORE),
    # The profiles' charts need a country or a body: they are not offered to decks (which build from defaults).
    Page("country", "pages/country.py", N_("Country profile"), params=("iso3", "indicator"), section=PROFILES),
    Page("body", "pages/body.py", N_("Dialogue body profile"), params=("org",), section=PROFILES),
    Page("goals", "pages/goals.py", N_("Goals"), params=("goal",), section=DIALOGUE),
    Page("operations", "pages/operations.py", N_("Operations"), ("ops_timeline", "ops_metric", "ops_map"),
         "ops_metric", ("q", "goal", "area", "op", "metric", *SHARED), section=DIALOGUE),
    Page("architecture", "pages/architecture.py", N_("Architecture"),
         ("arch_coverage_bars", "arch_overlap", "arch_map", "arch_meetings_timeline"), "arch_overlap", ("org",),
         section=DIALOGUE),
    Page("indicators", "pages/indicators.py", N_("Indicator catalogue"), params=("q", "goal"), section=REFERENCE),
    Page("data", "pages/data.py", N_("Data"), params=("table",), section=REFERENCE),
)
BY_PATH = {p.path: p for p in PAGES}


# -- URL parameters ------------------------------------------------------------------------------------------

YEAR_MIN, YEAR_MAX = 1990, dt.date.today().year
DEFAULT_YEARS = (2000, YEAR_MAX)
DEFAULT_SCHEME = "un_region"
DEFAULT_INDICATOR = "homicide_rate_per_100k"
SCHEMES = {"un_region": N_("UN region"), "un_subregion": N_("UN subregion"), "organization": N_("Dialogue body")}
#: Regions a scheme starts with (None: all of the scheme's regions).
DEFAULT_REGIONS = {
    "un_region": None,
    "un_subregion": ("Western Africa", "Northern Africa", "Central America", "South America", "South-eastern Asia",
                     "Western Europe"),
    "organization": None,
}
VIEWS = ("chart", "table")
#: Which region value Trends draws: the publisher's own estimate where it gives one, or always the aggregate of
#: the reporting countries (region_values.estimate_kind).
ESTIMATES = ("publisher", "reporting")
#: Warehouse tables offered whole (Data page downloads, `table=`); the only names a whole-table query may take.
TABLES = ("sources", "countries", "organizations", "org_membership", "region_members", "goals", "indicators",
          "indicator_values", "region_values", "operations", "operation_countries", "operation_results",
          "dialogue_meetings", "etl_runs", "rejects", "translations", "caveats", "crime_areas", "etl_settings",
          "publisher_estimates", "indicator_components")
MAX_SELECTED = 30                      # most values a list parameter may hold
MAX_TEXT = 200                         # longest search text (q)
#: Operations the Dialogue cites together (the Operations page's preset button).
PRESET_OPERATIONS = ("epervier-2017", "libertad-2018", "sawiyan-2018")
#: Metric compared across operations by default, in order of preference.
DEFAULT_METRICS = ("victims_rescued", "arrests")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str              # one | many | years | year | flag | text | int | name
    default: object
    help: str              # one line for the README's table (English; the README documents every parameter)
    single: bool = True    # a link repeating it (?goal=GPG1&goal=GPG2) is invalid as a whole


PARAMS = {p.name: p for p in (
    Param("lang", "one", "en", "interface language: en, fr, es or ar (English is left out of the URL)"),
    Param("scheme", "one", DEFAULT_SCHEME, "region scheme: un_region, un_subregion or organization "
                                            "(Dialogue bodies)"),
    Param("regions", "many", None, "regions of the scheme, one parameter each: regions=Africa&regions=Asia (all UN "
                                   "regions; six subregions; every body by default)", single=False),
    Param("years", "years", DEFAULT_YEARS, f"first and last year, e.g. years=2000&years=2023 (default "
                                           f"{DEFAULT_YEARS[0]} to the last year with data; kept within the "
                                           f"years that have data)", single=False),
    Param("indicator", "one", DEFAULT_INDICATOR, "indicator id (Trends, Map, Table, Sources, Rankings; the chart of "
                                                  "a Country profile)"),
    Param("goal", "one", None, "Global Policing Goal GPG1..GPG7: opens the goal's first indicator (Trends, "
                               "Map, Table, Sources, Rankings), the goal (Goals), filters operations (Operations) "
                               "and the Indicator catalogue"),
    Param("countries", "many", (), "country names drawn beside the regions (Trends, Table)", single=False),
    Param("sex", "one", "Total", "sex breakdown of the indicator, where it has one"),
    Param("age", "one", "Total", "age breakdown of the indicator, where it has one"),
    Param("view", "one", "chart", "chart or table (Trends)"),
    Param("index", "int", 0, "base year: each line divided by its value that year × 100 (Trends; 0: off)"),
    Param("log", "flag", False, "true: logarithmic value axis (Trends)"),
    Param("estimate", "one", "publisher", "publisher: each region's line is the publisher's own estimate where it "
                                          "gives one (UNODC's homicide estimates), else the reporting countries' "
                                          "aggregate; reporting: always the aggregate of the reporting countries "
                                          "(Trends)"),
    Param("every_year", "flag", False, "true: region lines run on through the years after their last adequately "
                                       "covered one (default: each line ends there) (Trends)"),
    Param("year", "year", None, "the year of the Map and the Rankings (default: the latest adequately covered "
                                "year)"),
    Param("org", "one", None, "a Dialogue body's short name: the map limited to its members (Map), its "
                              "members highlighted (Architecture), the body profiled (Dialogue body profile)"),
    Param("iso3", "one", None, "a country's ISO 3166-1 alpha-3 code: the country profiled (Country profile), the "
                               "country highlighted (Rankings)"),
    Param("meeting", "one", None, "a Dialogue meeting's edition, e.g. meeting=8th (Since the last meeting; "
                                  "default: the latest numbered edition)"),
    Param("compare", "years", None, "two years whose like-for-like change the table shows, e.g. "
                                    "compare=2015&compare=2022 (Table; default: the first year shown and the "
                                    "latest adequately covered one)", single=False),
    Param("area", "many", (), "crime-area tags (Operations)", single=False),
    Param("op", "many", (), "operation ids whose results are listed (Operations)", single=False),
    Param("metric", "one", None, "the figure compared across operations, e.g. victims_rescued (Operations)"),
    Param("q", "text", "", f"search text, at most {MAX_TEXT} characters (Operations, Indicator catalogue)"),
    Param("table", "one", "sources", "warehouse table offered for download (Data)"),
    Param("present", "flag", False, "1: presentation mode on any page"),
    Param("deck", "name", None, "a briefing deck (decks/<name>.toml): presents its slides"),
    Param("slide", "int", 1, "the deck's slide number, from 1"),
    Param("speaker", "flag", False, "1: the speaker view of a deck (notes, timer, next slide; needs the presenter's "
                                    "key)"),
    Param("follow", "flag", False, "1: a deck window follows the slides the presenter moves to (the venue "
                                   "window)"),
    Param("key", "text", None, "the presenter's key, printed in the terminal at server start: a deck window "
                               "with it steers the slides of every window following the deck and may open the "
                               "speaker view"),
)}
#: Parameters of presentation mode itself (never a slide filter).
PRESENTER_PARAMS = ("present", "deck", "slide", "speaker", "follow", "key")
#: Parameters a deck slide may set: every page's filters.
FILTER_PARAMS = frozenset(p for page in PAGES for p in page.params)
