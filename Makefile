# Two commands set everything up: `make site` builds the site, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium

.PHONY: site offline check serve test system-libs chromium bench clean

$(VENV)/.site-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.site-installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

site: $(VENV)/.site-installed system-libs
	$(BIN)/python -m generator build

# A copy that works opened from disk: site-offline/ and dist/nghi-quyet-45-offline.zip.
offline: $(VENV)/.site-installed system-libs
	$(BIN)/python -m generator build --offline

check: $(VENV)/.site-installed
	$(BIN)/python -m generator check

serve: $(VENV)/.site-installed
	$(BIN)/python -m generator serve

# Debian packages, installed when missing (CI runs as root): Pango and fonts for the PDFs,
# Chromium and poppler-utils for the tests.
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

system-libs:
	@{ ldconfig -p | grep -q libpangoft2-1.0 && fc-list | grep -q "Liberation Serif"; } || { $(APT_INSTALL) libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation; }

chromium: system-libs
	@{ test -x $(CHROMIUM) && command -v pdftotext >/dev/null; } || { $(APT_INSTALL) chromium poppler-utils; }

test: $(VENV)/.dev-installed chromium
	$(BIN)/python -m pytest -q

bench: $(VENV)/.dev-installed chromium
	$(BIN)/python -m bench --counts 10 100 1000 --search --preview

clean:
	rm -rf docs site site-offline dist .build
