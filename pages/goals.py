import streamlit as st
st.title('goals (coming)')
