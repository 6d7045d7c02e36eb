# Two commands do all set-up on a fresh machine with Python 3.11+:
#   make lab    create .venv if missing, install the project, open JupyterLab on the start-here notebook
#   make test   the same set-up, then every test (unit, notebooks, browser)
# and for course designers:
#   make check  every problem in data/ and its question banks, at once
# Set-up (scripts/setup.sh) checks the Python version first, and makes .venv again when it was
# made by a Python that is too old, gone, or not the one named with PYTHON=...
# Windows users without make: see "Windows" in README.md.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# JupyterLab refuses to start as root unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# "yes" when PYTHON was named on the command line or in the environment, not left to the default.
PYTHON_CHOSEN := $(if $(filter command line environment,$(origin PYTHON)),yes,)

.PHONY: setup lab voila test check bench lint nav clean

setup:
	@PYTHON="$(PYTHON)" VENV="$(VENV)" PYTHON_CHOSEN="$(PYTHON_CHOSEN)" bash scripts/setup.sh

lab: setup
	$(PY) -m jupyter lab $(ROOT_FLAG) notebooks/00-start-here.ipynb

voila: setup
	$(PY) -m voila --template=offline --no-browser notebooks/

test: setup
	bash scripts/install-browser.sh
	$(PY) -m pytest

check: setup
	$(PY) -m widgets check

bench: setup
	bash scripts/install-browser.sh
	$(PY) -m benchmarks

lint: setup
	$(PY) -m ruff check widgets tests scripts benchmarks

nav: setup
	$(PY) scripts/navigation.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
