# Everything a fresh clone needs: `make say` speaks, `make test` checks.
# The virtual environment lives in .venv/ and is rebuilt only when pyproject.toml changes;
# assets are fetched once into $LITETTS_HOME (default: the platform cache folder).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEXT ?= Hello! This is litetts, speaking with Kokoro on your own computer.

.PHONY: setup assets test-assets say test lint typecheck unit bench clean-venv

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

# The tests also listen to themselves with Whisper tiny.en.
test-assets: $(STAMP)
	$(BIN)/litetts assets fetch --whisper tiny.en
	$(BIN)/litetts assets prepare

say: assets
	$(BIN)/litetts say "$(TEXT)" -o hello.wav

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit

test: test-assets lint typecheck
	$(BIN)/python -m pytest

bench: assets
	$(BIN)/python benchmarks/synthesis.py

clean-venv:
	rm -rf $(VENV)
