"""The running app's questions: `data.questions`, every question of dashboard/questions.py answered through
Streamlit's cache over the executor of dashboard/db.py, and nothing else.

- one executor (one read-only DuckDB connection) per published build, shared by every session
  (st.cache_resource, keyed by the build's fingerprint);
- one cache entry per (question, parameters, build) (st.cache_data): when the ETL publishes a new build the
  fingerprint changes, new questions open the new build and the old entries are simply never asked again.

`data.region_series(...)` and the like read as `data.questions.region_series(...)`.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from . import db
from .db import TABLES, DataUnavailable, fingerprint  # noqa: F401 - the app's names for them
from .questions import Questions


@st.cache_resource(show_spinner=False, max_entries=4)
def executor(fp: str) -> db.Executor:
    return db.Executor(fp)


@st.cache_data(show_spinner=False, max_entries=1024, ttl=3600)
def _answer(name: str, params: tuple, fp: str) -> pd.DataFrame:
    return executor(fp).run(name, *params)


def ask(name: str, *params) -> pd.DataFrame:
    """The answer to a named question with bound parameters, cached per published build."""
    return _answer(name, tuple(tuple(p) if isinstance(p, list) else p for p in params), fingerprint())


def stream(name: str, *params):
    return executor(fingerprint()).stream(name, *params)


def clear() -> None:
    """Forget every cached answer and connection (tests that rebuild the warehouse)."""
    _answer.clear()
    executor.clear()


questions = Questions(ask, stream)


def for_this_run() -> Questions:
    """The questions for one script run: each distinct question is fetched from the cache once in the run (a
    cache hit copies its frame, and a view asks some questions several times). Frames are shared within the
    run: callers never change one in place."""
    answers: dict = {}

    def ask_once(name: str, *params) -> pd.DataFrame:
        key = (name, tuple(tuple(p) if isinstance(p, list) else p for p in params))
        if key not in answers:
            answers[key] = ask(name, *params)
        return answers[key]

    return Questions(ask_once, stream)


def __getattr__(name: str):
    return getattr(questions, name)
