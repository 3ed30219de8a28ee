"""Downloads worth citing (dashboard/downloads.py), the chart helpers of the new views and the text helpers for
right-to-left languages: citable CSV columns and numbers, the citation, the offline PNG and SVG with a footer,
operation markers kept apart and within the data, quantile classes, one-sign changes, isolated names."""
from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import downloads, i18n, theme
from dashboard.charts import events

SRC = {"publisher": "UNODC, processed by Our World in Data", "title": "Homicide rate per 100,000 population",
       "license": "CC BY 4.0", "retrieved": "2026-03-24", "url": "https://ourworldindata.org/grapher/x"}


def test_citable_csv_has_metadata_columns_and_numbers_as_numbers():
    df = pd.DataFrame({"series": ["World", "Niger"], "year": [2022, 2012], "value": [5.807196123456789, 4.4156],
                       "countries_reporting": [105, None], "population_covered_share": [0.52622712, None]})
    cite = downloads.citation(publisher=SRC["publisher"], title=SRC["title"], years=(2012, 2022),
                              retrieved=SRC["retrieved"], url=SRC["url"], view_title="Trends", view_url="http://h/t",
                              accessed="2026-11-28")
    out = downloads.citable(df, indicator_id="homicide_rate_per_100k", indicator="Homicide rate",
                            unit="victims per 100,000 population", measure="rate_per_100k", src=SRC,
                            citation_text=cite)
    parsed = pd.read_csv(io.BytesIO(downloads.csv_bytes(out)))
    assert list(parsed.columns[:2]) == ["indicator_id", "indicator"]
    assert {"value", "unit", "source", "license", "retrieved", "citation", "countries_reporting",
            "population_covered_share"} <= set(parsed.columns)
    assert parsed["value"].tolist() == [5.8072, 4.4156] and parsed["value"].dtype == float
    assert parsed["population_covered_share"].iloc[0] == 0.5262
    assert parsed["source"].iloc[0] == "UNODC, processed by Our World in Data: Homicide rate per 100,000 population"
    assert cite == ("UNODC, processed by Our World in Data (2026). Homicide rate per 100,000 population, 2012–2022 "
                    "[dataset]. Retrieved 2026-03-24 from https://ourworldindata.org/grapher/x. Shown in: "
                    f"{downloads.APP_NAME}, Trends, http://h/t (accessed 2026-11-28).")
    counts = downloads.rounded(pd.Series([11545.0, 22847.0]), "count")
    assert str(counts.dtype) == "Int64" and counts.tolist() == [11545, 22847]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_chart_images_carry_title_and_source_footer_offline(fmt):
    fig = theme.apply_layout(go.Figure(go.Scatter(x=[2020, 2021], y=[1, 2])), title="Homicide rate, World")
    data = downloads.image(fig, fmt, "Source: UNODC, Homicide rate · 2020–2021 data.")
    if fmt == "svg":
        text = data.decode("utf-8")
        assert text.startswith("<svg") and "Homicide rate, World" in text and "Source: UNODC" in text
    else:
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_operation_markers_within_the_data_and_labels_apart():
    ev = pd.DataFrame({"date": pd.to_datetime(["2017-11-06", "2017-11-20", "2018-06-01", "2030-01-01"]),
                       "label": ["Epervier", "Libertad", "Sawiyan", "Future"]})
    placed = events.layout(ev, (2000.0, 2025.0))
    assert [t for _x, t, _r in placed] == ["Epervier · Libertad", "Sawiyan"]         # close ones share a label
    assert len({r for _x, _t, r in placed}) == 2                                     # neighbours take turns
    fig = go.Figure()
    events.add_markers(fig, ev, (2000.0, 2025.0))
    assert len(fig.layout.shapes) == 2 and all(s.x0 < 2025 for s in fig.layout.shapes)   # none past the data


def test_changes_have_one_true_sign_and_names_are_isolated_in_arabic():
    assert theme.fmt_change(-0.41, "rate_per_100k") == "−0.41"
    assert theme.fmt_change(0.224, "score") == "+0.22" and theme.fmt_change(0.0, "score") == "0"
    assert theme.fmt_change(-11302, "count", "fr") == "−11\u202f302"
    assert i18n.isolate("UNODC (2024)", "ar") == "\u2068UNODC (2024)\u2069" and i18n.isolate("UNODC", "fr") == "UNODC"
    assert i18n.year_span(2000, 2024, "ar") == "2000\u200e–\u200e2024" and i18n.year_span(2000, 2024, "en") == "2000–2024"


def test_plural_forms_come_from_the_catalogues():
    with i18n.use_language("en"):
        assert i18n.n_("{n} indicator reported", "{n} indicators reported", 1).format(n=1) == "1 indicator reported"
    with i18n.use_language("fr"):
        assert i18n.n_("Run history ({n} run)", "Run history ({n} runs)", 2).format(n=2) == "Historique (2 exécutions)"
    with i18n.use_language("ar"):
        forms = {i18n.n_("{n} member country", "{n} member countries", n) for n in (1, 2, 5, 55, 100)}
        assert len(forms) == 5                                     # Arabic has its own forms for 1, 2, 3-10, 11-99, 100+
