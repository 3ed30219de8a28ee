# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA_DIR ?= data
PORT ?= 8501
RAW := $(wildcard $(DATA_DIR)/raw/*)
ETL_CODE := $(wildcard etl/*.py etl/*.toml etl/sources/*.py etl/sql/*.sql)

.PHONY: run test etl check bench browser clean-data help

help:
	@echo "make run     set up (venv, dependencies, warehouse) and serve the app on http://127.0.0.1:$(PORT)"
	@echo "make test    set up and run every test (unit, data, AppTest, browser)"
	@echo "make etl     rebuild the warehouse from $(DATA_DIR)/raw"
	@echo "make check   validate $(DATA_DIR)/raw without writing anything"
	@echo "make bench   run the benchmarks (prints figures)"

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# The warehouse is rebuilt when it is missing or older than any raw file or the ETL code.
$(DATA_DIR)/warehouse.duckdb: $(STAMP) $(RAW) $(ETL_CODE)
	$(PY) -m etl --data-dir $(DATA_DIR)

etl: $(STAMP)
	$(PY) -m etl --data-dir $(DATA_DIR)

check: $(STAMP)
	$(PY) -m etl --data-dir $(DATA_DIR) --check

run: $(DATA_DIR)/warehouse.duckdb
	DATA_DIR=$(DATA_DIR) $(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

# Browser tests need Debian's Chromium (Playwright's own browser download does not work offline).
browser:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium chromium-driver; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium chromium-driver; fi; }

test: $(DATA_DIR)/warehouse.duckdb browser
	$(PY) -m pytest -q

bench: $(DATA_DIR)/warehouse.duckdb browser
	$(PY) -m bench

clean-data:
	rm -rf $(DATA_DIR)/warehouse.duckdb $(DATA_DIR)/parquet $(DATA_DIR)/current $(DATA_DIR)/.builds
