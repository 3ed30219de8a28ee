"""Overview: where things stand and which way they move, at a glance (no filter needed)."""
from __future__ import annotations

import streamlit as st

from dashboard import frame, panels, theme, ui
from dashboard.i18n import _, fmt_date, metric_label
from dashboard.panels.overview import headlines, overview_tiles, tile_table
from dashboard.text import md_escape

TILES_PER_ROW = 4

view = frame.view()
q, lang = view.q, view.lang
config = headlines()

st.title(_("Transnational crime: where things stand"))
st.markdown(_("Headline indicators for INTERPOL's seven Global Policing Goals, their trends by region and the "
              "latest operations. Each value is the publisher's own estimate where it gives one, else the "
              "aggregate of the countries that reported; each states the year of its data. Changes compare the "
              "same countries in both years."))


def draw_tile(t) -> None:
    with st.container(border=True, key=f"tile_{t.goal_id}"):
        st.caption(md_escape(t.goal))
        st.markdown(f"**{md_escape(t.title)}**", help=md_escape(t.help) if t.help else None)
        if t.empty:
            st.metric(md_escape(t.title), "–", label_visibility="collapsed")
            st.caption(md_escape(t.empty))
            return
        # the metric's delta is the change alone (a long delta is cut off); the sentence saying on what it is
        # computed is written in full under it
        st.metric(md_escape(t.title), t.value, delta=md_escape(t.delta) if t.delta else None,
                  delta_color=t.colour, delta_arrow="off", label_visibility="collapsed")
        if t.change:
            st.caption(md_escape(t.change))
        st.caption(md_escape(_("World · {year} data · {unit}").format(year=t.year, unit=t.unit)))
        st.caption(md_escape(t.estimate + (f" · {t.coverage}" if t.coverage else "")))
        if t.figure is not None:
            ui.plot(t.figure, f"spark_{t.goal_id}", lang=lang)
        if t.alternative:
            with st.expander(_("Aggregate of the reporting countries"), key=f"alt_{t.goal_id}"):
                st.text(t.alternative)
        ui.caveat_badges(t.caveats, key=f"tile_{t.goal_id}_caveats")


tiles = overview_tiles(lang, q)
used_sources = set()
for start in range(0, len(tiles), TILES_PER_ROW):            # one row of columns at a time: goal order at any width
    cols = st.columns(TILES_PER_ROW)
    for col, t in zip(cols, tiles[start:start + TILES_PER_ROW]):
        with col:
            draw_tile(t)
        used_sources.update(t.sources)
ui.download_csv(tile_table(tiles), "overview_tiles.csv", label=_("Download these figures (CSV)"),
                key="overview_tiles_csv")
years = [t.year for t in tiles if t.year]
ui.caption(view, used_sources, years=(min(years), max(years)) if years else None,
           note=_("Each tile's change compares the same countries in both years (like for like), or the "
                  "publisher's own estimates of both years. Green: an improvement; red: a deterioration; grey: "
                  "the indicator has no good or bad direction (it measures detection or enforcement), or there "
                  "is no change. Sparklines: about ten years; dashed segments and open markers are breaks, "
                  "partial years or thin coverage, not trends; each sparkline has its own scale."))

trend = config["overview"]["trend_indicator"]
meta = q.indicator(trend)
if meta is not None:
    st.subheader(_("{name} by UN region").format(name=md_escape(_(meta["name"]))))
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
