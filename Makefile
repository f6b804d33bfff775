# Two commands for a newcomer: `make run` and `make test` (see README.md).
VENV := .venv
PYTHON := $(VENV)/bin/python
MANAGE := $(PYTHON) manage.py
HOST ?= 127.0.0.1:8000

# The first Python >= 3.12 found: on the PATH, then among pyenv's installed versions, newest first.
PYENV_ROOT ?= $(HOME)/.pyenv
define find_python
for candidate in python3.13 python3.12 python3 \
	$$(ls -d $(PYENV_ROOT)/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do \
	if "$$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
		command -v "$$candidate"; exit 0; \
	fi; \
done; \
echo "Python 3.12 ou plus récent est nécessaire (3.13 conseillé) : installez-le, par exemple 'apt-get install python3.13' ou 'pyenv install 3.13'." >&2; exit 1
endef

.PHONY: run test bench lint format migrate loaddata

$(VENV)/installed: pyproject.toml
	@test -x $(PYTHON) || { python="$$($(find_python))" && "$$python" -m venv $(VENV); }
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e ".[dev]"
	@touch $@

migrate: $(VENV)/installed
	$(MANAGE) migrate --noinput

loaddata: migrate
	$(MANAGE) load_catalogue

# The web server and the task worker together; Ctrl-C stops both.
run: loaddata
	DEBUG=$${DEBUG:-True} $(MANAGE) runserver_with_worker $(HOST)

test: $(VENV)/installed node_modules/installed
	$(VENV)/bin/pytest -n auto

# The web checks (Nu HTML checker, Lighthouse: package.json), from npm when it is there; the
# tests that need them say so and are skipped without them.
node_modules/installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@ \
			|| echo "npm ci a échoué : le vérificateur HTML et Lighthouse ne seront pas lancés."; \
	else echo "npm est absent : le vérificateur HTML et Lighthouse ne seront pas lancés."; fi

# Catalogue response times at 27 and 10,000 fiches, on throwaway SQLite and PostgreSQL databases;
# the time and memory it takes to refuse hostile imports; load and faults (a flooded cache,
# PostgreSQL dropping connections) on gunicorn.
bench: $(VENV)/installed node_modules/installed
	$(PYTHON) bench/web.py
	$(PYTHON) bench/catalogue.py
	$(PYTHON) bench/bilan.py
	$(PYTHON) bench/livret.py
	$(PYTHON) bench/editions.py
	$(PYTHON) bench/imports.py
	$(PYTHON) bench/hostile_imports.py
	$(PYTHON) bench/load.py
	$(PYTHON) bench/faults.py

lint: $(VENV)/installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
