"""Country profile: every indicator a country reports with its latest value, data year and trend beside its UN
subregion and the world; the Dialogue bodies it belongs to; the operations it took part in with their results.
Printable.

URL parameters: iso3 (the country, e.g. NER), indicator (the indicator drawn beside the subregion and world).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import frame, registry, ui
from dashboard.i18n import _, country_name, metric_label, n_, region_name, unit_label
from dashboard.panels import caveats, profiles
from dashboard.pickers import CONTEXT_GOAL, TECHNICAL
from dashboard.text import md_escape
from dashboard.theme import fmt_change, fmt_number, fmt_qualified

view = frame.view()
f, q, lang = view.filters, view.q, view.lang
countries = q.countries()
names = {i: country_name(i, fallback=n) for i, n in zip(countries["iso3"], countries["name"])}

st.title(_("Country profile"))
st.selectbox(_("Country"), sorted(names, key=names.get), key="iso3", index=None, format_func=names.get,
             placeholder=_("Pick a country"), filter_mode="contains")
if not f.iso3:
    ui.empty_state(_("Pick a country to see every indicator it reports beside its region and the world, the "
                     "Dialogue bodies it belongs to and the operations it took part in."))
    st.stop()
ui.printable()
place = countries.set_index("iso3").loc[f.iso3]
name = names[f.iso3]
st.header(md_escape(name))
st.caption(md_escape(f"{region_name(place['un_region'])} · {region_name(place['un_subregion'])} · ISO3 {f.iso3}")
           + "  \n" + _("To print this profile, use your browser's Print (Ctrl+P): the sidebar is left out."))

# -- Dialogue bodies ----------------------------------------------------------------------------------------
bodies = q.country_memberships(f.iso3)
if bodies.empty:
    st.markdown(_("**Dialogue bodies:** none besides INTERPOL in the sourced membership lists."))
else:
    links = [f"[{md_escape(b.organization)}](body?org={b.organization}{'&lang=' + lang if lang != 'en' else ''})"
             + f" ({md_escape(_(b.membership_type))}"
             + (f", {int(b.since_year)}" if pd.notna(b.since_year) else "") + ")" for b in bodies.itertuples()]
    st.markdown(_("**Dialogue bodies:**") + " " + ", ".join(links))

# -- indicators ---------------------------------------------------------------------------------------------
profile = q.country_profile(f.iso3)
choices = q.indicator_choices().set_index("indicator_id")
st.subheader(n_("{n} indicator reported", "{n} indicators reported", len(profile)).format(n=len(profile)))
if profile.empty:
    ui.empty_state(_("No indicator has a value for {country}.").format(country=md_escape(name)))
else:
    goals = q.goals(lang)
    goal_names = {g: f"{g} · {_(s)}" for g, s in zip(goals["goal_id"], goals["short_name"])}
    goal_names[CONTEXT_GOAL] = _("Context (no goal)")
    goal_names[TECHNICAL] = _("Technical series (ranks, sources, errors)")
    profile = profile.assign(goal_key=profile["indicator_id"].map(choices["goal_key"]))
    sub_name = region_name(place["un_subregion"])
    cols = {"indicator": _("Indicator"), "year": _("Year"), "value": _("Value"), "unit": _("Unit"),
            "change": _("Change"), "trend": _("Last 15 years"), "subregion": sub_name,
            "subregion_change": _("{region}: change (like-for-like)").format(region=sub_name),
            "world": region_name("World"),
            "world_change": _("{region}: change (like-for-like)").format(region=region_name("World")),
            "caveats": _("Caveats")}
    cell = {"estimate": _("publisher's estimate"), "thin": _("(thin)"), "since": _("{change} since {year}")}
    all_caveats = q.country_caveats(f.iso3)
    shown_caveats = []

    for key in [*sorted(k for k in profile["goal_key"].unique() if k not in (CONTEXT_GOAL, TECHNICAL)),
                CONTEXT_GOAL, TECHNICAL]:
        part = profile[profile["goal_key"] == key]
        if part.empty:
            continue
        st.markdown(f"**{md_escape(goal_names.get(key, key))}**")
        rows = []
        for r in part.itertuples():
            meta = choices.loc[r.indicator_id]
            m = meta["measure"]
            change = "–" if pd.isna(r.prev_value) else _("{change} since {year}").format(
                change=fmt_change(r.value - r.prev_value, m, lang), year=int(r.prev_year))
            applied = caveats.caveats_from(profiles.row_caveats(
                all_caveats, r.indicator_id, meta["source_id"], int(r.prev_year) if pd.notna(r.prev_year)
                else int(r.year), int(r.year)), lang)
            shown_caveats += applied
            rows.append({
                cols["indicator"]: _(meta["name"]) + (f" ({unit_label(meta['unit'])})" if meta["name_repeats"]
                                                      else ""),
                cols["year"]: int(r.year), cols["value"]: fmt_number(r.value, m, lang),
                cols["unit"]: unit_label(meta["unit"]), cols["change"]: change,
                cols["trend"]: [float(v) for v in r.recent],
                cols["subregion"]: profiles.regional_cell(r.subregion_value, r.subregion_kind, r.subregion_reporting,
                                                          r.subregion_countries, r.subregion_adequate, m, lang, cell),
                cols["subregion_change"]: profiles.regional_change(r.subregion_prev_year, r.subregion_lfl_prev,
                                                                   r.subregion_lfl_value, r.subregion_both,
                                                                   r.subregion_kind, m, lang, cell),
                cols["world"]: profiles.regional_cell(r.world_value, r.world_kind, r.world_reporting,
                                                      r.world_countries, r.world_adequate, m, lang, cell),
                cols["world_change"]: profiles.regional_change(r.world_prev_year, r.world_lfl_prev,
                                                               r.world_lfl_value, r.world_both, r.world_kind, m,
                                                               lang, cell),
                cols["caveats"]: ", ".join(dict.fromkeys(c.label for c in applied)) or "–",
            })
        ui.table(pd.DataFrame(rows), lang=lang, key=f"country_{key}", column_config={
            cols["year"]: st.column_config.NumberColumn(format="%d", width="small"),
            cols["value"]: st.column_config.TextColumn(alignment="right"),
            cols["trend"]: st.column_config.LineChartColumn(width="small", help=_(
                "The country's own values over the fifteen years to its latest (years without a value are "
                "skipped).")),
            cols["indicator"]: st.column_config.TextColumn(width="large"),
        })
    ui.caveat_badges(tuple({c.caveat_id: c for c in shown_caveats}.values()), key="country_caveats")
    ui.caption(view, set(choices.loc[profile["indicator_id"], "source_id"]) | {"population_worldbank"},
               note=_("Latest year with a value, sex and age total, from the preferred source. Change: against the "
                      "country's previous reported year. {subregion} and {world}: the region's value in the same "
                      "year: the publisher's own estimate where it gives one, else the aggregate of the countries "
                      "that reported (how many, of the region's countries, in brackets; thin below adequate "
                      "coverage). Their change compares with the region's previous reported year on the countries "
                      "reporting in both years (like-for-like), or between the publisher's estimates.").format(
                   subregion=md_escape(sub_name), world=md_escape(region_name("World"))))

    st.subheader(_("One indicator beside {subregion} and the world").format(subregion=md_escape(sub_name)))
    options = [i for i in choices.index if i in set(profile["indicator_id"]) and not choices.loc[i, "technical"]]
    st.selectbox(_("Indicator"), options, key="indicator", format_func=lambda i: _(choices.loc[i, "name"]) + (
        f" ({unit_label(choices.loc[i, 'unit'])})" if choices.loc[i, "name_repeats"] else ""), filter_mode="contains")
    panel = profiles.build("country_chart", f, lang, q)
    if ui.show(panel, view):
        ui.downloads_row(view, panel, key="country")

# -- operations ---------------------------------------------------------------------------------------------
st.subheader(_("Operations it took part in"))
ops = q.country_operations(f.iso3)
if ops.empty:
    ui.empty_state(_("No operation in the data lists {country} among its participants.").format(
        country=md_escape(name)))
else:
    results = q.operation_results_for(ops["operation_id"].tolist())
    ui.operations_list(view, ops, key="country_ops", extra={_("Published results"): [
        "; ".join(f"{metric_label(x.metric)}: {fmt_qualified(x.value, x.qualifier, x.unit, lang)}"
                  for x in results[results["operation_id"] == o].itertuples()) or "–" for o in ops["operation_id"]]},
        column_config={_("Published results"): st.column_config.TextColumn(width="large")})
    st.page_link(registry.BY_PATH["operations"].file, label=_("These operations on the Operations page"),
                 query_params={"op": ops["operation_id"].tolist()[:registry.MAX_SELECTED]},
                 icon=":material/arrow_forward:")
    ui.caption(view, ["operations", "operation_countries", "operation_results"],
               note=_("Results are the operation's own totals, for all its participating countries together, as "
                      "its sources publish them (≈ nearly or about, ≥ at least); they are not this country's "
                      "share."))
