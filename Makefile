# Two commands set everything up: `make site` builds the site, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium

.PHONY: site offline check serve test chromium bench clean

$(VENV)/.site-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.site-installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

site: $(VENV)/.site-installed
	$(BIN)/python -m generator build

# A copy that works opened from disk: site-offline/ and dist/nghi-quyet-45-offline.zip.
offline: $(VENV)/.site-installed
	$(BIN)/python -m generator build --offline

check: $(VENV)/.site-installed
	$(BIN)/python -m generator check

serve: $(VENV)/.site-installed
	$(BIN)/python -m generator serve

# Browser tests drive Debian's Chromium; install it when missing (CI runs as root).
chromium:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi; }

test: $(VENV)/.dev-installed chromium
	$(BIN)/python -m pytest -q

bench: $(VENV)/.dev-installed
	$(BIN)/python -m bench

clean:
	rm -rf docs site site-offline dist .build
