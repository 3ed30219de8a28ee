"""Dialogue-body profile: one body's members on a map, its headline indicators with coverage, the operations in
its countries and its overlaps with the other bodies.

URL parameter: org (the body's short name, as on the Architecture page: AFRIPOL, EUROPOL, GCC-POL...).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import frame, registry, ui
from dashboard.i18n import _, country_name, n_, unit_label
from dashboard.panels import labels, profiles
from dashboard.panels.architecture import in_language
from dashboard.panels.overview import headlines
from dashboard.text import md_escape
from dashboard.theme import fmt_number, fmt_share

view = frame.view()
f, q, lang = view.filters, view.q, view.lang
orgs = q.organizations(lang)

st.title(_("Dialogue body profile"))
st.selectbox(_("Dialogue body"), orgs["name"].tolist(), key="org", index=None, placeholder=_("Pick a body"),
             help=_("The Dialogue's participants and observers, by their short names."))
if not f.org:
    ui.empty_state(_("Pick a Dialogue body to see its members, headline indicators, operations and overlaps."))
    st.stop()

org = orgs[orgs["name"] == f.org].iloc[0]
st.header(md_escape(f"{org['name']} — {org['full_name']}"))
members = q.org_members(f.org)
counts = members["membership_type"].value_counts()
n_members = int(counts.get("member", 0))
founded = f"{int(org['founded_year'])}" if pd.notna(org["founded_year"]) else "–"
hq = ", ".join(x for x in (org["hq_city"] if isinstance(org["hq_city"], str) else "",
                           country_name(org["hq_country_iso3"]) if isinstance(org["hq_country_iso3"], str) else "")
               if x) or "–"
cols = st.columns(4)
cols[0].metric(_("Member countries"), n_members)
cols[1].metric(_("Associates, partners, observers"), int(len(members) - n_members))
cols[2].metric(_("Founded"), founded)
cols[3].metric(_("Headquarters"), hq)
st.caption(md_escape(" · ".join(_(x) for x in org[["role", "kind"]] if isinstance(x, str))))
if not bool(org["membership_complete"]):
    st.warning(_("{org}'s sourced membership list is partial: only the countries named in the sources read are "
                 "listed, and it is left out of regional aggregates.").format(org=md_escape(f.org)), icon="⚠️")

# -- members ------------------------------------------------------------------------------------------------
st.subheader(n_("{n} member country", "{n} member countries", n_members).format(n=n_members))
panel = profiles.build("body_map", f, lang, q)
if ui.show(panel, view):
    shown = in_language(members)
    ui.table(pd.DataFrame({
        _("Country"): shown["country"], _("Membership"): shown["membership_type"],
        _("Since"): members["since_year"].astype("Int64"), _("UN region"): shown["un_region"],
        _("Profile"): [f"country?iso3={i}" + (f"&lang={lang}" if lang != "en" else "") for i in members["iso3"]],
    }), lang=lang, key="body_members", column_config={
        _("Since"): st.column_config.NumberColumn(format="%d"),
        _("Profile"): st.column_config.LinkColumn(display_text=_("country profile"))})

# -- headline indicators ------------------------------------------------------------------------------------
st.subheader(_("Headline indicators for {org}'s countries").format(org=md_escape(f.org)))
tiles = headlines()["tile"]
choices = q.indicator_choices().set_index("indicator_id")
ids = [t["indicator_id"] for t in tiles if t["indicator_id"] in choices.index]
latest = q.region_latest(ids, "organization", f.org) if f.org in q.organization_names() else pd.DataFrame()
if latest.empty:
    ui.empty_state(_("No regional values for {org}: its member list is partial or empty, so its countries are "
                     "not aggregated.").format(org=md_escape(f.org)))
else:
    latest = latest.set_index("indicator_id")
    rows = []
    for t in tiles:
        i = t["indicator_id"]
        if i not in latest.index:
            continue
        meta, r = choices.loc[i], latest.loc[i]
        rows.append({
            _("Goal"): t["goal_id"], _("Indicator"): _(meta["name"]), _("Year"): int(r["year"]),
            _("Value"): fmt_number(r["value"], meta["measure"], lang), _("Unit"): unit_label(meta["unit"]),
            _("Countries reporting"): _("{n} of {total}").format(n=int(r["countries_reporting"]),
                                                                 total=int(r["countries_total"])),
            _("Population covered"): fmt_share(r["population_covered_share"], lang),
            _("Coverage"): _("thin") if bool(r["thin"]) else _("adequate"),
            _("Direction"): labels.direction_label(meta),
        })
    ui.table(pd.DataFrame(rows), lang=lang, key="body_headlines")
    ui.caption(view, {choices.loc[i, "source_id"] for i in latest.index} | {"population_worldbank",
                                                                              "org_membership"},
               note=_("Each value aggregates the body's member and associate countries that reported, as the region "
                      "values do everywhere (counts summed, rates population-weighted, scores averaged), in the "
                      "latest year in which they hold at least half of the members' population; 'thin' marks a "
                      "value below that."))

# -- operations ---------------------------------------------------------------------------------------------
st.subheader(_("Operations in its countries"))
ops = q.body_operations(f.org)
if ops.empty:
    ui.empty_state(_("No operation in the data lists a country of {org}.").format(org=md_escape(f.org)))
else:
    ui.operations_list(view, ops, key="body_ops",
                       extra={_("Of its countries"): ops["members_taking_part"].astype(int).tolist()})
    st.page_link(registry.BY_PATH["operations"].file, label=_("Their published results on the Operations page"),
                 query_params={"op": ops["operation_id"].tolist()[:registry.MAX_SELECTED]},
                 icon=":material/arrow_forward:")
    ui.caption(view, ["operations", "operation_countries"],
               note=_("An operation is listed when its sources name at least one of the body's member or associate "
                      "countries among the participants; operations whose countries are not named are not."))

# -- overlaps ------------------------------------------------------------------------------------------------
st.subheader(_("Overlaps with the other bodies"))
overlap = q.org_overlap_countries()
overlap = overlap[(overlap["org_a"] == f.org) & (overlap["org_b"] != f.org)].sort_values("shared", ascending=False)
if overlap.empty:
    ui.empty_state(_("{org} shares no member country with another body (INTERPOL left out: partial list).").format(
        org=md_escape(f.org)))
else:
    iso3_of = dict(zip(q.countries()["name"], q.countries()["iso3"]))
    ui.table(pd.DataFrame({
        _("Body"): overlap["org_b"], _("Countries shared"): overlap["shared"].astype(int),
        _("Which"): [", ".join(country_name(iso3_of.get(c, ""), fallback=c) for c in cs)
                     for cs in overlap["countries"]],
        _("Profile"): [f"body?org={o}" + (f"&lang={lang}" if lang != "en" else "") for o in overlap["org_b"]],
    }), lang=lang, key="body_overlap", column_config={
        _("Which"): st.column_config.TextColumn(width="large"),
        _("Profile"): st.column_config.LinkColumn(display_text=_("body profile"))})
    ui.caption(view, ["org_membership", "organizations"],
               note=_("Members and associates only, as on the Architecture page."))
