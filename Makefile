# Everything a fresh clone needs: `make say` speaks, `make test` checks.
# The virtual environment lives in .venv/ and is rebuilt only when pyproject.toml changes;
# assets are fetched once into $LITETTS_HOME (default: the platform cache folder).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEXT ?= Hello! This is litetts, speaking with Kokoro on your own computer.

.PHONY: setup assets test-assets say test lint typecheck unit bench docs docs-serve strip-notebooks clean-venv

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all,dev]'
	touch $(STAMP)

assets: $(STAMP)
	$(BIN)/litetts assets fetch

# The tests also listen to themselves with Whisper tiny.en.
test-assets: $(STAMP)
	$(BIN)/litetts assets fetch --whisper tiny.en

say: assets
	$(BIN)/litetts say "$(TEXT)" -o hello.wav

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples tools
	$(BIN)/ruff format --check src tests benchmarks examples tools

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit

test: test-assets lint typecheck
	$(BIN)/python -m pytest

bench: assets
	$(BIN)/python benchmarks/synthesis.py

# The documentation site (mkdocs.yml): strict, so a broken link or reference fails the build.
# `make test` runs the same build through tests/docs/test_mkdocs_build.py.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs build --strict

docs-serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs serve

# Notebooks are committed without outputs; run this before committing one you executed.
strip-notebooks: $(STAMP)
	$(BIN)/python tools/strip_notebooks.py

clean-venv:
	rm -rf $(VENV)
