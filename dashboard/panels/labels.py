"""Translated label sets handed to the chart builders (built in the caller's language: inside a panel build)."""
from __future__ import annotations

import pandas as pd

from .. import theme
from ..i18n import N_, _


def coverage(lang: str, adequate: float = 0.5) -> dict:
    """Labels of coverage and like-for-like changes; `adequate` is the ETL's adequate-coverage share
    (questions.adequate_coverage())."""
    pct = theme.fmt_share(adequate, lang)
    return {"coverage": _("{n} of {total} countries reporting"), "population": _("{share} of population"),
            "thin": _("thin coverage (under {pct} of population)").format(pct=pct),
            "thin_legend": _("thin coverage (open marker)"), "year": _("Year"), "source": _("Source"),
            "break": _("coverage break: countries holding {share} of the population entered or left the data"),
            "break_legend": _("dashed: a break or thin coverage, not a trend"),
            "caveat_break": _("series break (see the caveats)"),
            "publisher": _("publisher's estimate (imputes countries that do not report)"),
            "reporting": _("aggregate of reporting countries (no imputation)"),
            "change": _("{change} since {prev} on the {n} countries reporting in both years ({share} of the "
                        "population)"),
            "change_publisher": _("{change} since {prev} (the publisher's estimates)")}


def operations() -> dict:
    return {"no_goal": _("No goal"), "approx_dates": _("dates approximate: {precision} only"), "goal": _("Goal"),
            "crime_area": _("Crime area"), "lead": _("Lead"), "where": _("Where"),
            "countries": _("Countries listed"),
            "precision": {"day": _("day"), "month": _("month"), "year": _("year")},
            "qualifier": {"exact": _("exact"), "approx": _("approximately (≈)"), "at_least": _("at least (≥)")}}


def operation_columns() -> dict[str, str]:
    """Headers of the operations tables (tables.operations_table)."""
    return {"operation": _("Operation"), "period": _("Dates"), "precision": _("Date precision"), "goal": _("Goal"),
            "crime_area": _("Crime area"), "lead": _("Lead"), "where": _("Where (as the source describes it)"),
            "countries": _("Countries listed"), "source": _("Source")}


def goal_labels(goals) -> dict[str, str]:
    """goal_id -> 'GPG1 · Counter terrorism' (short names translated)."""
    return {g: f"{g} · {_(n)}" for g, n in zip(goals["goal_id"], goals["short_name"])}


DIRECTIONS = {"worse": N_("higher is worse"), "better": N_("higher is better"),
              "neither": N_("neither (detection, enforcement or a technical series)")}


def direction(row) -> str:
    """'worse', 'better' or 'neither': the indicator's `direction` where the warehouse has it, else read from
    higher_is_worse (true: worse, false: better, unknown: neither)."""
    value = row.get("direction") if hasattr(row, "get") else None
    if isinstance(value, str) and value in DIRECTIONS:
        return value
    hiw = row.get("higher_is_worse") if hasattr(row, "get") else None
    if hiw is None or pd.isna(hiw):
        return "neither"
    return "worse" if bool(hiw) else "better"


def direction_label(row) -> str:
    return _(DIRECTIONS[direction(row)])


def change_color(change: float, way: str) -> str:
    """st.metric's delta colour for a change: green when it improves, red when it worsens, grey when the
    indicator's direction is 'neither' (detection, enforcement, technical) or nothing changed."""
    if way == "neither" or change is None or pd.isna(change) or change == 0:
        return "gray"
    better = (change < 0) if way == "worse" else (change > 0)
    return "green" if better else "red"
