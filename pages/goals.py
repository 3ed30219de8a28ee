"""Goals: INTERPOL's seven Global Policing Goals, each with its indicators (latest regional values), its
operations and its Sustainable Development Goals.

URL parameter: goal (GPG1..GPG7, default GPG1).
"""
from __future__ import annotations

import re
from urllib.parse import quote

import streamlit as st

from dashboard import downloads, frame, reference, tables, ui
from dashboard.i18n import DEFAULT, LANGUAGES, _, region_name, unit_label
from dashboard.text import md_escape

view = frame.view()
q, lang = view.q, view.lang
goals = q.goals(lang)
indicators = q.indicators()
operations = q.operations()
goal_ids = goals["goal_id"].tolist()
short = {g: _(n) if isinstance(n, str) and n else str(g) for g, n in zip(goals["goal_id"], goals["short_name"])}

st.title(_("Global Policing Goals"))
st.markdown(_("INTERPOL's seven Global Policing Goals frame its priorities. For each goal: what it covers, the "
              "indicators this dashboard files under it with their latest values by region, the operations "
              "classified under it, and the UN Sustainable Development Goals it supports."))

if goals.empty:
    ui.empty_state(_("No goals loaded."), _("Rebuild the warehouse with `python -m etl`."))
    st.stop()

# -- the seven goals at a glance ----------------------------------------------------------------------
overview_cols = {"goal": _("Goal"), "name": _("Short name"), "title": _("Title"),
                 "indicators": _("Indicators"), "operations": _("Operations"), "sdgs": _("SDGs")}
ui.table(tables.goals_overview(goals, indicators, operations, columns=overview_cols, short_names=short),
             lang=lang)
ui.caption(view, ["global_policing_goals", "indicator_goals", "operations"],
           note=_("Titles and descriptions of goals 1 to 3 are from interpol.int; the titles of goals 4 to 7 come "
                  "from a 2018 news article (Homeland Preparedness News) and their descriptions are one-line "
                  "summaries. Indicator counts follow the project's editorial classification; operation counts "
                  "the curator's classification by crime area."))

# -- one goal ---------------------------------------------------------------------------------------
st.selectbox(_("Goal"), goal_ids, key="goal", help="\n".join(f"- {md_escape(g)} · {md_escape(short[g])}" for g in goal_ids))
gid = view.filters.goal
goal = goals[goals["goal_id"] == gid].iloc[0]

st.header(md_escape(f"{gid} · {short[gid]}"))
st.markdown("**" + md_escape(goal["title"]) + "**")
st.markdown(md_escape(goal["description"]))
if isinstance(goal["source_url"], str) and goal["source_url"].startswith(("http://", "https://")):
    st.page_link(goal["source_url"], label=_("Source of this goal's title and description"))
if lang != DEFAULT:
    wording = q.translations(lang)
    wording = wording[(wording["kind"] == "goal") & (wording["id"] == gid) & (wording["field"] == "title")]
    if len(wording) and bool(wording["official"].iloc[0]):
        st.caption(_("Title in INTERPOL's official {language} wording.").format(language=LANGUAGES[lang]))
        page = wording["source_url"].iloc[0]
        if isinstance(page, str) and page.startswith(("http://", "https://")):      # data: a link only to the web
            st.page_link(page, label=_("INTERPOL's page in this language"))
    else:
        st.caption(_("Title: this project's translation of the English title (no official {language} wording "
                     "could be read). Short names and descriptions are always the project's translations.").format(
            language=LANGUAGES[lang]))
elif "interpol.int" not in str(goal["source_url"]):
    st.caption(_("This goal's title comes from a 2018 news article, not from INTERPOL's own page."))

sdgs = reference.sdg_links(goal["related_sdgs"])
if sdgs:
    st.markdown(_("**Sustainable Development Goals it supports:**") + " " + " · ".join(
        f"[SDG {n}: {_(name)}]({url})" for n, name, url in sdgs))
    sdg = reference.sdg_source()
    st.caption(_("As stated by INTERPOL for every Global Policing Goal. Links open the UN's SDG pages.") + " "
               + _("Source") + ": " + md_escape(f"{sdg['title']} ({sdg['publisher']}; {sdg['license']})."))

# -- indicators ---------------------------------------------------------------------------------------
st.subheader(_("Indicators (editorial classification)"))
st.info(_("Which goal an indicator serves is this project's own editorial classification, not INTERPOL's. The "
          "'Why this goal' column gives the rationale for each indicator."))
goal_ind = indicators[indicators["goal_id"] == gid]
if goal_ind.empty:
    ui.empty_state(_("No indicator is filed under this goal yet."))
else:
    values = q.latest_region_values(gid)
    regions = ["World", *q.regions("un_region")]
    ind_cols = {"indicator": _("Indicator"), "id": _("Identifier"), "unit": _("Unit"), "year": _("Year shown"),
                "latest": _("Latest year with any value"), "rationale": _("Why this goal (editorial)"),
                "trends": _("Trends")}
    shown_ind = goal_ind.assign(name=goal_ind["name"].map(_), unit=goal_ind["unit"].map(unit_label),
                                goal_rationale=goal_ind["goal_rationale"].map(_))
    table = tables.goal_indicator_table(shown_ind, values, regions=regions, columns=ind_cols, locale=lang)
    table = table.rename(columns={r: region_name(r) for r in regions})
    ui.table(table, lang=lang, column_config={
        ind_cols["trends"]: st.column_config.LinkColumn(display_text=_("open in Trends")),
        ind_cols["rationale"]: st.column_config.TextColumn(width="large"),
    })
    sources = q.sources().set_index("source_id")
    src_of = dict(zip(goal_ind["indicator_id"], goal_ind["source_id"]))
    long = values.merge(shown_ind[["indicator_id", "name", "unit", "measure"]], on="indicator_id")
    long = long.assign(goal_id=gid, value=long["value"].round(downloads.DEFAULT_DECIMALS))
    for key in ("source", "license", "retrieved"):
        long[key] = [downloads.source_fields(sources.loc[src_of[i]])[key] for i in long["indicator_id"]]
    long["citation"] = [ui.citation_for(view, sources.loc[src_of[i]], title=sources.loc[src_of[i], "title"],
                                        years=(int(y), int(y)), view_title=_("Goals: {goal}").format(goal=gid))
                        for i, y in zip(long["indicator_id"], long["year"])]
    ui.download_csv(long.rename(columns={"name": "indicator"})[
        ["goal_id", "indicator_id", "indicator", "scheme", "region", "year", "value", "unit", "countries_reporting",
         "countries_total", "population_covered_share", "thin", "source", "license", "retrieved", "citation"]],
        f"goal_{re.sub(r'[^A-Za-z0-9_-]', '_', gid)}_indicators.csv", label=_("Download these values (CSV)"), key="goal_indicators_csv")
    ui.caption(view, {*goal_ind["source_id"], "indicator_goals", "population_worldbank"},
               note=_("Each cell: the region's value (sex and age: total) and, in brackets, countries reporting of "
                      "the region's countries. Year shown: the latest year in which reporting countries hold at "
                      "least half of the world's population (else the latest year with any value). † fewer than "
                      "half of the region's population (or countries) covered. Counts are summed, rates "
                      "population-weighted, scores averaged; – no regional value."))

# -- operations ---------------------------------------------------------------------------------------
st.subheader(_("Operations"))
goal_ops = q.operations_filtered(goal=gid)
if goal_ops.empty:
    ui.empty_state(_("No operation in the data is classified under this goal."))
else:
    years = sorted(goal_ops["year"].astype(int).unique())
    goal_ops = goal_ops.assign(crime_area=[_(a) if isinstance(a, str) else a for a in goal_ops["crime_area"]])
    st.markdown(_("**{n}** operations, {first}–{last}.").format(n=len(goal_ops), first=years[0], last=years[-1]))
    op_cols = {"operation": _("Operation"), "period": _("Dates"), "precision": _("Date precision"),
               "goal": _("Goal"), "crime_area": _("Crime area"), "lead": _("Lead"),
               "where": _("Where (as the source describes it)"), "countries": _("Countries listed"),
               "source": _("Source")}
    op_table = tables.operations_table(goal_ops, columns=op_cols, goal_labels=short, locale=lang,
                                       labels={"precision": {"day": _("day"), "month": _("month"),
                                                             "year": _("year")}})
    ui.table(op_table.drop(columns=[op_cols["goal"]]), lang=lang, column_config={
        op_cols["source"]: st.column_config.LinkColumn(display_text=_("source page"))})
ui.caption(view, ["operations"], note=_("The goal of an operation is the curator's classification by crime area, not "
                                        "an INTERPOL label."))
# A markdown link (it opens a new tab) rather than st.page_link: Streamlit 1.67 drops a page link's `goal`
# parameter when the page being left has a widget bound to `goal`, as this one does.
st.markdown("[" + _("See these operations on the Operations page") + f" →](operations?goal={quote(gid, safe='')})")
