# HyperTuner: `make run` starts the service, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA ?= $(CURDIR)/data

export PATH := $(CURDIR)/$(BIN):$(PATH)
export HYPERTUNER_DATA_DIR ?= $(DATA)

.PHONY: run test lint format bench install clean-ray fuzz chromium

$(STAMP): backend/pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e 'backend[examples,dev]'
	touch $(STAMP)

WEB_STAMP := frontend/node_modules/.installed
WEB_DIST := frontend/dist/index.html
WEB_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.ts -type f 2>/dev/null)

$(WEB_STAMP): frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $(WEB_STAMP)

$(WEB_DIST): $(WEB_STAMP) $(WEB_SOURCES)
	cd frontend && npm run build

## Debian packages the tests use: headless Chromium (never a downloaded browser) and
## docker-compose v1 (validates docker-compose.yml offline; no Docker engine needed).
chromium:
	@command -v chromium >/dev/null && command -v docker-compose >/dev/null || { \
	  apt-get update -qq && \
	  apt-get install -y -qq chromium && \
	  apt-get install -y -qq --no-install-recommends docker-compose; }

install: $(STAMP) $(WEB_DIST)

## Start the service at http://127.0.0.1:8000 on SQLite (under ./data) with a local Ray.
run: $(STAMP) $(WEB_DIST)
	$(BIN)/hypertuner serve

## Lint, type-check and run every test.
test: $(STAMP) $(WEB_DIST) chromium lint
	cd frontend && npm test
	$(BIN)/python -m pytest tests

lint: $(STAMP) $(WEB_STAMP)
	$(BIN)/ruff check backend tests examples bench
	$(BIN)/ruff format --check backend tests examples bench
	$(BIN)/mypy
	cd frontend && npm run lint && npm run format:check && npm run typecheck

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
