"""A figure's locale and size, applied the same way on the page, on a slide and in the export: the language's
decimal and thousands separators and a font that renders Arabic, right-to-left placement of titles and
legends, and larger type and height for a room (presentation mode, slides, the export's PNG)."""
from __future__ import annotations

from .. import i18n
from ..theme import FONT

ROOM_SCALE = 1.4             # plotly fonts on a slide or in presentation mode
ROOM_HEIGHT = 700            # px: charts are drawn at least this tall there


def localize_figure(fig, lang: str):
    """Separators of `lang`, a font that renders Arabic, and for right-to-left languages the title, legend and
    value axis on the right. Returns the figure (changed in place)."""
    fig.update_layout(separators=i18n.plotly_separators(lang))
    family = fig.layout.font.family or FONT
    if "Noto Sans Arabic" not in family:
        fig.update_layout(font_family="Source Sans, Noto Sans Arabic, " + family)
    if i18n.is_rtl(lang):
        if fig.layout.title.text:
            fig.update_layout(title_x=1, title_xanchor="right")
        legend = fig.layout.legend
        if legend.x is None or legend.x <= 0.05:
            fig.update_layout(legend_x=1, legend_xanchor="right")
        fig.update_layout(hoverlabel_align="right")
        more_axes = [k for k in fig.layout.to_plotly_json() if k.startswith("yaxis") and k != "yaxis"]
        if fig.data and not more_axes and all(getattr(t, "type", "") == "scatter" for t in fig.data):
            fig.update_yaxes(side="right")
    return fig


def fit_figure(fig, scale: float = ROOM_SCALE, min_height: int = ROOM_HEIGHT):
    """Larger type and a taller drawing for a room: every font size of the figure times `scale`, its height at
    least `min_height` (taller charts keep their height). Returns the figure (changed in place)."""
    layout = fig.layout
    base = layout.font.size or 12
    updates = {"font.size": round(base * scale)}
    if layout.title.text:
        updates["title.font.size"] = round((layout.title.font.size or base * 17 / 12) * scale)
    if layout.hoverlabel.font.size:
        updates["hoverlabel.font.size"] = round(layout.hoverlabel.font.size * scale)
    if layout.margin.t is not None:
        updates["margin.t"] = round(layout.margin.t * scale)
    fig.update_layout({k.replace(".", "_"): v for k, v in updates.items()})
    for ann in layout.annotations:
        if ann.font.size:
            ann.font.size = round(ann.font.size * scale)
    for trace in fig.data:
        textfont = getattr(trace, "textfont", None)
        if textfont is not None and getattr(textfont, "size", None) and not isinstance(textfont.size, tuple):
            textfont.size = round(textfont.size * scale)
    legend = layout.legend
    if legend.orientation == "h" and legend.y is not None and legend.y < 0:
        # larger type wraps a legend below the plot onto more lines: anchored to the bottom of the figure
        # (not a fraction of the plot's height), it takes its own room instead of covering the axis labels
        fig.update_layout(legend_yref="container", legend_y=0, legend_yanchor="bottom")
    fig.update_layout(height=max(layout.height or 450, min_height))
    return fig
