# watchfloor: `make demo` and `make test` are the two commands a newcomer needs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.duckdb
WEB := watchfloor/web
WEB_STAMP := $(WEB)/node_modules/.installed

.PHONY: install demo test lint typecheck clean browser-deps web-assets screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

# Dashboard libraries (d3, topojson-client, world-atlas, swagger-ui-dist) from the npm registry,
# pinned by package-lock.json and served by the app from node_modules; nothing is committed.
$(WEB_STAMP): $(WEB)/package.json $(WEB)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd $(WEB) && npm ci --no-audit --no-fund --ignore-scripts && touch node_modules/.installed; \
	else \
		echo "npm not found: skipping the dashboard libraries; the API works, the dashboard"; \
		echo "needs Node.js 20 + npm and then 'make install' (or 'npm ci' in $(WEB))"; \
	fi

web-assets: $(WEB_STAMP)

install: $(STAMP) web-assets

# Debian's Chromium for the browser tests (skipped when /usr/bin/chromium exists).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update && $$SUDO apt-get install -y chromium chromium-driver; \
	fi

screenshots: install
	$(BIN)/python scripts/screenshots.py --db $(DEMO_DB)

demo: install
	$(BIN)/watchfloor --db $(DEMO_DB) demo

lint: install
	$(BIN)/ruff check watchfloor tests bench

typecheck: install
	$(BIN)/mypy watchfloor

test: install lint typecheck
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache .mypy_cache .ruff_cache $(WEB)/node_modules
