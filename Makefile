# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA_DIR ?= data
PORT ?= 8501
RAW := $(wildcard $(DATA_DIR)/raw/*)
ETL_CODE := $(wildcard etl/*.py etl/*.toml etl/*.csv etl/sources/*.py etl/sql/*.sql etl/staging/*.py etl/staging/*.sql)

.PHONY: run test test-fast lint etl check bench browser clean-data help export messages

help:
	@echo "make run     set up (venv, dependencies, warehouse) and serve the app on http://127.0.0.1:$(PORT);"
	@echo "             prints the presenter's key and the speaker view and venue window URLs (README)"
	@echo "             (SERVE_ADDRESS=<LAN IP> VIEWER_PASSCODE=<code> make run: on a venue network, see README)"
	@echo "make test    set up, lint (ruff, vulture) and run every test (unit, data, AppTest, browser)"
	@echo "make test-fast  lint, then the unit and AppTest lane (no browser, no slow tests)"
	@echo "make etl     rebuild the warehouse from $(DATA_DIR)/raw"
	@echo "make check   validate $(DATA_DIR)/raw without writing anything"
	@echo "make bench   run the benchmarks (prints figures)"
	@echo "make messages  re-extract interface text and update the fr/es/ar catalogues (then translate new ones)"
	@echo "make export DECK=dialogue [DECK_LANG=fr] [BASE_URL=http://host:8501]   exports/<deck>.pdf and .pptx"

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

# serve.py serves app.py behind its network guard, on SERVE_ADDRESS (default 127.0.0.1; a venue network
# address needs VIEWER_PASSCODE): README, "Serving on a venue network".
run: $(DATA_DIR)/warehouse.duckdb
	DATA_DIR=$(DATA_DIR) $(PY) serve.py --server.port $(PORT)

# Browser tests need Debian's Chromium (Playwright's own browser download does not work offline).
browser:
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium chromium-driver; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium chromium-driver; fi; }

# Lint: pyflakes and import order (ruff.toml), and dead code (vulture, with tools/vulture_whitelist.py).
lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m vulture app.py serve.py pages dashboard bench tools --min-confidence 60 \
	  --exclude dashboard/data_messages.py

# The tests build their own warehouse in a temporary directory (never data/).
test: $(STAMP) browser lint
	$(PY) -m pytest -q

test-fast: $(STAMP) lint
	$(PY) -m pytest -q -m "not e2e and not slow"

# The meeting export pack of a briefing deck (decks/$(DECK).toml): exports/$(DECK).pdf and exports/$(DECK).pptx.
DECK ?= dialogue
export: $(DATA_DIR)/warehouse.duckdb browser
	DATA_DIR=$(DATA_DIR) $(PY) -m dashboard.export --deck $(DECK) $(if $(DECK_LANG),--lang $(DECK_LANG)) \
	  $(if $(BASE_URL),--base-url $(BASE_URL))

bench: $(DATA_DIR)/warehouse.duckdb browser
	$(PY) -m bench

# Interface text in four languages (README, "Languages"): re-extract the messages (code and data texts), merge
# them into locales/<lang>/LC_MESSAGES/messages.po and compile the .mo files (both are committed, so a fresh
# clone needs no compile step). New messages then need their French, Spanish and Arabic msgstr.
BABEL := $(VENV)/bin/pybabel
messages: $(DATA_DIR)/warehouse.duckdb
	$(PY) locales/data_strings.py --data-dir $(DATA_DIR)
	$(BABEL) extract -F babel.cfg -k _ -k n_:1,2 -k N_ --no-location --sort-output -w 120 \
	  --project "Dialogue dashboard" -o locales/messages.pot .
	$(BABEL) update -i locales/messages.pot -d locales -D messages --no-fuzzy-matching \
	  --ignore-obsolete -w 120
	$(BABEL) compile -d locales -D messages --statistics

clean-data:
	rm -rf $(DATA_DIR)/warehouse.duckdb $(DATA_DIR)/parquet $(DATA_DIR)/current $(DATA_DIR)/.builds
