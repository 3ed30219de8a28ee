"""Since the last meeting: leadership's question before a Dialogue session. For a chosen meeting (default the
latest numbered edition): per Global Policing Goal, what changed in its headline indicator between the latest
adequately covered year known at the meeting and the latest now, on the same countries in both years; and the
operations reported since.

URL parameter: meeting (the edition, e.g. 8th).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import downloads, frame, registry, transforms, ui
from dashboard.i18n import _, fmt_date, n_, unit_label
from dashboard.panels import labels
from dashboard.panels.overview import headlines
from dashboard.text import md_escape
from dashboard.theme import fmt_change, fmt_number, fmt_share

view = frame.view()
f, q, lang = view.filters, view.q, view.lang
meetings = q.dialogue_meetings()
meetings = meetings[meetings["start_date"].notna()].sort_values("start_date", ascending=False)
goals = q.goals(lang)
short = {g: _(n) for g, n in zip(goals["goal_id"], goals["short_name"])}

st.title(_("Since the last meeting"))
st.markdown(_("What changed since a Dialogue meeting: for each Global Policing Goal, its headline indicator in "
              "the latest year known at the meeting and the latest year now, compared on the same countries in "
              "both years; then the operations reported since."))


def meeting_label(edition: str) -> str:
    m = meetings[meetings["edition"] == edition].iloc[0]
    place = ", ".join(x for x in (m["city"], m["country"]) if isinstance(x, str) and x)
    return " — ".join(x for x in (edition, place, fmt_date(m["start_date"])) if x)


if meetings.empty or f.meeting is None:
    ui.empty_state(_("No dated Dialogue meeting in the data."))
    st.stop()
st.selectbox(_("Dialogue meeting"), meetings["edition"].tolist(), key="meeting", format_func=meeting_label,
             help=_("By default the latest numbered edition of the Dialogue; working-group meetings can be chosen "
                    "too."))
meeting = meetings[meetings["edition"] == f.meeting].iloc[0]
meeting_year = pd.Timestamp(meeting["start_date"]).year
if isinstance(meeting["outcomes"], str) and meeting["outcomes"]:
    st.caption(_("Outcomes recorded for this meeting:") + " " + md_escape(meeting["outcomes"]))

# -- headline indicators ------------------------------------------------------------------------------------
st.subheader(_("Headline indicators since {year}").format(year=meeting_year))
tiles = headlines()["tile"]
choices = q.indicator_choices().set_index("indicator_id")
tiles = [t for t in tiles if t["indicator_id"] in choices.index]
adequate = q.adequate_years([t["indicator_id"] for t in tiles])
pairs = {}
for t in tiles:
    years = adequate.loc[adequate["indicator_id"] == t["indicator_id"], "year"]
    pairs[t["indicator_id"]] = transforms.since_years(years, meeting_year)
requests = [(i, a, b) for i, (a, b) in pairs.items() if a is not None and b is not None and b > a]
changes = q.like_for_like(requests, "world", ("World",)).set_index("indicator_id") if requests else pd.DataFrame()

rows = []
for k, t in enumerate(tiles):
    if k % 2 == 0:              # a new row per pair: on a phone the columns stack in goal order
        cols = st.columns(2)
    i = t["indicator_id"]
    meta = choices.loc[i]
    then, now = pairs[i]
    measure, unit = meta["measure"], unit_label(meta["unit"])
    values = adequate[adequate["indicator_id"] == i].set_index("year")
    with cols[k % 2].container(border=True):
        st.caption(md_escape(f"{t['goal_id']} · {short.get(t['goal_id'], '')}"))
        if now is None:
            st.metric(md_escape(_(meta["name"])), "–")
            st.caption(_("No year in which the reporting countries hold half of the world's population."))
            continue
        current = values.loc[now]
        if i in changes.index:
            c = changes.loc[i]
            st.metric(md_escape(_(meta["name"])), fmt_number(current["value"], measure, lang),
                      delta=_("{change} since {year}").format(change=fmt_change(c["change"], measure, lang),
                                                               year=then),
                      delta_color=labels.change_color(c["change"], labels.direction(meta)), delta_arrow="off",
                      help=md_escape(_(meta["goal_rationale"])))
            st.caption(_("World, {now} data · {unit}. Like-for-like: {a} → {b} on the {n} countries reporting in "
                         "both {then} and {now} ({share} of the world's population).").format(
                now=now, then=then, unit=md_escape(unit), a=fmt_number(c["value_from"], measure, lang),
                b=fmt_number(c["value_to"], measure, lang), n=int(c["countries_both"]),
                share=fmt_share(c["population_share"], lang)))
            if pd.notna(current.get("publisher_value")) and then in values.index \
                    and pd.notna(values.loc[then].get("publisher_value")):
                st.caption(_("The publisher's own World estimate (it imputes the countries that do not report): "
                             "{a} in {then}, {b} in {now}.").format(
                    a=fmt_number(values.loc[then, "publisher_value"], measure, lang), then=then,
                    b=fmt_number(current["publisher_value"], measure, lang), now=now))
            rows.append(dict(goal_id=t["goal_id"], indicator_id=i, year_from=then, value_from=c["value_from"],
                             year=now, value=c["value_to"], change=c["change"], countries_both=c["countries_both"],
                             countries_total=c["countries_total"], population_covered_share=c["population_share"]))
        else:
            st.metric(md_escape(_(meta["name"])), fmt_number(current["value"], measure, lang))
            why = (_("No newer data since the meeting: {year} was already the latest adequately covered year.")
                   if then == now else _("No adequately covered year up to {year} to compare with.").format(
                       year=meeting_year))
            st.caption(_("World, {now} data · {unit}.").format(now=now, unit=md_escape(unit)) + " "
                       + why.format(year=now))
            rows.append(dict(goal_id=t["goal_id"], indicator_id=i, year_from=then, value_from=None, year=now,
                             value=current["value"], change=None, countries_both=None,
                             countries_total=current["countries_total"],
                             population_covered_share=current["population_covered_share"]))
ui.caption(view, {choices.loc[t["indicator_id"], "source_id"] for t in tiles} | {"population_worldbank"},
           note=_("Years used: the latest in which the reporting countries hold at least half of the world's "
                  "population, at the meeting's year and now. A change is computed only on the countries that "
                  "report in both years (counts summed, rates weighted by population, scores averaged); colours "
                  "say whether it is an improvement, and stay grey where a higher value is neither better nor "
                  "worse. The warehouse does not keep earlier publications: 'known at the meeting' means the "
                  "latest year up to the meeting's year in today's data."))
if rows:
    table = pd.DataFrame(rows)
    sources = q.sources().set_index("source_id")
    prov = pd.DataFrame([downloads.source_fields(sources.loc[choices.loc[i, "source_id"]]) for i in table["indicator_id"]])
    table = table.assign(meeting=f.meeting, meeting_date=str(pd.Timestamp(meeting["start_date"]).date()),
                         indicator=[_(choices.loc[i, "name"]) for i in table["indicator_id"]],
                         unit=[_(choices.loc[i, "unit"]) for i in table["indicator_id"]], region="World",
                         **{k: prov[k].tolist() for k in prov})
    table["citation"] = [ui.citation_for(view, sources.loc[choices.loc[i, "source_id"]],
                                         title=sources.loc[choices.loc[i, "source_id"], "title"],
                                         years=(a, b) if pd.notna(a) else (b, b),
                                         view_title=_("Since the last meeting"))
                         for i, a, b in zip(table["indicator_id"], table["year_from"], table["year"])]
    ui.download_csv(table[["meeting", "meeting_date", "goal_id", "indicator_id", "indicator", "region", "year_from",
                           "value_from", "year", "value", "change", "unit", "countries_both", "countries_total",
                           "population_covered_share", "source", "license", "retrieved", "citation"]],
                    f"since_{f.meeting}.csv", label=_("Download these figures (CSV)"), key="since_csv")

# -- operations ---------------------------------------------------------------------------------------------
st.subheader(_("Operations reported since {date}").format(date=fmt_date(meeting["start_date"])))
ops = q.operations_since(meeting["start_date"])
if ops.empty:
    ui.empty_state(_("No operation in the data was reported since this meeting."))
else:
    by_goal = ops["goal_id"].fillna("").value_counts()
    st.markdown(n_("**{n}** operation reported since the meeting.", "**{n}** operations reported since the "
                   "meeting.", len(ops)).format(n=len(ops)) + " " + " · ".join(
        f"{g or _('No goal')}: {n}" for g, n in sorted(by_goal.items())))
    shown = ops.sort_values(["goal_id", "reported"], ascending=[True, False])
    ui.operations_list(view, shown, key="since_ops", extra={
        _("Reported"): [fmt_date(d) for d in shown["reported"]],
        _("Published figures"): shown["figures"].astype(int).tolist()})
    st.page_link(registry.BY_PATH["operations"].file, label=_("Their published results on the Operations page"),
                 query_params={"op": shown["operation_id"].tolist()[:registry.MAX_SELECTED],
                               "years": [str(meeting_year), str(q.year_bounds()[1])]},
                 icon=":material/arrow_forward:")
    ui.caption(view, ["operations", "operation_results"],
               note=_("Reported: the date the source announced the results (else the end or start date). Goals are "
                      "the curator's classification by crime area."))
