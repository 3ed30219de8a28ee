"""Map probe for the browser tests: a plotly choropleth drawn from the local world topojson.

Served by the ``map_probe_server`` fixture (tests/e2e/conftest.py) next to the repo's ``static/``.
Uses only plotly and streamlit so it checks the offline map set-up independently of the app:
``config={"topojsonURL": "/app/static/"}`` makes plotly.js fetch ``/app/static/world_110m.json``
instead of ``https://cdn.plot.ly/un/world_110m.json``; ``projection_rotation_lon=0`` as the
design notes require with that file.
"""

import plotly.graph_objects as go
import streamlit as st

TOPOJSON_URL = "/app/static/"
# Large countries on every continent, all present at the 1:110m scale.
LOCATIONS = ["FRA", "BRA", "NGA", "IND", "AUS", "USA", "CHN", "RUS", "ZAF", "MEX"]

st.set_page_config(page_title="Map probe", page_icon="static/favicon.png", layout="wide")
st.title("Map probe")

fig = go.Figure(
    go.Choropleth(
        locations=LOCATIONS,
        z=list(range(1, len(LOCATIONS) + 1)),
        locationmode="ISO-3",
        colorscale="Blues",
        marker_line_color="#ffffff",
    )
)
fig.update_geos(
    projection_type="natural earth",
    projection_rotation_lon=0,
    showcountries=True,
    showcoastlines=True,
    showframe=False,
)
fig.update_layout(height=500, margin=dict(l=0, r=0, t=0, b=0))
st.plotly_chart(fig, config={"topojsonURL": TOPOJSON_URL, "displaylogo": False}, key="map")
st.caption(f"{len(LOCATIONS)} countries; topojson from {TOPOJSON_URL}world_110m.json")
