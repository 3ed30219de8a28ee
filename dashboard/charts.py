"""Chart builders: pure functions, DataFrame in, plotly Figure out. No Streamlit, no database.

Labels arrive already translated; colours come from theme so a region looks the same everywhere.
"""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import theme
from .settings import THIN_COVERAGE


def html_text(value) -> str:
    """Text from the data for plotly, which renders a subset of HTML (<a href>, <b>, <br>, <span style>...) in
    titles, labels, legends and hovers: shown literally, with <, > and & escaped ('' for a missing value)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=False)


def coverage_share(df: pd.DataFrame) -> pd.Series:
    """Population share where known, else share of countries reporting."""
    by_countries = df["countries_reporting"] / df["countries_total"]
    if "population_covered_share" in df:
        return df["population_covered_share"].fillna(by_countries)
    return by_countries


def _coverage_text(df: pd.DataFrame, labels: dict, locale: str = "en") -> list[str]:
    share = df["population_covered_share"]
    out = []
    for n, tot, s in zip(df["countries_reporting"], df["countries_total"], share):
        text = labels["coverage"].format(n=n, total=tot)
        if pd.notna(s):
            text += " · " + labels["population"].format(share=theme.fmt_share(s, locale))
        out.append(text)
    return out


DEFAULT_LABELS = {"coverage": "{n} of {total} countries reporting", "population": "{share} of population",
                  "thin": "thin coverage (under half)", "year": "Year"}


def trend_lines(df: pd.DataFrame, *, series_col: str, title: str, y_title: str, measure: str | None = None,
                log: bool = False, events: pd.DataFrame | None = None, labels: dict | None = None,
                height: int = 480, font_scale: float = 1.0, names: dict | None = None,
                locale: str = "en") -> go.Figure:
    """One line per series (region or country) over years.

    Region frames (with countries_reporting/countries_total) get coverage in the hover and thin-coverage
    points drawn as open markers. `events` (columns date, label) become dated vertical markers. `names` maps
    a series to its displayed name (e.g. translated); colours follow the series itself.
    """
    names = names or {}
    labels = {**DEFAULT_LABELS, **(labels or {})}
    fig = go.Figure()
    has_cov = {"countries_reporting", "countries_total"} <= set(df.columns)
    for name, g in df.sort_values("year").groupby(series_col, sort=True):
        color = theme.color_for(str(name))
        shown = names.get(name, name)
        hover = [f"<b>{shown}</b> {y}: {theme.fmt_number(v, measure, locale)}" for y, v in zip(g["year"], g["value"])]
        symbols = None
        if has_cov:
            thin = coverage_share(g) < THIN_COVERAGE
            cov = _coverage_text(g, labels, locale)
            hover = [h + "<br>" + c + (f"<br><i>{labels['thin']}</i>" if t else "")
                     for h, c, t in zip(hover, cov, thin)]
            symbols = ["circle-open" if t else "circle" for t in thin]
        fig.add_trace(go.Scatter(
            x=g["year"], y=g["value"], name=str(shown), mode="lines+markers",
            line=dict(color=color, width=2.5), marker=dict(size=7, symbol=symbols, color=color, line=dict(width=2)),
            hovertext=hover, hoverinfo="text"))
    if events is not None and len(events):
        # One layout update for every marker: fig.add_vline/add_annotation per event re-validate the whole
        # shape list each time (about 10 ms an event, most of this chart's build time). Same output.
        shapes, notes = list(fig.layout.shapes), list(fig.layout.annotations)
        for ev in events.itertuples():
            x = pd.Timestamp(ev.date).year + (pd.Timestamp(ev.date).day_of_year - 1) / 365.25
            shapes.append(dict(type="line", x0=x, x1=x, xref="x", y0=0, y1=1, yref="y domain",
                               line=dict(color="#888", dash="dash", width=1)))
            notes.append(dict(x=x, y=1, yref="paper", text=html_text(ev.label), showarrow=False, textangle=-90,
                              xanchor="right", yanchor="top", font=dict(size=11, color="#555")))
        fig.update_layout(shapes=shapes, annotations=notes)
    fig.update_xaxes(title=labels["year"], tickformat="d", dtick=None)
    fig.update_yaxes(title=html_text(y_title), type="log" if log else "linear",
                     rangemode="tozero" if not log else None)
    return theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)


def small_multiples(df: pd.DataFrame, *, facet_col: str, title: str, y_title: str, measure: str | None = None,
                    cols: int = 3, labels: dict | None = None, height_per_row: int = 220,
                    font_scale: float = 1.0, display: dict | None = None, locale: str = "en") -> go.Figure:
    """One small panel per region, same y scale, thin coverage as open markers. `display` maps a region to
    its displayed (e.g. translated) name; colours follow the region itself."""
    labels = {**DEFAULT_LABELS, **(labels or {})}
    display = display or {}
    names = sorted(df[facet_col].unique())
    rows = max(1, -(-len(names) // cols))
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[html_text(display.get(n, n)) for n in names],
                        shared_yaxes=True,
                        horizontal_spacing=0.04, vertical_spacing=0.12)
    for i, name in enumerate(names):
        g = df[df[facet_col] == name].sort_values("year")
        thin = coverage_share(g) < THIN_COVERAGE if "countries_total" in g else pd.Series(False, index=g.index)
        cov = _coverage_text(g, labels, locale) if "countries_total" in g else [""] * len(g)
        color = theme.color_for(str(name))
        shown = html_text(display.get(name, name))
        fig.add_trace(go.Scatter(
            x=g["year"], y=g["value"], mode="lines+markers", name=str(shown), showlegend=False,
            line=dict(color=color, width=2), marker=dict(size=5, color=color,
                                                         symbol=["circle-open" if t else "circle" for t in thin]),
            hovertext=[f"<b>{shown}</b> {y}: {theme.fmt_number(v, measure, locale)}<br>{c}"
                       for y, v, c in zip(g["year"], g["value"], cov)], hoverinfo="text"),
            row=i // cols + 1, col=i % cols + 1)
    fig.update_xaxes(tickformat="d")
    fig.update_yaxes(rangemode="tozero")
    fig.update_yaxes(title=html_text(y_title), col=1)
    return theme.apply_layout(fig, title=title, height=max(300, rows * height_per_row + 80), font_scale=font_scale)


def world_map_layout(fig: go.Figure, *, title: str, height: int, font_scale: float, landcolor: str) -> go.Figure:
    """The house world map: natural-earth projection drawn from the offline topojson (rotation 0), no frame."""
    fig.update_geos(projection_type="natural earth", projection_rotation_lon=0, showframe=False,
                    showcoastlines=False, showcountries=True, countrycolor="#d0d0d0", showland=True,
                    landcolor=landcolor, lataxis_range=[-58, 85])
    fig = theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)
    fig.update_layout(margin=dict(l=0, r=0, t=60, b=0))
    return fig


def choropleth(df: pd.DataFrame, *, value_col: str, title: str, colorbar_title: str, higher_is_worse: bool = True,
               hover_cols: list[str] | None = None, measure: str | None = None, height: int = 560,
               font_scale: float = 1.0, range_color: tuple[float, float] | None = None) -> go.Figure:
    """Countries coloured by value (ISO3 in `iso3`), world map drawn from the offline topojson."""
    hover = []
    for r in df.itertuples(index=False):
        text = (f"<b>{html_text(getattr(r, 'country', r.iso3))}</b><br>"
                f"{theme.fmt_number(getattr(r, value_col), measure)}")
        for col in hover_cols or []:
            val = getattr(r, col, None)
            if val is not None and not (isinstance(val, float) and pd.isna(val)):
                text += f"<br>{html_text(val)}"
        hover.append(text)
    scale = "Reds" if higher_is_worse else "Blues"
    fig = go.Figure(go.Choropleth(
        locations=df["iso3"], z=df[value_col], locationmode="ISO-3", colorscale=scale,
        zmin=range_color[0] if range_color else None, zmax=range_color[1] if range_color else None,
        marker_line_color="#ffffff", marker_line_width=0.4, hovertext=hover, hoverinfo="text",
        colorbar=dict(title=dict(text=html_text(colorbar_title)), thickness=14)))
    return world_map_layout(fig, title=title, height=height, font_scale=font_scale, landcolor="#f3f3f3")


# === Trends and Map pages ===

TREND_LABELS = {**DEFAULT_LABELS, "thin_legend": "thin coverage (open marker)", "source": "Source"}


def trend_chart(df: pd.DataFrame, *, title: str, y_title: str, measure: str | None = None, log: bool = False,
                events: pd.DataFrame | None = None, labels: dict | None = None, locale: str = "en",
                height: int = 500, font_scale: float = 1.0, names: dict | None = None) -> go.Figure:
    """Region lines (with coverage, via trend_lines) and country lines (dotted) of one indicator.

    `df` has the columns of data.trend_series: series, kind ('region'/'country'), year, value and, for
    regions, countries_reporting, countries_total, population_covered_share. Thin region points are open
    markers; a legend entry explains them when any is plotted. `names` maps a series to its displayed name.
    """
    import html

    names = {html.escape(str(k)): html.escape(str(v)) for k, v in (names or {}).items()}
    labels = {**TREND_LABELS, **(labels or {})}
    reg = df[df["kind"] == "region"].rename(columns={"series": "region"})
    reg = reg.assign(region=reg["region"].map(html.escape)).astype(
        {"countries_reporting": "int64", "countries_total": "int64", "population_covered_share": "float64"})
    fig = trend_lines(reg[["region", "year", "value", "countries_reporting", "countries_total",
                           "population_covered_share"]],
                      series_col="region", title=title, y_title=y_title, measure=measure, log=log, events=events,
                      labels=labels, height=height, font_scale=font_scale, names=names, locale=locale)
    for name, g in df[df["kind"] == "country"].sort_values("year").groupby("series", sort=True):
        color = theme.color_for(str(name))
        safe = names.get(html.escape(str(name)), html.escape(str(name)))
        fig.add_trace(go.Scatter(
            x=g["year"], y=g["value"], name=safe, mode="lines+markers",
            line=dict(color=color, width=2, dash="dot"), marker=dict(size=6, color=color, symbol="diamond"),
            hovertext=[f"<b>{safe}</b> {y}: {theme.fmt_number(v, measure, locale)}"
                       for y, v in zip(g["year"], g["value"])], hoverinfo="text"))
    if len(reg) and (coverage_share(reg) < THIN_COVERAGE).any():
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=labels["thin_legend"],
                                 marker=dict(size=8, symbol="circle-open", color="#555", line=dict(width=2)),
                                 hoverinfo="skip"))
    return fig


def country_map(df: pd.DataFrame, *, title: str, colorbar_title: str, unit: str, measure: str | None = None,
                higher_is_worse: bool = True, labels: dict | None = None, locale: str = "en",
                range_color: tuple[float, float] | None = None, zoom_to_data: bool = False,
                height: int = 560, font_scale: float = 1.0) -> go.Figure:
    """Choropleth of country values (columns iso3, country, year, value, publisher) with a hover giving
    country, value and unit, year and source. Colours: Reds when higher is worse, else Blues.
    `zoom_to_data` fits the map to the countries drawn (e.g. one body's members)."""
    import html

    labels = {**TREND_LABELS, **(labels or {})}
    fig = choropleth(df, value_col="value", title=title, colorbar_title=colorbar_title,
                     higher_is_worse=higher_is_worse, measure=measure, height=height, font_scale=font_scale,
                     range_color=range_color)
    if zoom_to_data:          # plotly.js ignores fitbounds while a projection rotation is set
        fig.update_geos(fitbounds="locations", lataxis_range=None)
        fig.layout.geo.projection.rotation = None
    hover = [f"<b>{html.escape(str(r.country))}</b><br>{theme.fmt_number(r.value, measure, locale)} "
             f"{html.escape(unit)}<br>{labels['year']}: {int(r.year)}<br>{labels['source']}: "
             f"{html.escape(str(r.publisher))}" for r in df.itertuples(index=False)]
    fig.update_traces(hovertext=hover)
    return fig


def colour_cap(values: pd.Series, quantile: float = 0.95, skew: float = 2.0) -> float | None:
    """Upper end for a colour scale when a few outliers would wash out the rest: the `quantile` of the
    values when the maximum exceeds it `skew` times; None when the values are spread evenly enough."""
    v = pd.to_numeric(values, errors="coerce").dropna()
    if len(v) < 10:
        return None
    q = float(v.quantile(quantile))
    return q if q > 0 and float(v.max()) > skew * q else None



# === Operations and Goals pages ===

OP_DATE_FORMATS = {"day": "d MMM y", "month": "MMM y", "year": "y"}
OPS_LABELS = {"no_goal": "No goal", "approx_dates": "dates approximate ({precision} only)", "goal": "Goal",
              "crime_area": "Crime area", "lead": "Lead", "where": "Where", "countries": "Countries listed",
              "announced": "Announced", "precision": {"day": "day", "month": "month", "year": "year"},
              "qualifier": {"exact": "exact", "approx": "approximately", "at_least": "at least"}}


def _missing(value) -> bool:
    return value is None or (not isinstance(value, (list, tuple)) and pd.isna(value))


def fmt_op_date(value, precision: str = "day", locale: str = "en") -> str:
    """An operation date at the precision its source gives: '6 Nov 2017', 'Oct 2019' or '2024'."""
    from babel.dates import format_date

    if _missing(value):
        return "–"
    fmt = OP_DATE_FORMATS.get(precision, OP_DATE_FORMATS["day"])
    return format_date(pd.Timestamp(value).date(), format=fmt, locale=locale)


def fmt_op_period(start, end, precision: str = "day", locale: str = "en") -> str:
    """'6 Nov 2017 – 10 Nov 2017', or a single date when start and end coincide."""
    a, b = fmt_op_date(start, precision, locale), fmt_op_date(end, precision, locale)
    return a if b in ("–", a) else f"{a} – {b}"


def op_span(start, end, precision: str = "day") -> tuple[pd.Timestamp, pd.Timestamp]:
    """[start, end) of an operation for drawing. A day-precise end includes its day; a month- or year-precise
    end covers its whole month or year; a missing end is the start's day, month or year."""
    s = pd.Timestamp(start)
    e = s if _missing(end) else pd.Timestamp(end)
    if precision == "year":
        e = pd.Timestamp(year=e.year + 1, month=1, day=1)
    elif precision == "month":
        e = pd.Timestamp(year=e.year + (e.month == 12), month=e.month % 12 + 1, day=1)
    else:
        e = e + pd.Timedelta(days=1)
    return s, max(e, s + pd.Timedelta(days=1))


def _goal_name(gid, goal_labels: dict, labels: dict) -> str:
    return goal_labels.get(gid, gid) if isinstance(gid, str) and gid else labels["no_goal"]


def _legend_below_title(fig: go.Figure, top: int = 140) -> go.Figure:
    """Title at the very top, a horizontal legend just below it, the plot under both (tall charts)."""
    height = fig.layout.height or 450
    fig.update_layout(title=dict(yref="container", y=1 - 12 / height, yanchor="top"),
                      legend=dict(orientation="h", yref="container", y=1 - 48 / height, yanchor="top", x=0,
                                  xanchor="left"),
                      margin=dict(t=top))
    return fig


def _goal_groups(d: pd.DataFrame, fig: go.Figure, goal_labels: dict, labels: dict):
    """Rows of `d` by goal (no goal last as ''), each with its colour and escaped legend name (added to fig)."""
    goal_key = d["goal_id"].where(d["goal_id"].notna(), "")
    for gid in sorted(goal_key.unique()):
        color = theme.color_for(gid) if gid else "#999999"
        name = html_text(_goal_name(gid, goal_labels, labels))
        _legend_swatch(fig, name, color)
        yield gid, d[goal_key == gid], color, name


def _legend_swatch(fig: go.Figure, name: str, color: str) -> None:
    """A legend entry in the goal's plain colour (the traces' own markers vary with date precision)."""
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup=name, showlegend=True,
                             marker=dict(symbol="square", size=12, color=color), hoverinfo="skip"))


def operations_timeline(df: pd.DataFrame, *, title: str, goal_labels: dict[str, str] | None = None,
                        labels: dict | None = None, locale: str = "en", font_scale: float = 1.0) -> go.Figure:
    """One row per operation: a bar from start to end and a marker at its midpoint, coloured by goal.

    Columns: name, start_date, end_date, date_precision, goal_id, crime_area, lead, regions (countries_listed
    optional). Month- or year-precise dates (approximate) get a hatched bar and an open marker.
    """
    labels = {**OPS_LABELS, **(labels or {})}
    goal_labels = goal_labels or {}
    fig = go.Figure()
    d = df.sort_values(["start_date", "name"])
    for gid, g, color, name in _goal_groups(d, fig, goal_labels, labels):
        spans = [op_span(s, e, p) for s, e, p in zip(g["start_date"], g["end_date"], g["date_precision"])]
        approx = [p != "day" for p in g["date_precision"]]
        hover = []
        for r, is_approx in zip(g.itertuples(index=False), approx):
            text = (f"<b>{html_text(r.name)}</b><br>"
                    f"{fmt_op_period(r.start_date, r.end_date, r.date_precision, locale)}")
            if is_approx:
                text += " (" + labels["approx_dates"].format(
                    precision=labels["precision"].get(r.date_precision, r.date_precision)) + ")"
            text += f"<br>{labels['goal']}: {name}<br>{labels['crime_area']}: {html_text(r.crime_area) or '–'}"
            text += (f"<br>{labels['lead']}: {html_text(r.lead) or '–'}<br>{labels['where']}: "
                     f"{html_text(r.regions) or '–'}")
            if hasattr(r, "countries_listed"):
                text += f"<br>{labels['countries']}: {int(r.countries_listed)}"
            hover.append(text)
        fig.add_trace(go.Bar(
            y=g["name"].map(html_text), x=[(e - s).total_seconds() * 1000 for s, e in spans],
            base=[s for s, _ in spans],
            orientation="h", name=name, legendgroup=name, showlegend=False, marker=dict(
                color=color, line=dict(color=color, width=1),
                pattern=dict(shape=["/" if a else "" for a in approx], fgcolor="#ffffff", solidity=0.4)),
            hovertext=hover, hoverinfo="text", width=0.6))
        fig.add_trace(go.Scatter(
            y=g["name"].map(html_text), x=[s + (e - s) / 2 for s, e in spans], mode="markers", name=name,
            legendgroup=name,
            showlegend=False, marker=dict(size=10, color=color, line=dict(color=color, width=2),
                                          symbol=["diamond-open" if a else "diamond" for a in approx]),
            hovertext=hover, hoverinfo="text"))
    order = d["name"].map(html_text).tolist()
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order, autorange="reversed",
                     title=None)
    fig.update_xaxes(type="date", title=None, showgrid=True)
    fig = theme.apply_layout(fig, title=title, height=max(320, 28 * len(order) + 170), font_scale=font_scale)
    fig.update_layout(barmode="overlay")
    return _legend_below_title(fig)


def metric_bars(df: pd.DataFrame, *, title: str, x_title: str, goal_labels: dict[str, str] | None = None,
                labels: dict | None = None, locale: str = "en", font_scale: float = 1.0) -> go.Figure:
    """One horizontal bar per operation for one metric, labelled with the qualified figure (≈500, ≥200).

    Columns: operation, value, qualifier, goal_id (source_url optional). Non-exact figures get a hatched bar.
    """
    labels = {**OPS_LABELS, **(labels or {})}
    goal_labels = goal_labels or {}
    d = df.sort_values(["value", "operation"])
    fig = go.Figure()
    for gid, g, color, name in _goal_groups(d, fig, goal_labels, labels):
        text = [theme.fmt_qualified(v, q, locale=locale) for v, q in zip(g["value"], g["qualifier"])]
        hover = [f"<b>{html_text(o)}</b><br>{t} ({labels['qualifier'].get(q, q)})<br>{labels['goal']}: {name}"
                 for o, t, q in zip(g["operation"], text, g["qualifier"])]
        fig.add_trace(go.Bar(
            y=g["operation"].map(html_text), x=g["value"], orientation="h", name=name, legendgroup=name,
            showlegend=False,
            text=text, textposition="outside",
            cliponaxis=False, marker=dict(color=color, pattern=dict(
                shape=["" if q == "exact" else "/" for q in g["qualifier"]], fgcolor="#ffffff", solidity=0.4)),
            hovertext=hover, hoverinfo="text"))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=d["operation"].map(html_text).tolist(),
                     title=None)
    fig.update_xaxes(title=html_text(x_title), rangemode="tozero")
    fig = theme.apply_layout(fig, title=title, height=max(300, 32 * len(d) + 170), font_scale=font_scale)
    fig.update_layout(margin=dict(r=60))
    return _legend_below_title(fig)


def operation_countries_map(df: pd.DataFrame, *, title: str, colorbar_title: str,
                            font_scale: float = 1.0) -> go.Figure:
    """Countries coloured by how many of the chosen operations list them (columns iso3, country, operations,
    operation_names). With one operation, every listed country has the same colour and no colour bar."""
    top = max(1, int(df["operations"].max())) if len(df) else 1
    fig = choropleth(df, value_col="operations", title=title, colorbar_title=colorbar_title, higher_is_worse=False,
                     hover_cols=["operation_names"], measure="count", height=520, font_scale=font_scale,
                     range_color=(0, top))
    fig.update_traces(showscale=top > 1, colorbar=dict(dtick=1))
    return fig


def operations_table(ops: pd.DataFrame, *, columns: dict[str, str], goal_labels: dict[str, str] | None = None,
                     labels: dict | None = None, locale: str = "en") -> pd.DataFrame:
    """The operations as a readable table: period at its precision, goal, crime area, lead, place, source.

    `columns` maps keys operation, period, precision, goal, crime_area, lead, where, countries, source to headers.
    """
    labels = {**OPS_LABELS, **(labels or {})}
    goal_labels = goal_labels or {}
    rows = []
    for r in ops.itertuples(index=False):
        rows.append({
            columns["operation"]: r.name,
            columns["period"]: fmt_op_period(r.start_date, r.end_date, r.date_precision, locale),
            columns["precision"]: labels["precision"].get(r.date_precision, r.date_precision),
            columns["goal"]: f"{r.goal_id} · {goal_labels.get(r.goal_id, '')}" if isinstance(r.goal_id, str)
            else labels["no_goal"],
            columns["crime_area"]: r.crime_area,
            columns["lead"]: r.lead,
            columns["where"]: r.regions,
            columns["countries"]: int(r.countries_listed),
            columns["source"]: r.source_url,
        })
    return pd.DataFrame(rows, columns=list(columns.values()))


def results_table(results: pd.DataFrame, *, columns: dict[str, str], metric_labels: dict[str, str] | None = None,
                  labels: dict | None = None, locale: str = "en") -> pd.DataFrame:
    """One row per operation and metric: the figure with its qualifier sign (≈500, ≥200), the qualifier in words,
    the unit and the row's own source page. `columns` maps operation, metric, figure, qualifier, unit, source."""
    labels = {**OPS_LABELS, **(labels or {})}
    metric_labels = metric_labels or {}
    rows = [{
        columns["operation"]: r.operation,
        columns["metric"]: metric_labels.get(r.metric, r.metric.replace("_", " ")),
        columns["figure"]: theme.fmt_qualified(r.value, r.qualifier, locale=locale),
        columns["qualifier"]: labels["qualifier"].get(r.qualifier, r.qualifier),
        columns["unit"]: theme.unit_text(r.unit, locale),
        columns["source"]: r.source_url,
    } for r in results.itertuples(index=False)]
    return pd.DataFrame(rows, columns=list(columns.values()))


def results_side_by_side(results: pd.DataFrame, *, metric_header: str, metric_labels: dict[str, str] | None = None,
                         locale: str = "en") -> pd.DataFrame:
    """Metrics as rows, operations as columns (in the order given), cells the qualified figure with its unit.
    Nothing is summed across operations: each figure has its own source and qualifier."""
    metric_labels = metric_labels or {}
    ops = list(dict.fromkeys(results["operation"]))
    metrics = list(dict.fromkeys(results["metric"]))
    table = {m: {op: "–" for op in ops} for m in metrics}
    for r in results.itertuples(index=False):
        table[r.metric][r.operation] = theme.fmt_qualified(r.value, r.qualifier, r.unit, locale)
    rows = [{metric_header: metric_labels.get(m, m.replace("_", " ")), **table[m]} for m in metrics]
    return pd.DataFrame(rows, columns=[metric_header, *ops])


def countries_by_operation(ops: pd.DataFrame, countries: pd.DataFrame, *, columns: dict[str, str],
                           none_text: str) -> pd.DataFrame:
    """One row per operation: how many countries are listed and which (names), or `none_text` plus the place
    as the source describes it. `columns` maps operation, count, countries, where."""
    rows = []
    for r in ops.itertuples(index=False):
        names = countries.loc[countries["operation_id"] == r.operation_id, "country"].tolist()
        rows.append({columns["operation"]: r.name, columns["count"]: len(names),
                     columns["countries"]: ", ".join(names) if names else none_text,
                     columns["where"]: r.regions})
    return pd.DataFrame(rows, columns=list(columns.values()))


def goal_indicator_table(indicators: pd.DataFrame, values: pd.DataFrame, *, regions: list[str],
                         columns: dict[str, str], thin_mark: str = " †", locale: str = "en") -> pd.DataFrame:
    """One row per indicator: name, id, unit, the year shown, a cell per region 'value (n/N)' (thin coverage
    marked), the latest year with any value, the editorial rationale and a link to the Trends page.

    `indicators`: indicator_id, name, unit, measure, goal_rationale (preferred optional).
    `values`: output of data.latest_region_values. `columns` maps indicator, id, unit, year, latest, rationale,
    trends to headers; region columns are headed by the region names.
    """
    rows = []
    for ind in indicators.itertuples(index=False):
        v = values[values["indicator_id"] == ind.indicator_id]
        row = {columns["indicator"]: ind.name, columns["id"]: ind.indicator_id, columns["unit"]: ind.unit,
               columns["year"]: str(int(v["year"].iloc[0])) if len(v) else "–"}
        for region in regions:
            cell = v[v["region"] == region]
            if cell.empty:
                row[region] = "–"
                continue
            c = cell.iloc[0]
            row[region] = (f"{theme.fmt_number(c.value, ind.measure, locale)} "
                           f"({int(c.countries_reporting)}/{int(c.countries_total)})"
                           + (thin_mark if bool(c.thin) else ""))
        row[columns["latest"]] = str(int(v["last_year"].iloc[0])) if len(v) else "–"
        row[columns["rationale"]] = ind.goal_rationale
        row[columns["trends"]] = f"trends?indicator={ind.indicator_id}"     # relative: works under a base path
        rows.append(row)
    return pd.DataFrame(rows, columns=[columns["indicator"], columns["year"], *regions, columns["unit"],
                                       columns["latest"], columns["rationale"], columns["id"], columns["trends"]])


def goals_overview(goals: pd.DataFrame, indicators: pd.DataFrame, operations: pd.DataFrame, *,
                   columns: dict[str, str], short_names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per goal: id, short name, title, number of indicators mapped to it, number of operations, SDGs.
    `columns` maps goal, name, title, indicators, operations, sdgs to headers."""
    short_names = short_names or {}
    n_ind = indicators["goal_id"].value_counts()
    n_ops = operations["goal_id"].value_counts()
    rows = [{
        columns["goal"]: g.goal_id,
        columns["name"]: short_names.get(g.goal_id, g.short_name),
        columns["title"]: g.title,
        columns["indicators"]: int(n_ind.get(g.goal_id, 0)),
        columns["operations"]: int(n_ops.get(g.goal_id, 0)),
        columns["sdgs"]: ", ".join(p.strip() for p in str(g.related_sdgs or "").split(";") if p.strip().isdigit()),
    } for g in goals.itertuples(index=False)]
    return pd.DataFrame(rows, columns=list(columns.values()))


import re  # noqa: E402 - kept inside this section of the shared module

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&])")
#: Where Streamlit's Markdown would still turn text into a link after escaping (GFM autolink literals: a URL
#: scheme, www., an e-mail address): an invisible word joiner (U+2060) goes there.
_AUTOLINK = re.compile(r"(?<=&#58;)(?=//)|(?<=(?i:\bwww))(?=\\\.)|(?=@)")


def md_escape(text) -> str:
    """Text from data files, escaped so Streamlit's Markdown (st.markdown, captions, labels, help, alerts) shows
    it literally: no emphasis, links, HTML, LaTeX, entities, `:color[...]` or `:material/...:` icons, autolinks.

    Markdown punctuation is backslash-escaped; ':' becomes the entity &#58; (a backslash does not stop
    Streamlit's icon shortcodes); a word joiner breaks URL and e-mail autolinks. Renders as the original text.
    """
    if _missing(text):
        return ""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text)).replace(":", "&#58;")
    return _AUTOLINK.sub("\u2060", escaped)


# === Architecture and Data pages ===

def _wrap_names(names, per_line: int = 5) -> str:
    names = [html_text(n) for n in names]
    return "<br>".join(", ".join(names[i:i + per_line]) for i in range(0, len(names), per_line))


OVERLAP_LABELS = {"shared": "{n} countries shared", "own": "{n} countries covered (own coverage)",
                  "none": "no country shared", "colorbar": "countries"}


def overlap_heatmap(overlap: pd.DataFrame, *, order: list[str], title: str, names: pd.DataFrame | None = None,
                    labels: dict | None = None, height: int = 560, font_scale: float = 1.0) -> go.Figure:
    """Organization × organization matrix of countries shared (org_a, org_b, shared), counts written in the cells.

    The diagonal is each body's own coverage; the colour scale is capped at the largest off-diagonal overlap
    so small overlaps stay visible (the diagonal cells then take the darkest shade). `names` (org_a, org_b,
    countries) adds the shared countries to the hover.
    """
    labels = {**OVERLAP_LABELS, **(labels or {})}
    orgs = [o for o in order if o in set(overlap["org_a"]) | set(overlap["org_b"])]
    counts = {(a, b): int(n) for a, b, n in zip(overlap["org_a"], overlap["org_b"], overlap["shared"])}
    listed = {}
    if names is not None and len(names):
        listed = {(a, b): list(c) for a, b, c in zip(names["org_a"], names["org_b"], names["countries"])}
    z, hover = [], []
    for a in orgs:                       # rows (y)
        zr, hr = [], []
        for b in orgs:                   # columns (x)
            n = counts.get((a, b), 0)
            zr.append(n)
            head = (f"<b>{html_text(a)} × {html_text(b)}</b><br>" if a != b else f"<b>{html_text(a)}</b><br>")
            text = labels["own" if a == b else ("shared" if n else "none")].format(n=n)
            body = _wrap_names(listed.get((a, b), []))
            hr.append(head + text + (f"<br>{body}" if body else ""))
        z.append(zr)
        hover.append(hr)
    off = [z[i][j] for i in range(len(orgs)) for j in range(len(orgs)) if i != j]
    zmax = max(off + [1])
    fig = go.Figure(go.Heatmap(
        z=z, x=[html_text(o) for o in orgs], y=[html_text(o) for o in orgs], zmin=0, zmax=zmax,
        colorscale=[[0, "#f7f9fc"], [0.15, "#c6dbef"], [1, theme.NAVY]],
        text=z, texttemplate="%{text}", textfont=dict(size=round(13 * font_scale)),
        hovertext=hover, hoverinfo="text", xgap=2, ygap=2,
        colorbar=dict(title=dict(text=labels["colorbar"]), thickness=14)))
    fig.update_xaxes(side="top", tickangle=0, showgrid=False)
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig = theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)
    fig.update_layout(margin=dict(l=10, r=10, t=100, b=10))
    return fig


#: Discrete colours for "how many Dialogue bodies cover a country": 0 is a gap (warm), 1, 2, 3+ deepening blues.
COVERAGE_COLORS = ["#F4A582", "#C6DBEF", "#6BAED6", "#08519C"]
COVERAGE_LABELS = {"bodies": "bodies", "none": "none besides INTERPOL", "gap": "0 (gap)", "member_of": "{org}: {type}"}


def coverage_map(cov: pd.DataFrame, *, title: str, colorbar_title: str, labels: dict | None = None,
                 highlight: pd.DataFrame | None = None, highlight_name: str | None = None, height: int = 560,
                 font_scale: float = 1.0) -> go.Figure:
    """Countries (iso3, country, bodies, body_names) coloured by how many Dialogue bodies cover them: 0, 1, 2, 3+.

    `highlight` (iso3, country, membership_type) overlays one body's members in that body's colour.
    """
    labels = {**COVERAGE_LABELS, **(labels or {})}
    level = cov["bodies"].clip(upper=3).astype(int)
    hover = [f"<b>{html_text(c)}</b><br>{n} {labels['bodies']}: {html_text(names) if names else labels['none']}"
             for c, n, names in zip(cov["country"], cov["bodies"], cov["body_names"])]
    scale = []
    for i, color in enumerate(COVERAGE_COLORS):
        scale += [[i / 4, color], [(i + 1) / 4, color]]
    fig = go.Figure(go.Choropleth(
        locations=cov["iso3"], z=level, locationmode="ISO-3", colorscale=scale, zmin=-0.5, zmax=3.5,
        marker_line_color="#ffffff", marker_line_width=0.4, hovertext=hover, hoverinfo="text", name="",
        colorbar=dict(title=dict(text=html_text(colorbar_title)), thickness=14, tickvals=[0, 1, 2, 3],
                      ticktext=[labels["gap"], "1", "2", "3+"])))
    if highlight is not None and len(highlight):
        color = theme.color_for(highlight_name or "")
        text = [f"<b>{html_text(c)}</b><br>" + labels["member_of"].format(org=html_text(highlight_name), type=t)
                for c, t in zip(highlight["country"], highlight["membership_type"])]
        fig.add_trace(go.Choropleth(
            locations=highlight["iso3"], z=[1] * len(highlight), locationmode="ISO-3",
            colorscale=[[0, color], [1, color]], showscale=False, marker_opacity=0.85,
            marker_line_color="#222222", marker_line_width=1.2, hovertext=text, hoverinfo="text",
            name=html_text(highlight_name)))
    return world_map_layout(fig, title=title, height=height, font_scale=font_scale, landcolor="#eeeeee")


def coverage_bars(orgs: pd.DataFrame, *, title: str, x_title: str, partial_label: str = "partial list",
                  height: int = 380, font_scale: float = 1.0) -> go.Figure:
    """Countries covered (members and associates) per organization (name, countries_covered,
    membership_complete), one bar each in the organization's colour; partial lists hatched and labelled."""
    df = orgs.sort_values("countries_covered")
    partial = ~df["membership_complete"].astype(bool)
    text = [f"{n} ({partial_label})" if p else str(n) for n, p in zip(df["countries_covered"], partial)]
    fig = go.Figure(go.Bar(
        x=df["countries_covered"], y=df["name"].map(html_text), orientation="h", text=text, textposition="outside",
        marker=dict(color=[theme.color_for(n) for n in df["name"]],
                    pattern=dict(shape=["/" if p else "" for p in partial])),
        hovertemplate="<b>%{y}</b>: %{x}<extra></extra>", cliponaxis=False))
    fig.update_xaxes(title=x_title, rangemode="tozero")
    fig.update_yaxes(title=None)
    fig = theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)
    fig.update_layout(showlegend=False, margin=dict(l=10, r=60, t=60, b=10))
    return fig


MEETING_LABELS = {"edition": "Dialogue edition", "working_group": "Working group", "virtual": "online",
                  "in_person": "in person", "date": "Date", "unknown_venue": "venue not stated"}


def meetings_timeline(meetings: pd.DataFrame, *, title: str, labels: dict | None = None, height: int = 320,
                      font_scale: float = 1.0) -> go.Figure:
    """Dialogue meetings (edition, start_date, end_date, city, country, virtual, host) as dated markers:
    numbered editions on one row, working groups on another; virtual meetings as open markers.
    Meetings without a date cannot be placed and are left out (the page lists them)."""
    labels = {**MEETING_LABELS, **(labels or {})}
    df = meetings[meetings["start_date"].notna()].sort_values("start_date")
    is_wg = df["edition"].astype(str).str.startswith("WG")
    fig = go.Figure()
    for wg, name, color in ((False, labels["edition"], theme.NAVY), (True, labels["working_group"], "#888888")):
        g = df[is_wg == wg]
        if g.empty:
            continue
        virtual = [None if pd.isna(v) else bool(v) for v in g["virtual"]]
        city = [c if isinstance(c, str) and c else (labels["virtual"] if v else labels["unknown_venue"])
                for c, v in zip(g["city"], virtual)]
        place = [", ".join(p for p in (c, k) if isinstance(p, str) and p) for c, k in zip(city, g["country"])]
        hover = [f"<b>{html_text(e)}</b> · {pd.Timestamp(s):%Y-%m-%d}"
                 + (f" – {pd.Timestamp(t):%Y-%m-%d}" if pd.notna(t) and pd.Timestamp(t) != pd.Timestamp(s) else "")
                 + f"<br>{html_text(p)}"
                 + (f" ({labels['virtual'] if v else labels['in_person']})" if v is not None else "")
                 + (f"<br>{html_text(h)}" if isinstance(h, str) and h else "")
                 for e, s, t, p, v, h in zip(g["edition"], g["start_date"], g["end_date"], place, virtual, g["host"])]
        fig.add_trace(go.Scatter(
            x=g["start_date"], y=[name] * len(g), mode="markers+text", name=name,
            text=[f"{html_text(e)}<br>{html_text(c)}" for e, c in zip(g["edition"], city)], textposition="top center",
            textfont=dict(size=round(11 * font_scale)),
            marker=dict(size=16, color=color, symbol=["circle-open" if v else "circle" for v in virtual],
                        line=dict(width=2.5, color=color)),
            hovertext=hover, hoverinfo="text"))
    fig.update_xaxes(title=labels["date"], type="date")
    fig.update_yaxes(title=None, type="category", range=[-0.5, 1.9])
    fig = theme.apply_layout(fig, title=title, height=height, font_scale=font_scale)
    fig.update_layout(showlegend=False)
    return fig
