import streamlit as st
st.title('architecture (coming)')
