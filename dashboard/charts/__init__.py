"""Pure figure builders by kind, DataFrame in, plotly Figure out: no Streamlit, no database. Labels arrive
already translated; colours come from dashboard/theme.py so a region looks the same everywhere.

lines.py (trends, small multiples), maps.py (world maps), operations.py (timeline, metric bars),
architecture.py (overlap matrix, coverage bars, meetings), style.py (locale and presentation sizing).
"""
