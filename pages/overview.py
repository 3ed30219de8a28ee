"""Overview: where things stand and which way they move, at a glance (no filter needed)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import frame, panels, theme, ui
from dashboard.i18n import _, fmt_date, metric_label, unit_label
from dashboard.panels.overview import headlines
from dashboard.text import md_escape

view = frame.view()
q, lang = view.q, view.lang
config = headlines()

st.title(_("Transnational crime: where things stand"))
st.markdown(_("Headline indicators for INTERPOL's seven Global Policing Goals, their trends by region and the "
              "latest operations. World values aggregate reporting countries; years where fewer than half of "
              "the world's population is covered are not used for headlines."))

ind = q.indicators().set_index("indicator_id")
goals = q.goals(lang).set_index("goal_id")
tiles = [t for t in config["tile"] if t["indicator_id"] in ind.index]
cols = st.columns(4)
used_sources = set()
for i, tile in enumerate(tiles):
    meta = ind.loc[tile["indicator_id"]]
    h = q.headline(tile["indicator_id"])
    with cols[i % 4].container(border=True):
        short = goals["short_name"].get(tile["goal_id"])            # a goal missing from the data: its id alone
        st.caption(md_escape(f"{tile['goal_id']} · {_(short)}" if isinstance(short, str) else tile["goal_id"]))
        if h.empty:
            st.metric(md_escape(_(meta["name"])), "–")
            st.caption(_("No year with enough coverage."))
            continue
        latest = h.iloc[0]
        delta = None
        if pd.notna(latest.like_for_like_prev):
            delta = f"{theme.fmt_number(latest.like_for_like_value - latest.like_for_like_prev, meta.measure, lang)} " \
                + _("since {year}").format(year=int(latest.prev_year))
        st.metric(md_escape(_(meta["name"])), theme.fmt_number(latest.value, meta.measure, lang), delta=delta,
                  delta_color={"worse": "inverse", "better": "normal"}.get(meta.direction, "off"),
                  help=md_escape(_(meta["goal_rationale"])))
        st.caption(_("World, {year} · {unit} · {n} of {total} countries · {source}").format(
            year=int(latest.year), unit=md_escape(unit_label(meta.unit)), n=int(latest.countries_reporting),
            total=int(latest.countries_total), source=md_escape(meta.source_publisher)))
        used_sources.add(meta.source_id)
ui.caption(view, used_sources, note=_("Arrows compare with the previous year that had enough coverage; "
                                      "green means an improvement whichever way the number moves."))

trend = ind.loc[config["overview"]["trend_indicator"]] if config["overview"]["trend_indicator"] in ind.index else None
if trend is not None:
    st.subheader(_("{name} by UN region").format(name=md_escape(_(trend["name"]))))
    ui.show(panels.build("overview_multiples", view.filters, lang, q), view)

st.subheader(_("Latest operations"))
ops = q.operations().head(config["overview"]["operations_shown"])
results = q.operation_results()
if ops.empty:
    ui.empty_state(_("No operations loaded."))
else:
    cols = st.columns(3)
    for i, op in enumerate(ops.itertuples()):
        res = results[results.operation_id == op.operation_id].head(3)
        with cols[i % 3].container(border=True):
            st.markdown(f"**{md_escape(op.name)}**")
            st.caption(md_escape(f"{fmt_date(op.start_date, 'month_short')} · {_(op.crime_area or '')} · "
                                 f"{op.goal_id or ''}"))
            for r in res.itertuples():
                st.markdown("- " + md_escape(f"{metric_label(r.metric)}: "
                                             f"{theme.fmt_qualified(r.value, r.qualifier, r.unit, lang)}"))
    ui.caption(view, {"operations", "operation_results"},
               note=_("≈ means the source says 'nearly' or 'about'; ≥ means 'more than' or 'at least'."))
