"""Build scripts for files served from static/ (kept out of the served folder)."""
