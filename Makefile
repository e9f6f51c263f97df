# Two commands set everything up: `make site` builds the site, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium
PIP := $(BIN)/pip install --quiet --disable-pip-version-check
# The tool that writes the lock files, in a folder of its own.
UV_VERSION := 0.13.9
TOOLS := .build/tools
# Other engines, each in a venv of its own under $(TOOLS): ProperDocs in place of MkDocs (the build, the preview and
# the tests that run the engine run on it too), and Zensical, which must build docs/ safely without the plugin.
PROPERDOCS := $(TOOLS)/properdocs
ZENSICAL := $(TOOLS)/zensical
ZENSICAL_VERSION := 0.0.73
PROPERDOCS_TESTS := tests/test_engines.py tests/test_build.py tests/test_golden.py tests/test_speedups.py tests/test_splitbuild.py \
	tests/test_fastpages.py tests/test_serve.py tests/test_browser.py

# The editorial room in the browser (generator/editor/): http://127.0.0.1:8045/ (nq45 editor --help for more).
.PHONY: site offline check serve editor publish test test-properdocs lint typecheck lock system-libs chromium ocr \
	publish-tools test-servers bench bench-engines lighthouse clean

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

editor: $(VENV)/.site-installed system-libs ocr publish-tools
	$(BIN)/nq45 editor

# Builds when site/ is older than data/ or the generator, then publishes to the targets in publish.yaml.
publish: $(VENV)/.site-installed system-libs publish-tools
	$(BIN)/nq45 publish

# Debian packages, installed when missing (CI runs as root): the fonts of the PDFs and Word files,
# Chromium and poppler-utils for the tests.
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq

system-libs:
	@{ test -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf; } || { $(APT_INSTALL) fonts-liberation2; }

chromium: system-libs
	@{ test -x $(CHROMIUM) && command -v pdftotext >/dev/null; } || { $(APT_INSTALL) chromium poppler-utils; }

# rsync and ssh, which publishing runs; the tests also start Debian's OpenSSH server and nginx of their own.
publish-tools:
	@{ command -v rsync >/dev/null && command -v ssh >/dev/null && command -v ssh-keygen >/dev/null; } || { $(APT_INSTALL) rsync openssh-client; }

test-servers: publish-tools
	@{ test -x /usr/sbin/sshd && test -x /usr/sbin/nginx; } || { $(APT_INSTALL) openssh-server nginx; }

# Tesseract and its Vietnamese model, for importing scans (`nq45 import`) and their tests.
ocr:
	@{ command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie; } || { $(APT_INSTALL) tesseract-ocr tesseract-ocr-vie; }

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

$(PROPERDOCS)/.installed: requirements-properdocs.lock pyproject.toml
	$(PYTHON) -m venv $(PROPERDOCS)
	$(PROPERDOCS)/bin/pip install --quiet --disable-pip-version-check --no-deps -r requirements-properdocs.lock
	$(PROPERDOCS)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(ZENSICAL)/.installed: requirements-zensical.lock
	$(PYTHON) -m venv $(ZENSICAL)
	$(ZENSICAL)/bin/pip install --quiet --disable-pip-version-check --no-deps -r requirements-zensical.lock
	touch $@

# Every test on MkDocs (Zensical builds the hostile site too), then those that run the engine on ProperDocs.
test: $(VENV)/.dev-installed $(ZENSICAL)/.installed chromium ocr test-servers lint typecheck
	NQ45_ZENSICAL=$(abspath $(ZENSICAL)/bin/zensical) $(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory test-properdocs

test-properdocs: $(PROPERDOCS)/.installed $(ZENSICAL)/.installed $(VENV)/.site-installed chromium
	NQ45_OTHER_ENGINE=$(abspath $(BIN)/nq45) NQ45_ZENSICAL=$(abspath $(ZENSICAL)/bin/zensical) $(PROPERDOCS)/bin/python -m pytest -q $(PROPERDOCS_TESTS)

# Rewrite the lock files from pyproject.toml, keeping the versions they pin where still allowed.
lock:
	test -x $(TOOLS)/bin/uv || { $(PYTHON) -m venv $(TOOLS) && $(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION); }
	$(TOOLS)/bin/uv pip compile pyproject.toml --python-version 3.11.7 --quiet -o requirements.lock
	$(TOOLS)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11.7 --quiet -o requirements-dev.lock
	$(TOOLS)/bin/uv pip compile pyproject.toml --extra dev --extra properdocs --no-emit-package mkdocs -c requirements-dev.lock --python-version 3.11.7 --quiet -o requirements-properdocs.lock
	echo "zensical==$(ZENSICAL_VERSION)" | $(TOOLS)/bin/uv pip compile - --python-version 3.11.7 --quiet -o requirements-zensical.lock

bench: $(VENV)/.dev-installed $(PROPERDOCS)/.installed chromium ocr test-servers
	$(BIN)/python -m bench --counts 10 100 1000 --search --preview
	$(BIN)/python -m bench.engines --count 1000
	$(BIN)/python -m bench.intakebench
	$(BIN)/python -m bench.intakeshapes
	$(BIN)/python -m bench.editor
	$(BIN)/python -m bench.publish

# The build at 1,000 documents on MkDocs and on ProperDocs, with and without the speed-ups.
bench-engines: $(VENV)/.dev-installed $(PROPERDOCS)/.installed
	$(BIN)/python -m bench.engines --count 1000

# Lighthouse (mobile) and axe on every kind of page: figures, not a test. Lighthouse is installed from npm at
# the version bench/lighthouse.py pins, into .build/tools/lighthouse (not committed).
lighthouse: $(VENV)/.dev-installed chromium
	$(BIN)/python -m bench.lighthouse --runs 3

clean:
	rm -rf docs site site-offline dist .build
