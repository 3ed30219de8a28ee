import streamlit as st
st.title('data_sources (coming)')
