# Two entry points, as in README.md:  `make run` (set up, seed, serve) and `make test` (set up, test).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The PostgreSQL run of the suite: always in CI, on request elsewhere (TEST_POSTGRES=1).
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/policykb

.PHONY: setup run test test-sqlite test-postgres lint checks format bench bench-pages bench-search

# A working copy gets what tests, benchmarks and linting need too (requirements-dev.txt includes requirements.txt);
# production installs requirements.txt alone.
$(VENV)/.installed: requirements.txt requirements-dev.txt requirements-queue.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

# reindex --missing: a migration that changes the search index's form drops the old entries (it runs no index
# code of ours); the notices it left without one are indexed here. Nothing to do, nothing done.
run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py reindex --missing
	$(PY) manage.py seed
	$(PY) manage.py runserver 127.0.0.1:8000

test: setup
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$CI" ] || [ -n "$$TEST_POSTGRES" ]; then $(MAKE) --no-print-directory test-postgres; \
	else echo "PostgreSQL run skipped (set TEST_POSTGRES=1 to run the suite on $(TEST_POSTGRES_URL) too)"; fi

# Style checked by machine (pyproject.toml): ruff lints and checks the formatting, djhtml the templates' indentation.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

# What CI checks beside the tests: no model change without its migration, and production settings that
# `check --deploy` finds nothing in (a throwaway key; DEBUG off).
checks: setup
	$(PY) manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=ci-$$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n') ALLOWED_HOSTS=policykb.example \
		$(PY) manage.py check --deploy --fail-level WARNING

# Rewrites what `make lint` would complain about in layout (not the lint findings themselves).
format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --select I --fix .
	$(VENV)/bin/djhtml templates

test-sqlite: setup
	@echo "== test suite on SQLite"
	env -u DATABASE_URL $(PY) -m pytest

test-postgres: setup
	@echo "== test suite on PostgreSQL ($(TEST_POSTGRES_URL))"
	DATABASE_URL=$(TEST_POSTGRES_URL) $(PY) -m pytest

bench: setup
	$(PY) benchmarks/run_all.py

# Page latency over 10,000 synthetic notices, served by runserver with DEBUG=0 (benchmarks/page_bench.py).
bench-pages: setup
	$(PY) benchmarks/page_bench.py

# Search over 1,000 and 10,000 recombined notices on SQLite and PostgreSQL (benchmarks/search_bench.py);
# SIZES=1000,10000,100000 for the large run (≈1.7 GB of text per database).
SIZES ?= 1000,10000
bench-search: setup
	$(PY) benchmarks/search_bench.py --sizes $(SIZES)
