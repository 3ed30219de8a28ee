"""Architecture: the Dialogue's own question — where do the policing bodies overlap, and where are the gaps?

URL parameters: org (short name of one Dialogue body whose members are highlighted on the map; default none).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, data, filters, theme, ui
from dashboard.i18n import _, country_name, fmt_date, language, region_name

ui.require_frame()

COVERAGE_NOTE = _("Coverage counts member and associate countries only: Europol's partners and the SCO's observer "
                  "states are not counted. INTERPOL is left out of overlaps and counts because its sourced "
                  "membership list is partial; UNODC is a UN office without member countries.")



md_escape = ui.md_escape          # text from the data shown in Markdown (also escapes $ and :)

orgs = data.organizations()
org_names = orgs["name"].tolist()
ISO3_OF = dict(zip(data.countries()["name"], data.countries()["iso3"]))


def _country(name):
    """A country named in English by the warehouse, in the viewer's language."""
    return country_name(ISO3_OF[name], fallback=name) if name in ISO3_OF else name


def _in_language(df: pd.DataFrame) -> pd.DataFrame:
    """Country, region and membership-type columns of a frame in the viewer's language (display only)."""
    out = df.copy()
    if "country" in out:
        out["country"] = [country_name(i, fallback=c) for i, c in zip(out["iso3"], out["country"])] \
            if "iso3" in out else out["country"].map(_country)
    for col in ("un_region", "un_subregion"):
        if col in out:
            out[col] = out[col].map(lambda r: region_name(r) if isinstance(r, str) else r)
    if "membership_type" in out:
        out["membership_type"] = out["membership_type"].map(lambda t: _(t) if isinstance(t, str) else t)
    return out

ui.reject_params(filters.check(st.query_params, {"org": filters.one_of(org_names)}))

st.title(_("Policing architecture: overlaps and gaps"))
st.markdown(_("The Dialogue brings INTERPOL and the regional policing bodies together to align strategies and to "
              "find overlaps and gaps between them. This page shows who takes part, which countries several "
              "bodies cover at once, which countries no regional body covers, and when the Dialogue met."))

# -- participants and observers ---------------------------------------------------------------------------
st.subheader(_("Participants and observers"))
if orgs.empty:
    ui.empty_state(_("No organizations loaded."), _("Rebuild the warehouse with `make etl`."))
else:
    country_names = data.countries().set_index("iso3")["name"].to_dict()

    def _coverage_text(row) -> str:
        if not row.membership_complete:
            return _("partial: {n} sourced members").format(n=int(row.countries_covered))
        if row.countries_covered == 0:
            return _("no member countries")
        return theme.fmt_number(int(row.countries_covered), "count", language())

    table = pd.DataFrame({
        _("Name"): orgs["name"],
        _("Full name"): orgs["full_name"],
        _("Role"): [_(r) for r in orgs["role"]],
        _("Kind"): [_(k) if isinstance(k, str) else k for k in orgs["kind"]],
        _("Founded"): orgs["founded_year"].astype("Int64"),
        _("Headquarters"): [", ".join(x for x in (c if isinstance(c, str) else "",
                                                  country_name(k, fallback=country_names.get(k, k))
                                                  if isinstance(k, str) else "") if x)
                            for c, k in zip(orgs["hq_city"], orgs["hq_country_iso3"])],
        _("Countries covered"): [_coverage_text(r) for r in orgs.itertuples()],
    })
    cols = st.columns([3, 2])
    with cols[0]:
        st.dataframe(table, hide_index=True, width="stretch", height="content", key="arch_orgs",
                     column_config={_("Founded"): st.column_config.NumberColumn(format="%d")})
        st.caption(COVERAGE_NOTE)
    with cols[1]:
        fig = charts.coverage_bars(orgs, title=_("Countries covered per body"),
                                   x_title=_("countries (members and associates)"), partial_label=_("partial list"))
        ui.plot(fig, key="arch_coverage_bars")
        ui.caption(["organizations", "org_membership"], unit=_("countries"),
                   note=_("Hatched: INTERPOL's sourced member list is partial (it has 196 member countries)."))

# -- overlap matrix ---------------------------------------------------------------------------------------
st.subheader(_("Overlaps: countries shared by two bodies"))
overlap = data.org_overlap()
if overlap.empty:
    ui.empty_state(_("No membership data to compare."))
else:
    fig = charts.overlap_heatmap(
        overlap, order=org_names, names=data.org_overlap_countries().assign(
            countries=lambda d: [[_country(c) for c in cs] for cs in d["countries"]]),
        title=_("Countries covered by both bodies (number of countries)"),
        labels={"shared": _("{n} countries shared"), "own": _("{n} countries covered (own coverage)"),
                "none": _("no country shared"), "colorbar": _("countries")})
    ui.plot(fig, key="arch_overlap")
    ui.caption(["organizations", "org_membership"], unit=_("countries"),
               note=_("Each cell counts the countries covered by both the row's and the column's body; the "
                      "diagonal is each body's own coverage (its colour is capped at the largest overlap). Hover a "
                      "cell for the countries. Members and associates only; INTERPOL is left out (partial "
                      "list)."))

# -- several bodies / none --------------------------------------------------------------------------------
coverage = _in_language(data.country_coverage())
multi = coverage[coverage["bodies"] >= 2]
none = coverage[coverage["bodies"] == 0]
left, right = st.columns(2)
with left:
    st.subheader(_("Covered by two or more bodies ({n})").format(n=len(multi)))
    if multi.empty:
        ui.empty_state(_("No country is covered by more than one body."))
    else:
        st.dataframe(multi[["country", "un_region", "bodies", "body_names"]].rename(columns={
            "country": _("Country"), "un_region": _("UN region"), "bodies": _("Bodies"),
            "body_names": _("Covered by")}), hide_index=True, width="stretch", key="arch_multi")
with right:
    st.subheader(_("Covered by none besides INTERPOL ({n})").format(n=len(none)))
    if none.empty:
        ui.empty_state(_("Every country is covered by at least one regional body."))
    else:
        st.dataframe(none[["country", "un_region", "un_subregion"]].sort_values("country").rename(columns={
            "country": _("Country"), "un_region": _("UN region"), "un_subregion": _("UN subregion")}),
            hide_index=True, width="stretch", key="arch_none")
ui.caption(["organizations", "org_membership"],
           note=_("Countries and territories of the warehouse's countries table (every code used by any "
                  "source). Members and associates only."))

# -- map --------------------------------------------------------------------------------------------------
st.subheader(_("How many Dialogue bodies cover each country"))
org = st.columns([1, 2])[0].selectbox(_("Highlight the members of one body"), org_names, index=None, key="org",
                                      bind="query-params", placeholder=_("No highlight"))
highlight = None
members = pd.DataFrame()
if org:
    members = _in_language(data.org_members(org))
    covered = members[members["membership_type"].isin(["member", "associate"])]
    highlight = covered
fig = charts.coverage_map(
    coverage, title=_("Dialogue bodies covering each country (number of bodies)"),
    colorbar_title=_("bodies"), highlight=highlight, highlight_name=org,
    labels={"bodies": _("bodies"), "none": _("none besides INTERPOL"), "gap": _("0 (gap)"),
            "member_of": _("{org}: {type}")})
ui.plot(fig, key="arch_map")
ui.caption(["organizations", "org_membership"], unit=_("number of Dialogue bodies (0, 1, 2, 3 or more)"),
           note=_("The map shows the {n} countries and territories of the warehouse's countries table; places not "
                  "in it are drawn grey without a value, and small states (e.g. Singapore, Bahrain, Malta) are too "
                  "small for this world map: the tables above and below list them.").format(n=len(coverage))
           + (" " + _("Highlighted in colour: members and associates of {org}.").format(org=md_escape(org))
              if org else ""))

if org:
    meta = orgs[orgs["name"] == org].iloc[0]
    n_cov = int(members["membership_type"].isin(["member", "associate"]).sum())
    n_other = len(members) - n_cov
    header = _("{org}: {n} countries covered (member or associate)").format(org=org, n=n_cov)
    if n_other:
        header += " " + _("and {m} partners or observers (not counted as coverage)").format(m=n_other)
    st.markdown("**" + md_escape(header) + "**")
    if not bool(meta["membership_complete"]):
        st.warning(_("{org}'s sourced membership list is partial: only the countries named in the sources read are "
                     "listed.").format(org=md_escape(org)), icon="⚠️")
    if members.empty:
        ui.empty_state(_("{org} has no member countries in the data.").format(org=md_escape(org)),
                       _("UNODC is a UN office, not a membership body."))
    else:
        st.dataframe(members[["country", "membership_type", "since_year", "un_region"]].rename(columns={
            "country": _("Country"), "membership_type": _("Membership"), "since_year": _("Since"),
            "un_region": _("UN region")}), hide_index=True, width="stretch", key="arch_members",
            column_config={_("Since"): st.column_config.NumberColumn(format="%d")})

# -- meetings ---------------------------------------------------------------------------------------------
st.subheader(_("Dialogue meetings"))
meetings = data.dialogue_meetings()
meetings = meetings.assign(country=[country_name(i, fallback=c) if isinstance(i, str) else c
                                    for i, c in zip(meetings["iso3"], meetings["country"])])
if meetings.empty:
    ui.empty_state(_("No meetings loaded."))
else:
    undated = meetings[meetings["start_date"].isna()]
    fig = charts.meetings_timeline(meetings, title=_("Dialogue editions and working-group meetings, by date"),
                                   labels={"edition": _("Dialogue edition"), "working_group": _("Working group"),
                                           "virtual": _("online"), "in_person": _("in person"), "date": _("Date"),
                                           "unknown_venue": _("venue not stated")})
    ui.plot(fig, key="arch_meetings_timeline")
    note = _("Open markers: held online.")
    if len(undated):
        note += " " + _("Not on the timeline because their date is unknown: {eds}.").format(
            eds=md_escape(", ".join(f"{e} ({c})" if isinstance(c, str) else str(e)
                                      for e, c in zip(undated["edition"], undated["city"]))))
    ui.caption(["dialogue_meetings"], note=note)

    def _dates(start, end) -> str:
        if pd.isna(start):
            return _("date unknown")
        day = (lambda d: f"{pd.Timestamp(d):%Y-%m-%d}") if language() == "en" else fmt_date   # ISO in English
        text = day(start)
        if pd.notna(end) and pd.Timestamp(end) != pd.Timestamp(start):
            text += f" – {day(end)}"
        return text

    def _virtual(v) -> str:
        return _("unknown") if pd.isna(v) else (_("yes") if bool(v) else _("no"))

    st.dataframe(pd.DataFrame({
        _("Edition"): meetings["edition"],
        _("Dates"): [_dates(s, e) for s, e in zip(meetings["start_date"], meetings["end_date"])],
        _("Place"): [", ".join(p for p in (c, k) if isinstance(p, str) and p) or "–"
                     for c, k in zip(meetings["city"], meetings["country"])],
        _("Outcomes"): meetings["outcomes"],
        _("Host"): meetings["host"],
        _("Virtual"): [_virtual(v) for v in meetings["virtual"]],
        _("Notes"): meetings["notes"],
    }), hide_index=True, width="stretch", key="arch_meetings",
        column_config={_("Outcomes"): st.column_config.TextColumn(width="large"),
                       _("Notes"): st.column_config.TextColumn(width="medium")})
    ui.caption(["dialogue_meetings"], note=_("Outcomes and notes as recorded from the sources, shown as plain text."))
