import streamlit as st
st.title('map (coming)')
