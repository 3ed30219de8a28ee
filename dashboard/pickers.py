"""Widgets shared by the Trends and Map pages: the goal → indicator picker and the sex/age breakdown.

Each widget is keyed by its URL parameter; the frame has already put its value in place (from the URL or the
previous run) and keeps the URL in step, so these only draw. The indicator is kept in the URL by its id
(`?indicator=homicide_rate_per_100k`); the goal follows from it (a `goal` alone in a link opens the goal's
first indicator).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from .i18n import _, country_name
from .registry import MAX_SELECTED
from .text import md_escape

CONTEXT_GOAL = "context"          # picker group for series that serve no goal (population)
TECHNICAL = "technical"           # picker group for technical series (a rank, a number of sources, an error)


def indicator_label(row) -> str:
    """An indicator's name for pickers; the unit is added where a count and a rate share a name."""
    label = _(row["name"])
    if row["name_repeats"]:
        label += f" ({_(row['unit'])})"
    if row.get("synthetic"):
        label += " — " + _("SYNTHETIC, not real data")
    return label


def indicator_picker(view) -> pd.Series:
    """Goal selectbox (`goal`) then indicator selectbox (`indicator`: that goal's indicators, by name).
    Returns the chosen indicator's row of indicator_choices()."""
    q, f = view.q, view.filters
    choices = q.indicator_choices()
    names = q.goals(view.lang).set_index("goal_id")["short_name"].to_dict()

    def goal_label(g: str) -> str:
        if g == TECHNICAL:
            return _("Technical series (ranks, sources, errors)")
        return _("Context (no goal)") if g == CONTEXT_GOAL else f"{g} · {_(names.get(g, g))}"

    col_goal, col_ind = st.columns([1, 2])
    col_goal.selectbox(_("Global Policing Goal"), list(dict.fromkeys(choices["goal_key"])), key="goal",
                       format_func=goal_label,
                       help=_("Which goal an indicator serves is the project's editorial classification. "
                              "Technical series (a rank, a number of sources, a standard error) describe another "
                              "series and are listed apart."))
    options = choices[choices["goal_key"] == f.goal]
    labels = {r["indicator_id"]: indicator_label(r) for _i, r in options.iterrows()}
    col_ind.selectbox(_("Indicator"), list(labels), key="indicator", format_func=lambda i: labels.get(i, i))
    return choices.set_index("indicator_id", drop=False).loc[f.indicator]


def describe_indicator(view, meta: pd.Series) -> None:
    """One line on what the indicator is, and its goal with the editorial rationale (data text shown literally)."""
    goals = view.q.goals(view.lang).set_index("goal_id")["short_name"]
    goal = (_("context series, no Global Policing Goal") if meta["goal_key"] == CONTEXT_GOAL
            else f"{meta['goal_id']} · {_(goals.get(meta['goal_id'], meta['goal_name']))}")
    desc = meta.get("description")
    text = md_escape(_(desc) if isinstance(desc, str) and desc else _(meta["name"]))
    st.caption(text + "  \n" + _("**Goal:** {goal} — the project's editorial classification: {why}").format(
        goal=md_escape(goal), why=md_escape(_(meta["goal_rationale"]))))


def breakdown_pickers(view, meta: pd.Series, cols) -> None:
    """`sex` and `age` selectboxes when the indicator has a breakdown."""
    if not meta["has_breakdown"]:
        return
    pairs = view.q.breakdowns(meta["indicator_id"])
    cols[0].selectbox(_("Sex"), list(dict.fromkeys(pairs["sex"])), key="sex", format_func=_)
    ages = pairs.loc[pairs["sex"] == view.filters.sex, "age"]
    cols[1].selectbox(_("Age"), list(dict.fromkeys(ages)), key="age", format_func=_)


def country_picker(view, container=None) -> None:
    """`countries`: countries drawn beside the regions, by their English names (the URL's), shown in the viewer's
    language. Typing filters by what the name contains and Enter adds the first match only (no "select all
    matches")."""
    names = view.q.countries()
    shown = {n: country_name(i, fallback=n) for n, i in zip(names["name"], names["iso3"])}
    (container or st).multiselect(
        _("Countries"), sorted(shown, key=lambda n: shown[n]), key="countries", format_func=shown.get,
        max_selections=MAX_SELECTED, select_all=False, filter_mode="contains",
        placeholder=_("Add countries to draw beside the regions"),
        help=_("Single countries are drawn as dotted lines beside the region lines."))
