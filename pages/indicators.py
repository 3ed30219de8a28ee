"""Indicator catalogue: every indicator with its definition, unit, source and licence, years, countries per
year, goal, direction and caveats; technical series listed apart. A row opens the indicator.

URL parameters: q (search text), goal (GPG1..GPG7: that goal's indicators only).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import downloads, frame, registry, tables, ui
from dashboard.i18n import _, n_, unit_label
from dashboard.panels import labels
from dashboard.text import md_escape

view = frame.view()
f, q, lang = view.filters, view.q, view.lang
cat = q.indicator_catalogue()
goals = q.goals(lang)
goal_labels = labels.goal_labels(goals)

st.title(_("Indicator catalogue"))
st.markdown(_("Every indicator in the warehouse: what it measures, its unit, which Global Policing Goal it is "
              "filed under (the project's editorial classification), which way is better, where it comes from "
              "and under which licence, the years it covers and how many countries report it each year. Select "
              "a row to open the indicator."))

c1, c2 = st.columns([2, 1])
c1.text_input(_("Search indicators"), key="q", max_chars=registry.MAX_TEXT,
              placeholder=_("e.g. homicide, trafficking, corruption"),
              help=_("Matches the name, definition, identifier or publisher; separate several words with commas "
                     "to find any of them."))
c2.selectbox(_("Global Policing Goal"), goals["goal_id"].tolist(), index=None, key="goal",
             placeholder=_("All goals"), format_func=lambda g: goal_labels.get(g, g))

names = {i: _(n) + (f" ({unit_label(u)})" if r else "") for i, n, u, r in zip(
    cat["indicator_id"], cat["name"], cat["unit"], cat.duplicated("name", keep=False))}
shown = cat.assign(label=cat["indicator_id"].map(names),
                   description=[_(d) if isinstance(d, str) and d else d for d in cat["description"]])
if f.goal:
    shown = shown[shown["goal_id"] == f.goal]
terms = f.terms()
if terms:          # in Python: names and definitions are matched as the viewer reads them (translated)
    text = (shown["label"] + " " + shown["description"].fillna("") + " " + shown["indicator_id"] + " "
            + shown["source_publisher"] + " " + shown["name"]).str.lower()
    shown = shown[[any(t in s for t in terms) for s in text]]

columns = {"indicator": _("Indicator"), "goal": _("Goal"), "unit": _("Unit"), "direction": _("Direction"),
           "years": _("Years"), "countries": _("Most countries in a year"), "per_year": _("Countries per year"),
           "source": _("Publisher"), "license": _("Licence"), "definition": _("Definition"),
           "chart": _("Chart"), "sources": _("Sources"), "id": _("Identifier")}
column_config = {
    columns["per_year"]: st.column_config.BarChartColumn(
        help=_("Countries with a value in each year, from the first year to the last (sex and age: total)."),
        y_min=0),
    columns["countries"]: st.column_config.NumberColumn(format="%d"),
    columns["definition"]: st.column_config.TextColumn(width="large"),
    columns["chart"]: st.column_config.LinkColumn(display_text=_("open chart")),
    columns["sources"]: st.column_config.LinkColumn(display_text=_("sources")),
    columns["indicator"]: st.column_config.TextColumn(width="large"),
}


def catalogue(df: pd.DataFrame, key: str):
    table = tables.catalogue_table(
        df, columns=columns, names=dict(zip(df["indicator_id"], df["label"])), goal_labels=goal_labels,
        directions={i: labels.direction_label(r) for i, r in zip(df["indicator_id"], df.to_dict("records"))},
        units={i: unit_label(u) for i, u in zip(df["indicator_id"], df["unit"])})
    return ui.table(table, lang=lang, key=key, column_config=column_config,
                        on_select="rerun", selection_mode="single-row"), table


main = shown[~shown["technical"]]
technical = shown[shown["technical"]]
st.markdown(n_("**{n}** indicator matches.", "**{n}** indicators match.", len(main)).format(n=len(main))
            + " " + n_("{k} technical series is listed apart.", "{k} technical series are listed apart.",
                       len(technical)).format(k=len(technical)))
if main.empty:
    ui.empty_state(_("No indicator matches this search."), _("Clear the search or the goal."))
    picked = None
else:
    event, table = catalogue(main, "catalogue")
    rows = event.selection.rows if event is not None else []
    picked = main.iloc[rows[0]]["indicator_id"] if rows else None

if picked is not None:
    st.markdown("**" + md_escape(names[picked]) + "**")
    links = st.columns(5)
    for col, (path, label) in zip(links, (("trends", _("Chart")), ("map", _("Map")), ("table", _("Table by year")),
                                          ("sources", _("Sources and coverage")), ("rankings", _("Rankings")))):
        col.page_link(registry.BY_PATH[path].file, label=label, query_params={"indicator": picked},
                      icon=":material/arrow_forward:")
else:
    st.caption(_("Select a row (the box at its left) to open the indicator as a chart, map, table, its sources or "
                 "its rankings; the links in the Chart and Sources columns open them too."))

st.subheader(_("Technical series"))
st.caption(_("Series that describe another one rather than measure crime: the CPI's rank, its number of sources "
             "and its standard error. They are kept out of the goals' lists in the pickers (grouped under "
             "'Technical series') and have no regional values."))
if technical.empty:
    ui.empty_state(_("No technical series matches this search."))
else:
    catalogue(technical, "catalogue_technical")

sources = q.sources().set_index("source_id")
export = pd.DataFrame({
    "indicator_id": shown["indicator_id"], "indicator": shown["label"], "goal_id": shown["goal_id"],
    "series_kind": ["technical" if t else "indicator" for t in shown["technical"]],
    "unit": shown["unit"], "measure": shown["measure"], "aggregation": shown["aggregation"],
    "direction": [labels.direction(r) for r in shown.to_dict("records")],
    "first_year": shown["first_year"], "last_year": shown["last_year"],
    "most_countries": shown["most_countries"],
    "countries_per_year": [";".join(f"{y0 + i}:{n}" for i, n in enumerate(c)) if isinstance(y0, (int, float))
                           and pd.notna(y0) else "" for y0, c in zip(shown["count_first_year"],
                                                                    shown["countries_per_year"])],
    "definition": shown["description"],
    **{k: [downloads.source_fields(sources.loc[s])[k] for s in shown["source_id"]]
       for k in ("source", "license", "retrieved")},
    "url": shown["source_url"],
})
export["citation"] = [downloads.citation(publisher=sources.loc[s, "publisher"], title=sources.loc[s, "title"],
                                         years=None, retrieved=sources.loc[s, "retrieved"],
                                         url=u if str(u).startswith("http") else None)
                      for s, u in zip(shown["source_id"], shown["source_url"])]
ui.download_csv(export, "indicator_catalogue.csv", label=_("Download the catalogue (CSV)"), key="catalogue_csv")
ui.caption(view, {"indicator_goals"},
           note=_("Each row names its own publisher and licence; the download adds the retrieval date, the "
                  "publisher's page and a citation per indicator. Goals are the project's editorial "
                  "classification (Data page). Countries per year count the countries with a value from the "
                  "preferred source, sex and age total."))
