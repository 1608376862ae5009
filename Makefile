# Eigenframe. `make run` and `make test` install everything they need on a fresh Debian machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# Debian's interpreter, not pyenv's: the render sandbox runs it as an unprivileged
# user, who cannot read an interpreter under /root.
SYSTEM_PYTHON ?= /usr/bin/python3
HOST ?= 127.0.0.1
PORT ?= 8000

TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/eigenframe
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
PYTEST_ARGS ?=

.PHONY: run test worker install system venv migrate bench eval clean

install: system venv

system:
	@./scripts/install-system.sh

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(SYSTEM_PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $@

# The product on embedded defaults (SQLite, in-process worker, offline generator, local
# media) unless DATABASE_URL / REDIS_URL / LLM_* are set in the environment.
run: install
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput -v0
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed_demo
	DEBUG=$${DEBUG:-1} $(PY) manage.py serve --host $(HOST) --port $(PORT)

# Separate worker processes, for when REDIS_URL is set.
worker: install
	$(PY) manage.py rundramatiq --processes $${WORKER_PROCESSES:-2} --threads $${WORKER_THREADS:-2}

test: install
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) SECRET_KEY=test-only-secret \
	DRAMATIQ_NAMESPACE=eigenframe-test \
	$(PY) -m pytest $(PYTEST_ARGS)

# Performance targets: ratios measured side by side in one run (not in unit tests).
bench: install
	$(PY) scripts/bench_render.py --runs $${RUNS:-5}

# Generation quality on the public prompt suite (builtin generator unless LLM_* is set).
EVAL_SUITE ?= tests/data/eval_prompts.jsonl
eval: install
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput -v0
	DEBUG=$${DEBUG:-1} $(PY) manage.py eval_generation --suite $(EVAL_SUITE)

migrate: install
	$(PY) manage.py migrate

clean:
	rm -rf $(VENV) var
