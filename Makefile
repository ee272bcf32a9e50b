# HyperTuner: `make run` starts the service, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= $(CURDIR)/data

export PATH := $(CURDIR)/$(BIN):$(PATH)
export HYPERTUNER_DATA_DIR ?= $(DATA)

.PHONY: run test lint format bench install clean-ray fuzz

$(STAMP): backend/pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e 'backend[examples,dev]'
	touch $(STAMP)

install: $(STAMP)

## Start the service at http://127.0.0.1:8000 on SQLite (under ./data) with a local Ray.
run: $(STAMP)
	$(BIN)/hypertuner serve

## Lint, type-check and run every test.
test: $(STAMP) lint
	$(BIN)/python -m pytest tests

lint: $(STAMP)
	$(BIN)/ruff check backend tests examples bench
	$(BIN)/ruff format --check backend tests examples bench
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format backend tests examples bench
	$(BIN)/ruff check --fix backend tests examples bench

## Ingestion benchmark (SQLite and PostgreSQL, 1 and 8 clients, raw COPY as the ceiling).
bench: $(STAMP)
	$(BIN)/python bench/ingest.py

## Stop the local Ray head that the service started.
clean-ray: $(STAMP)
	$(BIN)/hypertuner ray-stop

## Longer API fuzzing from the OpenAPI schema (schemathesis; `make test` runs a short pass).
fuzz: $(STAMP)
	HYPERTUNER_FUZZ_EXAMPLES=300 $(BIN)/python -m pytest tests/api/test_fuzz.py -s
