"""Pickers shared by the Trends and Map pages: the goal → indicator picker and the sex/age breakdown.

The indicator is kept in the URL as its id (`?indicator=homicide_rate_per_100k`), not bound with
bind="query-params": a bound selectbox stores its *displayed label* in the URL (see ui.url_selectbox). The URL
seeds the picker the first time it is drawn in a session, and every run writes the current id back (the
default is left out so links stay short). The goal follows from the indicator, so it needs no parameter of
its own; a `goal` in a hand-written link opens that goal's first indicator.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from . import data, filters, theme
from .i18n import _

GOAL_KEY, INDICATOR_KEY = "goal", "indicator"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text) -> str:
    """Text from data files, escaped so st.markdown/st.caption show it literally (no markup, no links)."""
    from .charts import md_escape          # the one Markdown escaper (also stops icons and autolinks)

    return md_escape(text)


def url_snapshot() -> dict[str, list[str]]:
    """The URL parameters as they arrived, before widgets of this run correct or drop any of them."""
    return {k: st.query_params.get_all(k) for k in st.query_params}


def sync_param(key: str, value, default) -> None:
    """Write a choice's id to the URL, or remove the parameter when it holds the default."""
    if value is None or value == default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != str(value):
        st.query_params[key] = str(value)


def number_format(measure: str | None) -> str:
    """st.column_config.NumberColumn format for an indicator's values (display only; downloads keep all digits)."""
    decimals = theme.DECIMALS.get(measure or "", 2)
    return "localized" if decimals == 0 else f"%.{decimals}f"


# -- goal → indicator -------------------------------------------------------------------------------

def goal_keys(choices: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(choices["goal_key"]))


def default_indicator(choices: pd.DataFrame, goal_key: str) -> str:
    return choices.loc[choices["goal_key"] == goal_key, "indicator_id"].iloc[0]


def indicator_rules(choices: pd.DataFrame) -> dict:
    """filters.check rules for the picker's URL parameters."""
    return {INDICATOR_KEY: filters.one_of(choices["indicator_id"].tolist()),
            GOAL_KEY: filters.one_of(goal_keys(choices))}


def _initial_indicator(choices: pd.DataFrame, url: Mapping[str, list[str]]) -> str:
    """The indicator a link asks for: `indicator` if valid, else the first of a valid `goal`, else the default."""
    ids = set(choices["indicator_id"])
    ind = (url.get(INDICATOR_KEY) or [None])[0]
    if ind in ids:
        return ind
    goal = (url.get(GOAL_KEY) or [None])[0]
    if goal in goal_keys(choices):
        return default_indicator(choices, goal)
    return filters.DEFAULT_INDICATOR if filters.DEFAULT_INDICATOR in ids else choices["indicator_id"].iloc[0]


def _goal_changed() -> None:
    st.session_state[INDICATOR_KEY] = default_indicator(data.indicator_choices(), st.session_state[GOAL_KEY])


def indicator_label(row) -> str:
    """An indicator's name for pickers; the unit is added where a count and a rate share a name."""
    label = _(row["name"])
    if row["name_repeats"]:
        label += f" ({_(row['unit'])})"
    if row.get("synthetic"):
        label += " — " + _("SYNTHETIC, not real data")
    return label


def indicator_picker(url: Mapping[str, list[str]]) -> pd.Series:
    """Goal selectbox (`goal`) then indicator selectbox (`indicator`, options: that goal's indicators,
    labelled by name, the goal's default first). The URL keeps `indicator` (an id; the goal follows from it);
    a `goal` in a link opens that goal's first indicator. Returns the chosen row of data.indicator_choices()."""
    choices = data.indicator_choices()
    goals = goal_keys(choices)
    by_id = choices.set_index("indicator_id", drop=False)
    if st.session_state.get(INDICATOR_KEY) not in by_id.index:            # first draw in this session
        first = _initial_indicator(choices, url)
        st.session_state[INDICATOR_KEY] = first
        st.session_state[GOAL_KEY] = by_id.loc[first, "goal_key"]
    names = data.goals().set_index("goal_id")["short_name"].to_dict()

    def goal_label(g: str) -> str:
        return _("Context (no goal)") if g == data.CONTEXT_GOAL else f"{g} · {_(names.get(g, g))}"

    col_goal, col_ind = st.columns([1, 2])
    goal = col_goal.selectbox(_("Global Policing Goal"), goals, key=GOAL_KEY, format_func=goal_label,
                              on_change=_goal_changed,
                              help=_("Which goal an indicator serves is the project's editorial classification."))
    options = choices.loc[choices["goal_key"] == goal, "indicator_id"].tolist()
    if st.session_state.get(INDICATOR_KEY) not in options:
        st.session_state[INDICATOR_KEY] = options[0]
    labels = {i: indicator_label(by_id.loc[i]) for i in options}
    ind = col_ind.selectbox(_("Indicator"), options, key=INDICATOR_KEY, format_func=lambda i: labels.get(i, i))
    sync_param(INDICATOR_KEY, ind, filters.DEFAULT_INDICATOR)
    sync_param(GOAL_KEY, None, None)                                   # the indicator carries the goal
    return by_id.loc[ind]


def describe_indicator(meta: pd.Series) -> None:
    """One line on what the indicator is, and its goal with the editorial rationale (data text shown literally)."""
    goal = (_("context series, no Global Policing Goal") if meta["goal_key"] == data.CONTEXT_GOAL
            else f"{meta['goal_id']} · "
                 f"{data.goals().set_index('goal_id')['short_name'].get(meta['goal_id'], meta['goal_name'])}")
    desc = meta.get("description")
    text = plain(_(desc) if isinstance(desc, str) and desc else _(meta["name"]))
    st.caption(text + "  \n" + _("**Goal:** {goal} — the project's editorial classification: {why}").format(
        goal=plain(goal), why=plain(_(meta["goal_rationale"]))))


def breakdown_options(indicator_id: str) -> tuple[list[str], dict[str, list[str]]]:
    """Sexes (Total first) and, per sex, the age groups (Total first) available for an indicator."""
    pairs = data.breakdowns(indicator_id)
    sexes = list(dict.fromkeys(pairs["sex"]))
    ages = {s: list(dict.fromkeys(pairs.loc[pairs["sex"] == s, "age"])) for s in sexes}
    return sexes, ages


def breakdown_pickers(meta: pd.Series, cols) -> tuple[str, str]:
    """`sex` and `age` selectboxes (bound to the URL) when the indicator has a breakdown; else Total/Total."""
    if not meta["has_breakdown"]:
        return "Total", "Total"
    sexes, ages = breakdown_options(meta["indicator_id"])
    sex = cols[0].selectbox(_("Sex"), sexes, key="sex", bind="query-params")
    age_options = ages.get(sex, ["Total"])
    age = cols[1].selectbox(_("Age"), age_options, key="age", bind="query-params")
    return sex or "Total", age or "Total"


def breakdown_rules(meta: pd.Series) -> dict:
    if not meta["has_breakdown"]:
        return {"sex": filters.one_of([]), "age": filters.one_of([])}
    sexes, ages = breakdown_options(meta["indicator_id"])
    return {"sex": filters.one_of(sexes), "age": filters.one_of(sorted({a for v in ages.values() for a in v}))}


def first_draw() -> bool:
    """True on the first run of a page that uses the indicator picker: the run in which the URL is applied
    (only then are its invalid parameters worth a notice)."""
    return st.session_state.get(INDICATOR_KEY) is None

