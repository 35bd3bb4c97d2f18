# Set-up and everyday commands. `make run` and `make test` are all a fresh clone needs.

PYTHON_VERSION := $(shell cat .python-version)
# pyenv's shim picks the version .python-version names; otherwise any python3.13 or 3.12.
PYTHON ?= $(shell command -v python$(PYTHON_VERSION) || command -v python3.13 || command -v python3.12)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
LOCK := requirements-dev.lock

.PHONY: run test test-browser test-server test-cluster serve bench lint format lock clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python $(PYTHON_VERSION) (or 3.12+) is needed: pyenv install $(PYTHON_VERSION)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalls only when the lock file changes.
$(VENV)/.installed: $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	touch $@

# The dev server, with the task worker beside it to send (print) booking emails; both stop
# together. The worker does not reload: restart after changing a task's code.
run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py setup_roles
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test-browser: $(VENV)/.installed
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

test-server: $(VENV)/.installed
	$(BIN)/python -m pytest -m server $(PYTEST_ARGS)

# Two production servers sharing PostgreSQL, Redis and a local S3 server (README, "Two
# servers"): this machine's PostgreSQL and Redis unless DATABASE_URL and REDIS_URL say.
test-cluster: $(VENV)/.installed
	DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/practice}" \
	REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/15}" \
	$(BIN)/python -m pytest -m cluster $(PYTEST_ARGS)

test: $(VENV)/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Production mode on this machine: debug off, gunicorn (gunicorn.conf.py), whitenoise
# serving the compressed, content-hashed static files. Plain HTTP on 127.0.0.1, so the
# HTTPS redirect is off unless asked for; a key is made up if none is given; without
# EMAIL_HOST, email is off, said so, and booking requests wait unsent. The task worker
# (booking emails) runs beside gunicorn; when either stops, so does the other.
serve: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	export DJANGO_DEBUG=0 \
	  DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	  DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	  DJANGO_SECURE_SSL_REDIRECT="$${DJANGO_SECURE_SSL_REDIRECT:-0}" \
	  DJANGO_SECURE_COOKIES="$${DJANGO_SECURE_COOKIES:-0}"; \
	if [ -z "$$EMAIL_HOST$$EMAIL_ENABLED" ]; then \
	  echo "make serve: no EMAIL_HOST, so email is off (EMAIL_ENABLED=0): booking requests wait unsent."; \
	  export EMAIL_ENABLED=0; \
	fi; \
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0 || exit; \
	$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn -c gunicorn.conf.py practice.wsgi --bind 127.0.0.1:$(PORT) --workers 3 & \
	gunicorn=$$!; \
	while kill -0 $$worker 2>/dev/null && kill -0 $$gunicorn 2>/dev/null; do sleep 1; done; \
	kill $$gunicorn 2>/dev/null; wait

# The production server under load beside a static file of the same size, with queries
# and in-process timings at 10, 1,000 and 10,000 posts (README, "Benchmarks"); then the
# worst Markdown and photos an editor can send. BENCH_ARGS, e.g. "--posts 10000".
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/load.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/hostile_input.py

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
