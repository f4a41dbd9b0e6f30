# Everything a fresh clone needs: `make say` speaks, `make test` checks.
# The virtual environment lives in .venv/ and is rebuilt only when pyproject.toml changes;
# assets are fetched once into $LITETTS_HOME (default: the platform cache folder).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEXT ?= Hello! This is litetts, speaking with Kokoro on your own computer.

.PHONY: setup assets test-assets browser say test lint typecheck unit bench serve clean-venv fuzz \
	test-latest audit constraints docs docs-serve docs-screenshot strip-notebooks

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all,dev]'
	touch $(STAMP)

# `assets prepare` makes the faster model variant once (a few minutes for int8-static),
# so that the first synthesis does not pay for it.
assets: $(STAMP)
	$(BIN)/litetts assets fetch
	$(BIN)/litetts assets prepare

# The tests also listen to themselves with Whisper tiny.en (English) and base (Japanese, Mandarin).
test-assets: $(STAMP)
	$(BIN)/litetts assets fetch --whisper tiny.en --whisper base
	$(BIN)/litetts assets prepare

# The dashboard's browser test drives Debian's chromium through Playwright.
CHROMIUM := /usr/bin/chromium
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "warning: $(CHROMIUM) is missing and cannot be installed (not root or no apt-get);" \
				"the browser test will be skipped"; \
		fi; \
	fi

say: assets
	$(BIN)/litetts say "$(TEXT)" -o hello.wav

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples tools
	$(BIN)/ruff format --check src tests benchmarks examples tools

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit

test: test-assets browser lint typecheck
	$(BIN)/python -m pytest --durations=25

bench: assets
	$(BIN)/python benchmarks/synthesis.py

serve: assets
	$(BIN)/litetts serve

# Schemathesis against a real `litetts serve` on 127.0.0.1 (loopback only): valid and
# invalid requests from the served schema; fails on any 5xx, undeclared response or
# traceback. Bounded by FUZZ_CASES and FUZZ_MINUTES, whichever comes first.
FUZZ_CASES ?= 5000
FUZZ_MINUTES ?= 90
fuzz: assets
	$(BIN)/python -m tests.fuzz_server --cases $(FUZZ_CASES) --minutes $(FUZZ_MINUTES)

# The suite against the newest versions pyproject.toml allows, in a venv of its own
# (constraints.txt pins the versions `make test` was last known to pass with).
LATEST := .venv-latest
test-latest:
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[all,dev]'
	$(LATEST)/bin/litetts assets fetch --whisper tiny.en
	$(LATEST)/bin/python -m pytest

# Known vulnerabilities in the installed dependencies (needs the network; not part of `make test`).
audit: $(STAMP)
	$(BIN)/pip-audit --skip-editable

# Pin what the current venv holds as the tested versions.
constraints: $(STAMP)
	{ echo "# Versions the litetts test suite last passed with (Python 3.11, Linux x86-64)."; \
	  echo "# Install with: pip install -c constraints.txt -e '.[all,dev]'. Refresh: make constraints."; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -v '^litetts'; } > constraints.txt
# The documentation site (mkdocs.yml): strict, so a broken link or reference fails the build.
# `make test` runs the same build through tests/docs/test_mkdocs_build.py.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs build --strict

# The dashboard screenshot in docs/server.md, taken by the browser test.
docs-screenshot: $(STAMP) browser
	LITETTS_DOCS_SCREENSHOT=1 $(BIN)/python -m pytest tests/browser -k numbers_update -q

docs-serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs serve

# Notebooks are committed without outputs; run this before committing one you executed.
strip-notebooks: $(STAMP)
	$(BIN)/python tools/strip_notebooks.py

clean-venv:
	rm -rf $(VENV) $(LATEST)
