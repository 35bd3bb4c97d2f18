# Set-up and everyday commands. `make run` and `make test` are all a fresh clone needs.

PYTHON_VERSION := $(shell cat .python-version)
# pyenv's shim picks the version .python-version names; otherwise any python3.13 or 3.12.
PYTHON ?= $(shell command -v python$(PYTHON_VERSION) || command -v python3.13 || command -v python3.12)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
LOCK := requirements-dev.lock

.PHONY: run test test-browser serve lint format lock clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python $(PYTHON_VERSION) (or 3.12+) is needed: pyenv install $(PYTHON_VERSION)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalls only when the lock file changes.
$(VENV)/.installed: $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	touch $@

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-pin every dependency after editing pyproject.toml.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --quiet --upgrade pyproject.toml -o requirements.lock --python-version 3.12
	$(BIN)/uv pip compile --quiet --upgrade pyproject.toml --extra dev -o $(LOCK) --python-version 3.12

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
