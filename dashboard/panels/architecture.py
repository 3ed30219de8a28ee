"""The Architecture charts: countries covered per body, the overlap matrix, the coverage map, the meetings."""
from __future__ import annotations

import pandas as pd

from ..charts.architecture import coverage_bars, meetings_timeline, overlap_heatmap
from ..charts.maps import coverage_map
from ..filters import Architecture
from ..i18n import _, country_name, region_name
from ..text import md_escape
from .base import Panel

MEMBERSHIP = ("organizations", "org_membership")


def in_language(df: pd.DataFrame) -> pd.DataFrame:
    """Country, region and membership-type columns of a frame in the viewer's language (display only)."""
    out = df.copy()
    if "country" in out and "iso3" in out:
        out["country"] = [country_name(i, fallback=c) for i, c in zip(out["iso3"], out["country"])]
    for col in ("un_region", "un_subregion"):
        if col in out:
            out[col] = out[col].map(lambda r: region_name(r) if isinstance(r, str) else r)
    if "membership_type" in out:
        out["membership_type"] = out["membership_type"].map(lambda t: _(t) if isinstance(t, str) else t)
    return out


def arch_coverage_bars(f: Architecture, lang: str, q) -> Panel:
    return Panel("arch_coverage_bars", coverage_bars(
        q.organizations(lang), title=_("Countries covered per body"), x_title=_("countries (members and associates)"),
        partial_label=_("partial list")), sources=MEMBERSHIP, unit=_("countries"),
        notes=(_("Hatched: INTERPOL's sourced member list is partial (it has 196 member countries)."),))


def arch_overlap(f: Architecture, lang: str, q) -> Panel:
    overlap = q.org_overlap()
    panel = Panel("arch_overlap", sources=MEMBERSHIP, unit=_("countries"))
    if overlap.empty:
        panel.empty = (_("No membership data to compare."), None)
        return panel
    iso3_of = dict(zip(q.countries()["name"], q.countries()["iso3"]))
    names = q.org_overlap_countries().assign(countries=lambda d: [
        [country_name(iso3_of[c], fallback=c) if c in iso3_of else c for c in cs] for cs in d["countries"]])
    panel.figure = overlap_heatmap(
        overlap, order=q.organizations(lang)["name"].tolist(), names=names,
        title=_("Countries covered by both bodies (number of countries)"),
        labels={"shared": _("{n} countries shared"), "own": _("{n} countries covered (own coverage)"),
                "none": _("no country shared"), "colorbar": _("countries")})
    panel.notes = (_("Each cell counts the countries covered by both the row's and the column's body; the "
                     "diagonal is each body's own coverage (its colour is capped at the largest overlap). Hover a "
                     "cell for the countries. Members and associates only; INTERPOL is left out (partial "
                     "list)."),)
    return panel


def arch_map(f: Architecture, lang: str, q) -> Panel:
    coverage = in_language(q.country_coverage())
    members = q.org_members(f.org) if f.org else None
    highlight = in_language(members[members["membership_type"].isin(["member", "associate"])]) if f.org else None
    fig = coverage_map(coverage, title=_("Dialogue bodies covering each country (number of bodies)"),
                       colorbar_title=_("bodies"), highlight=highlight, highlight_name=f.org,
                       labels={"bodies": _("bodies"), "none": _("none besides INTERPOL"), "gap": _("0 (gap)"),
                               "member_of": _("{org}: {type}")})
    note = _("The map shows the {n} countries and territories of the warehouse's countries table; places not in "
             "it are drawn grey without a value, and small states (e.g. Singapore, Bahrain, Malta) are too small "
             "for this world map: the tables above and below list them.").format(n=len(coverage))
    if f.org:
        note += " " + _("Highlighted in colour: members and associates of {org}.").format(org=md_escape(f.org))
    return Panel("arch_map", fig, sources=MEMBERSHIP, unit=_("number of Dialogue bodies (0, 1, 2, 3 or more)"),
                 notes=(note,), extra={"coverage": coverage})


def arch_meetings_timeline(f: Architecture, lang: str, q) -> Panel:
    meetings = q.dialogue_meetings()
    panel = Panel("arch_meetings_timeline", sources=("dialogue_meetings",))
    if meetings.empty:
        panel.empty = (_("No meetings loaded."), None)
        return panel
    meetings = meetings.assign(country=[country_name(i, fallback=c) if isinstance(i, str) else c
                                        for i, c in zip(meetings["iso3"], meetings["country"])])
    panel.figure = meetings_timeline(meetings, title=_("Dialogue editions and working-group meetings, by date"),
                                     labels={"edition": _("Dialogue edition"), "working_group": _("Working group"),
                                             "virtual": _("online"), "in_person": _("in person"),
                                             "date": _("Date"), "unknown_venue": _("venue not stated")})
    note = _("Open markers: held online.")
    undated = meetings[meetings["start_date"].isna()]
    if len(undated):
        note += " " + _("Not on the timeline because their date is unknown: {eds}.").format(
            eds=md_escape(", ".join(f"{e} ({c})" if isinstance(c, str) else str(e)
                                    for e, c in zip(undated["edition"], undated["city"]))))
    panel.notes, panel.extra["meetings"] = (note,), meetings
    return panel


BUILDERS = {"arch_coverage_bars": arch_coverage_bars, "arch_overlap": arch_overlap, "arch_map": arch_map,
            "arch_meetings_timeline": arch_meetings_timeline}
