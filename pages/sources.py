"""Sources: where one indicator comes from — its definition, every source and edition with its licence and
coverage, how many countries report it each year, and how to cite it.

URL parameters: indicator (with goal, sex, age as on Trends).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import frame, panels, pickers, ui
from dashboard.i18n import _, unit_label, year_span
from dashboard.panels import labels
from dashboard.panels.trends import AGGREGATION_NOTES
from dashboard.text import md_escape

view = frame.view()
f, q, lang = view.filters, view.q, view.lang

st.title(_("Sources and coverage"))
st.markdown(_("Where an indicator comes from: what it measures, each source and edition with its licence, "
              "how many countries report it each year, and how to cite it."))

meta = pickers.indicator_picker(view)
pickers.breakdown_pickers(view, meta, st.columns([1, 1, 2])[:2])
ui.indicator_views(view)

st.header(md_escape(_(meta["name"])))
desc = meta.get("description")
st.markdown(md_escape(_(desc) if isinstance(desc, str) and desc else _(meta["name"])))
facts = {
    _("Unit"): unit_label(meta["unit"]),
    _("Direction"): labels.direction_label(meta),
    _("Regional values"): _(AGGREGATION_NOTES.get(meta["aggregation"], "")),
    _("Goal (editorial)"): (f"{meta['goal_id']} · {_(meta['goal_name'])} — {_(meta['goal_rationale'])}"
                            if isinstance(meta["goal_id"], str) else _("context series, no Global Policing Goal")),
    _("Years"): year_span(meta["first_year"], meta["last_year"]) if pd.notna(meta["first_year"]) else "–",
    _("Countries with data"): str(int(meta["countries_with_data"])) if pd.notna(meta["countries_with_data"])
    else "–",
    _("Identifier"): meta["indicator_id"],
}
if meta["technical"]:
    facts[_("Kind")] = _("technical series: describes another series; no regional values")
ui.table(pd.DataFrame({_("Fact"): list(facts), _("Value"): list(facts.values())}), lang=lang, key="sources_facts",
             column_config={_("Value"): st.column_config.TextColumn(width="large")})

st.subheader(_("Sources and editions"))
srcs = q.indicator_sources(f.indicator)
if srcs.empty:
    ui.empty_state(_("No source recorded for this indicator."))
else:
    redistribution = {"allowed": _("allowed"), "restricted": _("restricted"), "unknown": _("unknown")}
    ui.table(pd.DataFrame({
        _("Source"): srcs["title"],
        _("Publisher"): srcs["publisher"],
        _("Preferred"): srcs["preferred"].astype(bool),
        _("Licence"): srcs["license"],
        _("May be republished"): [redistribution.get(r, _("unknown")) for r in srcs["redistribution"]],
        _("Retrieved"): srcs["retrieved"].astype(str).str[:10],
        _("Years"): [year_span(a, b) if pd.notna(a) else "–" for a, b in zip(srcs["first_year"],
                                                                              srcs["last_year"])],
        _("Countries"): srcs["countries_with_data"].astype("Int64"),
        _("Values"): srcs["values_count"].astype("Int64"),
        _("Publisher's own regional estimates"): srcs["publisher_estimates"].astype("Int64"),
        _("Web page"): srcs["url"].where(srcs["url"].fillna("").str.match(r"https?://"), "–"),
    }), lang=lang, key="sources_editions", column_config={
        _("Source"): st.column_config.TextColumn(width="large"),
        _("Web page"): st.column_config.LinkColumn(display_text=_("publisher's page")),
        _("Preferred"): st.column_config.CheckboxColumn(help=_("The values every other view uses; other editions "
                                                               "stay in the warehouse for comparison.")),
        _("Values"): st.column_config.NumberColumn(format="localized"),
    })
    with st.expander(_("What the sources say about themselves")):
        for s in srcs.itertuples():
            st.markdown(f"**{md_escape(s.title)}**")
            st.text(s.notes if isinstance(s.notes, str) and s.notes else _("No notes."))
            if isinstance(s.redistribution_note, str) and s.redistribution_note:
                st.caption(md_escape(s.redistribution_note))

st.subheader(_("Countries reporting each year"))
panel = panels.build("sources_coverage", f, lang, q)
if ui.show(panel, view):
    ui.downloads_row(view, panel, key="sources")
