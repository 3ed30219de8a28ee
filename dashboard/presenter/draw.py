"""The parts of a slide the venue window and the speaker view both draw: the takeaway, the panel's chart filling
the height left, and the one-line source (container `slide_source`). Texts from the deck or the data are shown
as text (md_escape)."""
from __future__ import annotations

import streamlit as st

from .. import decks, frame, i18n, panels, ui
from ..i18n import _
from ..panels.base import brief_source_parts
from ..text import md_escape


def takeaway(slide: decks.Slide) -> None:
    if slide.takeaway:
        st.container(key="slide_takeaway").markdown(md_escape(slide.takeaway))


def chart(panel: panels.Panel | None, view: frame.View, *, room: bool = True) -> None:
    """The panel's chart filling the height left (or its empty state, without the page's hints about widgets a
    slide does not have); `room`: type sized for the room (the venue window), else as on a page."""
    if panel is None:
        ui.empty_state(_("This slide's page has no chart: open it live with Exit presentation."))
    elif panel.empty or panel.figure is None:
        ui.empty_state(panel.empty[0] if panel.empty else _("Nothing to draw for this slide's filters."))
    else:
        fig = panel.figure
        facets = [k for k in fig.layout.to_plotly_json() if k.startswith("yaxis")]
        if len(facets) > 1 and fig.layout.title.text and panel.unit:
            # small multiples: the unit is in the chart's title already, and one axis title per row does not fit
            # the height a facet gets on a 720-pixel screen
            fig.update_yaxes(title=None)
        with st.container(key="_slide_chart", height="stretch"):
            ui.plot(fig, panel.key, lang=view.lang, presenting=room, height="stretch")


def source(panel: panels.Panel | None, q) -> None:
    """The source line (container `slide_source`): publishers (cut short if need be), the data's years and 'as
    of' (kept whole)."""
    if panel is not None and panel.figure is not None and not panel.empty:
        cited, when = brief_source_parts(q, panel, i18n.fmt_date(q.as_of()))
        with st.container(key="slide_source", horizontal=True, gap="small", vertical_alignment="center"):
            st.container(key="_source_cited").caption(md_escape(cited))
            st.container(key="_source_when", width="content").caption(md_escape(when))
