"""Translated label sets handed to the chart builders (built in the caller's language: inside a panel build)."""
from __future__ import annotations

from .. import theme
from ..i18n import _
from ..settings import THIN_COVERAGE


def coverage(lang: str) -> dict:
    return {"coverage": _("{n} of {total} countries reporting"), "population": _("{share} of population"),
            "thin": _("thin coverage (under {pct} of population)").format(pct=theme.fmt_share(THIN_COVERAGE, lang)),
            "thin_legend": _("thin coverage (open marker)"), "year": _("Year"), "source": _("Source")}


def operations() -> dict:
    return {"no_goal": _("No goal"), "approx_dates": _("dates approximate: {precision} only"), "goal": _("Goal"),
            "crime_area": _("Crime area"), "lead": _("Lead"), "where": _("Where"),
            "countries": _("Countries listed"),
            "precision": {"day": _("day"), "month": _("month"), "year": _("year")},
            "qualifier": {"exact": _("exact"), "approx": _("approximately (≈)"), "at_least": _("at least (≥)")}}


def goal_labels(goals) -> dict[str, str]:
    """goal_id -> 'GPG1 · Counter terrorism' (short names translated)."""
    return {g: f"{g} · {_(n)}" for g, n in zip(goals["goal_id"], goals["short_name"])}
