"""Overview: where things stand and which way they move, at a glance (no filter needed)."""
from __future__ import annotations

import tomllib
from pathlib import Path

import streamlit as st

from dashboard import charts, data, theme, ui
from dashboard.i18n import _, fmt_date, language, metric_label, region_name, unit_label

ui.require_frame()

CONFIG = tomllib.loads((Path(__file__).resolve().parent.parent / "dashboard" / "headlines.toml").read_text())

st.title(_("Transnational crime: where things stand"))
st.markdown(_("Headline indicators for INTERPOL's seven Global Policing Goals, their trends by region and the "
              "latest operations. World values aggregate reporting countries; years where fewer than half of "
              "the world's population is covered are not used for headlines."))

ind = data.indicators().set_index("indicator_id")
goals = data.goals().set_index("goal_id")

tiles = [t for t in CONFIG["tile"] if t["indicator_id"] in ind.index]
cols = st.columns(4)
used_sources = set()
for i, tile in enumerate(tiles):
    meta = ind.loc[tile["indicator_id"]]
    h = data.headline(tile["indicator_id"])
    with cols[i % 4].container(border=True):
        st.caption(ui.md_escape(f"{tile['goal_id']} · {_(goals.loc[tile['goal_id'], 'short_name'])}"))
        if h.empty:
            st.metric(ui.md_escape(_(meta["name"])), "–")
            st.caption(_("No year with enough coverage."))
            continue
        latest = h.iloc[0]
        delta = None
        if len(h) > 1:
            prev = h.iloc[1]
            delta = f"{theme.fmt_number(latest.value - prev.value, meta.measure, language())} " + \
                _("since {year}").format(year=int(prev.year))
        st.metric(ui.md_escape(_(meta["name"])), theme.fmt_number(latest.value, meta.measure, language()), delta=delta,
                  delta_color="inverse" if meta.higher_is_worse else "normal",
                  help=ui.md_escape(_(meta["goal_rationale"])))
        st.caption(_("World, {year} · {unit} · {n} of {total} countries · {source}").format(
            year=int(latest.year), unit=ui.md_escape(unit_label(meta.unit)), n=int(latest.countries_reporting),
            total=int(latest.countries_total), source=ui.md_escape(meta.source_publisher)))
        used_sources.add(meta.source_id)
ui.caption(used_sources, note=_("Arrows compare with the previous year that had enough coverage; "
                                "green means an improvement whichever way the number moves."))

cfg = CONFIG["overview"]
trend_id = cfg["trend_indicator"]
if trend_id in ind.index:
    meta = ind.loc[trend_id]
    st.subheader(_("{name} by UN region").format(name=ui.md_escape(_(meta["name"]))))
    regions = data.regions(cfg["trend_scheme"])
    df = data.region_series(trend_id, cfg["trend_scheme"], regions, cfg["trend_from"], 2100)
    if df.empty:
        ui.empty_state(_("No regional values for this indicator yet."))
    else:
        fig = charts.small_multiples(df, facet_col="region", title=_("{name}, {unit}").format(
            name=_(meta["name"]), unit=unit_label(meta.unit)), y_title=unit_label(meta.unit), measure=meta.measure,
            labels={"coverage": _("{n} of {total} countries reporting"), "population": _("{share} of population")},
            display={r: region_name(r) for r in regions}, locale=language())
        ui.plot(fig, key="overview_multiples")
        ui.caption([meta.source_id, "population_worldbank"], unit=meta.unit,
                   note=_("Population-weighted mean of reporting countries. Open markers: fewer than half of the "
                          "region's population covered that year."))

st.subheader(_("Latest operations"))
ops = data.operations().head(cfg["operations_shown"])
results = data.operation_results()
if ops.empty:
    ui.empty_state(_("No operations loaded."))
else:
    cols = st.columns(3)
    for i, op in enumerate(ops.itertuples()):
        res = results[results.operation_id == op.operation_id].head(3)
        with cols[i % 3].container(border=True):
            st.markdown(f"**{ui.md_escape(op.name)}**")
            st.caption(ui.md_escape(f"{fmt_date(op.start_date, 'month_short')} · {_(op.crime_area or '')} · "
                                    f"{op.goal_id or ''}"))
            for r in res.itertuples():
                st.markdown("- " + ui.md_escape(f"{metric_label(r.metric)}: "
                                                f"{theme.fmt_qualified(r.value, r.qualifier, r.unit, language())}"))
    ui.caption({"operations", "operation_results"},
               note=_("≈ means the source says 'nearly' or 'about'; ≥ means 'more than' or 'at least'."))
