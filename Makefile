# Two commands set everything up: `make site` builds the site, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium
PIP := $(BIN)/pip install --quiet --disable-pip-version-check
# The tool that writes the lock files, in a folder of its own.
UV_VERSION := 0.13.9
TOOLS := .build/tools

.PHONY: site offline check serve test lint typecheck lock system-libs chromium ocr bench lighthouse clean

# Exact versions from the lock file, then the project itself (editable: `nq45` and the MkDocs plugin).
$(VENV)/.site-installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.lock
	$(PIP) --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock $(VENV)/.site-installed
	$(PIP) -r requirements-dev.lock
	touch $@

site: $(VENV)/.site-installed system-libs ocr
	$(BIN)/nq45 build

# A copy that works opened from disk: site-offline/ and dist/nghi-quyet-45-offline.zip.
offline: $(VENV)/.site-installed system-libs
	$(BIN)/nq45 build --offline

check: $(VENV)/.site-installed
	$(BIN)/nq45 check

serve: $(VENV)/.site-installed
	$(BIN)/nq45 serve

# Debian packages, installed when missing (CI runs as root): the fonts of the PDFs and Word files,
# Chromium and poppler-utils for the tests.
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

system-libs:
	@{ test -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf; } || { $(APT_INSTALL) fonts-liberation2; }

chromium: system-libs
	@{ test -x $(CHROMIUM) && command -v pdftotext >/dev/null; } || { $(APT_INSTALL) chromium poppler-utils; }

# Tesseract and its Vietnamese model, for importing scans (`nq45 import`) and their tests.
ocr:
	@{ command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie; } || { $(APT_INSTALL) tesseract-ocr tesseract-ocr-vie; }

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

test: $(VENV)/.dev-installed chromium ocr lint typecheck
	$(BIN)/python -m pytest -q

# Rewrite the lock files from pyproject.toml, keeping the versions they pin where still allowed.
lock:
	test -x $(TOOLS)/bin/uv || { $(PYTHON) -m venv $(TOOLS) && $(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION); }
	$(TOOLS)/bin/uv pip compile pyproject.toml --python-version 3.11.7 --quiet -o requirements.lock
	$(TOOLS)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11.7 --quiet -o requirements-dev.lock

bench: $(VENV)/.dev-installed chromium ocr
	$(BIN)/python -m bench --counts 10 100 1000 --search --preview
	$(BIN)/python -m bench.intakebench

# Lighthouse (mobile) and axe on every kind of page: figures, not a test. Lighthouse is installed from npm at
# the version bench/lighthouse.py pins, into .build/tools/lighthouse (not committed).
lighthouse: $(VENV)/.dev-installed chromium
	$(BIN)/python -m bench.lighthouse --runs 3

clean:
	rm -rf docs site site-offline dist .build
