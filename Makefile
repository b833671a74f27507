# Newsroom: `make help` lists the targets.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000

.DEFAULT_GOAL := help
.PHONY: help install run migrate demo scheduler production production-superuser test lint format check bench-import bench-zip-bomb bench-data-page bench-pages bench-instructions bench-cache bench-scale bench-load bench-alerts audit

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its development tools

migrate: install ## Apply database migrations, then write every story's search document again
	$(MANAGE) migrate --no-input
	$(MANAGE) rebuild_search --verbosity 0

demo: migrate ## Load the demo content (idempotent)
	$(MANAGE) load_demo --host $(HOST)

run: demo ## Serve the site with demo content at http://127.0.0.1:8000/
	$(MANAGE) runserver $(HOST)

scheduler: install ## Publish and unpublish scheduled stories every minute (Ctrl-C stops)
	while true; do $(MANAGE) publish_scheduled; sleep 60; done

production: install ## The production stack at http://127.0.0.1:8080/ (PORT=): nginx, gunicorn, task worker, scheduler
	$(BIN)/python deploy/production.py

production-superuser: install ## Create the first editor on make production's own database (same RUN_DIR= or DATABASE_URL=)
	$(BIN)/python deploy/production.py manage createsuperuser

TEST_WORKERS ?= auto
test: install ## Run the tests in random order on TEST_WORKERS processes, with coverage (SQLite, or PostgreSQL when DATABASE_URL is set)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup --cov --cov-report=term:skip-covered --durations=10 $(PYTEST_ARGS)

lint: install ## ruff, import layers, Django's checks, missing migrations, migrations that import the project
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest --quiet -p no:randomly tests/newsroom/test_migrations.py

format: install ## Format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench-import: install ## Import a generated file; rows/s and peak memory (ROWS=50000 FORMAT=csv|xlsx, BAD=1)
	$(BIN)/python benchmarks/import_figures.py

bench-zip-bomb: install ## A 1.8 MB .xlsx that unpacks to 700 MB: time to refuse it, peak memory (UNPACKED_MB=)
	$(BIN)/python benchmarks/zip_bomb.py

bench-data-page: install ## A measure of 200,000 figures: its data page, CSV and JSON (FIGURES=)
	$(BIN)/python benchmarks/data_page.py

bench-pages: install ## Each main page's weight (HTML+CSS+JS), SQL queries, and CPU per request under wrk (BAKERYDEMO= beside bakerydemo's)
	$(BIN)/python -m benchmarks.page_weight
	$(BIN)/python -m benchmarks.page_cpu

ENTRIES ?= 0,20000,100000
bench-instructions: install ## Instructions per request of a gunicorn worker under callgrind: trivial view and story (BAKERYDEMO= beside bakerydemo's, PAGES=)
	$(BIN)/python -m benchmarks.instructions

bench-cache: install ## The reference story's render CPU as the production cache fills (ENTRIES=, CACHE=file for Django's file cache)
	ENTRIES=$(ENTRIES) $(BIN)/python -m benchmarks.cache_growth

bench-load: install ## wrk -t2 -c64 against make production: page cache, Varnish in front, uncached (PORT=, BENCH_SECONDS=, BENCH_MODES=)
	$(BIN)/python -m benchmarks.load

STORIES ?= 100000
bench-scale: install ## p95 of each reader page at 100,000 stories (PostgreSQL DATABASE_URL it may fill)
	STORIES=$(STORIES) $(BIN)/python -m benchmarks.scale

RECIPIENTS ?= 20000
bench-alerts: install ## One story to 20,000 subscribers through the task worker: publish to last message accepted, worker peak memory (RECIPIENTS=)
	RECIPIENTS=$(RECIPIENTS) $(BIN)/python benchmarks/alerts.py

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch node_modules/.installed

audit: install node_modules/.installed ## Lighthouse and the Nu HTML checker on the reader pages under make production (PORT=8113, AUDIT_URL=)
	$(BIN)/python -m benchmarks.audit
