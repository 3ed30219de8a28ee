"""The dashboard's server: `make run` (or `python serve.py [streamlit options]`) serves app.py through this.

`streamlit run serve.py` finds the `st.App` below and serves it with uvicorn; `dashboard/server_guard.py`'s
middleware runs before Streamlit on every request (Host and Origin checks, closed routes, viewer passcode,
frame protection). Settings: SERVE_ADDRESS (default 127.0.0.1) and VIEWER_PASSCODE; see README, "Serving on
a venue network". At start the terminal shows the presenter's key (PRESENTER_KEY, else a new one) with the
speaker view's and the venue window's URLs: README, "How a presenter sets up a venue".
"""
from __future__ import annotations

import sys

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config

from dashboard import decks, server_guard
from dashboard.presenter import access

if __name__ == "__main__":
    # Checks the settings, then runs `streamlit run serve.py --server.address ...` in this process.
    server_guard.launch(__file__, sys.argv[1:])
else:
    settings = server_guard.server_settings()
    app = st.App("app.py", middleware=[Middleware(server_guard.ServerGuard, settings=settings)])
    shown = settings.address if ":" not in settings.address else f"[{settings.address}]"
    names = decks.available()
    access.announce(f"http://{shown}:{config.get_option('server.port')}",
                    "dialogue" if "dialogue" in names else next(iter(names), None))
