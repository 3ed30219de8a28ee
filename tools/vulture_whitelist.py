"""Names vulture (the dead-code check of `make lint`) cannot see used, each with the reason it is not dead."""
# ruff: noqa: F821, B018
_.rotation            # charts/maps.py: plotly attribute set to clear the projection's rotation
_.topojson            # export/png.py: plotly.io.defaults.topojson, read by kaleido
_.slide_height        # export/powerpoint.py: python-pptx attributes set for their effect
_.word_wrap
_.address
_.alignment
__getattr__           # dashboard/data.py: module attribute access (data.region_series) goes to the questions
mtime_ns              # dashboard/dictionary.py: part of the cache key (the file is re-read when it changes)
help                  # registry.Param.help: the README's parameter table (tests/test_registry.py checks it)
country_series        # questions.Questions: the tests' expected values for single countries
_.get_external_ip     # server_guard.disable_address_probes: Streamlit's address look-ups replaced for their effect
_.get_internal_ip
