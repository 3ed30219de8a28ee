"""stub"""
import streamlit as st

from dashboard import frame

view = frame.view()
st.title("country")
