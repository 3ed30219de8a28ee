"""Architecture: the Dialogue's own question — where do the policing bodies overlap, and where are the gaps?

URL parameters: org (short name of one Dialogue body whose members are highlighted on the map; default none).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import frame, panels, theme, ui
from dashboard.i18n import _, country_name, fmt_date, n_
from dashboard.panels.architecture import in_language
from dashboard.text import md_escape

COVERAGE_NOTE = _("Coverage counts member and associate countries only: Europol's partners and the SCO's observer "
                  "states are not counted. INTERPOL is left out of overlaps and counts because its sourced "
                  "membership list is partial; UNODC is a UN office without member countries.")

view = frame.view()
f, q, lang = view.filters, view.q, view.lang
orgs = q.organizations(lang)
org_names = orgs["name"].tolist()

st.title(_("Policing architecture: overlaps and gaps"))
st.markdown(_("The Dialogue brings INTERPOL and the regional policing bodies together to align strategies and to "
              "find overlaps and gaps between them. This page shows who takes part, which countries several "
              "bodies cover at once, which countries no regional body covers, and when the Dialogue met."))

# -- participants and observers ---------------------------------------------------------------------------
st.subheader(_("Participants and observers"))
if orgs.empty:
    ui.empty_state(_("No organizations loaded."), _("Rebuild the warehouse with `make etl`."))
else:
    country_names = q.countries().set_index("iso3")["name"].to_dict()

    def _coverage_text(row) -> str:
        if not row.membership_complete:
            return _("partial: {n} sourced members").format(n=int(row.countries_covered))
        if row.countries_covered == 0:
            return _("no member countries")
        return theme.fmt_number(int(row.countries_covered), "count", lang)

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
        _("Profile"): [f"body?org={o}" + (f"&lang={lang}" if lang != "en" else "") for o in orgs["name"]],
    })
    cols = st.columns([3, 2])
    with cols[0]:
        ui.table(table, lang=lang, height="content", key="arch_orgs",
                 column_config={_("Founded"): st.column_config.NumberColumn(format="%d"),
                                _("Profile"): st.column_config.LinkColumn(display_text=_("body profile"))})
        st.caption(COVERAGE_NOTE)
        ui.download_csv(pd.DataFrame({
            "org_id": orgs["org_id"], "name": orgs["name"], "full_name": orgs["full_name"], "role": orgs["role"],
            "kind": orgs["kind"], "founded_year": orgs["founded_year"].astype("Int64"),
            "hq_city": orgs["hq_city"], "hq_country_iso3": orgs["hq_country_iso3"],
            "countries_covered": orgs["countries_covered"].astype("Int64"),
            "membership_complete": orgs["membership_complete"].astype(bool),
            "source_url": orgs["source_url"]}), "dialogue_bodies.csv",
            label=_("Download the bodies (CSV)"), key="arch_orgs_csv")
    with cols[1]:
        ui.show(panels.build("arch_coverage_bars", f, lang, q), view)

# -- overlap matrix ---------------------------------------------------------------------------------------
st.subheader(_("Overlaps: countries shared by two bodies"))
ui.show(panels.build("arch_overlap", f, lang, q), view)

# -- several bodies / none --------------------------------------------------------------------------------
arch_map = panels.build("arch_map", f, lang, q)
coverage = arch_map.extra["coverage"]
multi = coverage[coverage["bodies"] >= 2]
none = coverage[coverage["bodies"] == 0]
left, right = st.columns(2)
with left:
    st.subheader(_("Covered by two or more bodies ({n})").format(n=len(multi)))
    if multi.empty:
        ui.empty_state(_("No country is covered by more than one body."))
    else:
        ui.table(multi[["country", "un_region", "bodies", "body_names"]].rename(columns={
            "country": _("Country"), "un_region": _("UN region"), "bodies": _("Bodies"),
            "body_names": _("Covered by")}), lang=lang, key="arch_multi")
with right:
    st.subheader(_("Covered by none besides INTERPOL ({n})").format(n=len(none)))
    if none.empty:
        ui.empty_state(_("Every country is covered by at least one regional body."))
    else:
        ui.table(none[["country", "un_region", "un_subregion"]].sort_values("country").rename(columns={
            "country": _("Country"), "un_region": _("UN region"), "un_subregion": _("UN subregion")}),
            lang=lang, key="arch_none")
ui.download_csv(coverage[["iso3", "country", "un_region", "un_subregion", "bodies", "body_names"]].assign(
    counted=_("members and associates of bodies with a complete sourced list; INTERPOL left out")),
    "dialogue_coverage_by_country.csv", label=_("Download coverage by country (CSV)"), key="arch_coverage_csv")
ui.caption(view, ["organizations", "org_membership"],
           note=_("Countries and territories of the warehouse's countries table (every code used by any "
                  "source). Members and associates only."))

# -- map --------------------------------------------------------------------------------------------------
st.subheader(_("How many Dialogue bodies cover each country"))
st.columns([1, 2])[0].selectbox(_("Highlight the members of one body"), org_names, index=None, key="org",
                                placeholder=_("No highlight"))
ui.show(arch_map, view)
org = f.org
members = in_language(q.org_members(org)) if org else None

if org:
    meta = orgs[orgs["name"] == org].iloc[0]
    n_cov = int(q.org_members(org)["membership_type"].isin(["member", "associate"]).sum())
    n_other = len(members) - n_cov
    header = n_("{org}: {n} country covered (member or associate)", "{org}: {n} countries covered (member or "
                "associate)", n_cov).format(org=org, n=n_cov)
    if n_other:
        header += " " + n_("and {m} partner or observer (not counted as coverage)", "and {m} partners or observers "
                           "(not counted as coverage)", n_other).format(m=n_other)
    st.markdown("**" + md_escape(header) + "**")
    if not bool(meta["membership_complete"]):
        st.warning(_("{org}'s sourced membership list is partial: only the countries named in the sources read are "
                     "listed.").format(org=md_escape(org)), icon="⚠️")
    if members.empty:
        ui.empty_state(_("{org} has no member countries in the data.").format(org=md_escape(org)),
                       _("UNODC is a UN office, not a membership body."))
    else:
        ui.table(members[["country", "membership_type", "since_year", "un_region"]].rename(columns={
            "country": _("Country"), "membership_type": _("Membership"), "since_year": _("Since"),
            "un_region": _("UN region")}), lang=lang, key="arch_members",
            column_config={_("Since"): st.column_config.NumberColumn(format="%d")})

# -- meetings ---------------------------------------------------------------------------------------------
st.subheader(_("Dialogue meetings"))
timeline = panels.build("arch_meetings_timeline", f, lang, q)
if ui.show(timeline, view):
    meetings = timeline.extra["meetings"]

    def _dates(start, end) -> str:
        if pd.isna(start):
            return _("date unknown")
        day = (lambda d: f"{pd.Timestamp(d):%Y-%m-%d}") if lang == "en" else fmt_date   # ISO in English
        text = day(start)
        if pd.notna(end) and pd.Timestamp(end) != pd.Timestamp(start):
            text += f" – {day(end)}"
        return text

    def _virtual(v) -> str:
        return _("unknown") if pd.isna(v) else (_("yes") if bool(v) else _("no"))

    ui.table(pd.DataFrame({
        _("Edition"): meetings["edition"],
        _("Dates"): [_dates(s, e) for s, e in zip(meetings["start_date"], meetings["end_date"])],
        _("Place"): [", ".join(p for p in (c, k) if isinstance(p, str) and p) or "–"
                     for c, k in zip(meetings["city"], meetings["country"])],
        _("Outcomes"): meetings["outcomes"],
        _("Host"): meetings["host"],
        _("Virtual"): [_virtual(v) for v in meetings["virtual"]],
        _("Notes"): meetings["notes"],
    }), lang=lang, key="arch_meetings",
        column_config={_("Outcomes"): st.column_config.TextColumn(width="large"),
                       _("Notes"): st.column_config.TextColumn(width="medium")})
    ui.caption(view, ["dialogue_meetings"], note=_("Outcomes and notes as recorded from the sources, shown as plain text."))
