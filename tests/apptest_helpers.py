"""Shared helpers for the AppTest page tests."""
from __future__ import annotations

import base64
import html
import json
import re

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest


def open_page(page: str, *, first_run: bool = False, **params) -> AppTest:
    """Run app.py (the frame) on `page` (e.g. "pages/trends.py") with URL parameters; fail on any error.

    first_run: run the default page once before switching (AppTest needs it for a page whose file name
    differs from its url_path).
    """
    at = AppTest.from_file("../app.py", default_timeout=60)
    if first_run:
        at.run()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def decode(value):
    """A plotly JSON array: a plain list, or plotly >= 6's {'dtype', 'bdata'[, 'shape']} base64 encoding."""
    if isinstance(value, dict) and "bdata" in value:
        arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            arr = arr.reshape([int(s) for s in str(value["shape"]).split(",")])
        return arr.tolist()
    return list(value) if value is not None else []


def figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def table_with(at: AppTest, *columns: str, unique: bool = False) -> pd.DataFrame:
    """The (first, or with unique=True the only) table showing all `columns`."""
    found = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
    assert found, f"no table with columns {columns}"
    assert not unique or len(found) == 1, f"expected one table with columns {columns}, found {len(found)}"
    return found[0]


# -- deck windows (tests/test_presenter*.py) -----------------------------------------------------------------

def open_window(**params) -> AppTest:
    """A browser window on app.py with these URL parameters (a deck link: no page switch needed); fail on any
    error."""
    at = AppTest.from_file("../app.py", default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    no_error(at)
    return at


def no_error(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def url_params(at: AppTest) -> dict:
    return {k: at.query_params[k] for k in at.query_params}


def shown(markdown: str) -> str:
    """Markdown as the viewer reads it: escapes, entities and bold markers removed."""
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown)).replace("**", "")


def press(at: AppTest, key: str) -> AppTest:
    """Click the button `key` and run what follows; fail on any error."""
    at.button(key=key).click().run()
    no_error(at)
    return at
