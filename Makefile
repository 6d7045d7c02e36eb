# Two commands do all set-up on a fresh machine with Python 3.11+:
#   make lab    create .venv if missing, install the project, open JupyterLab on the start-here notebook
#   make test   the same set-up, then every test (unit, notebooks, browser)
# Windows users without make: see "Windows" in README.md.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# JupyterLab refuses to start as root unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab voila hub test test-fast bench lint nav clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@# jupyter-events asks for jsonschema[format-nongpl], which brings rfc3987-syntax; jsonschema
	@# imports it at start-up to check "iri" formats that no Jupyter schema uses, compiling a grammar
	@# that costs about 1.3 s in every process that imports nbformat (Voila, JupyterLab, pytest).
	@# Measured: python -X importtime -c "import nbformat" 1.41 s -> 0.16 s. See docs/benchmarks.md.
	$(PY) -m pip uninstall --quiet --yes rfc3987-syntax
	@touch $(STAMP)

lab: $(STAMP)
	$(PY) -m jupyter lab $(ROOT_FLAG) notebooks/00-start-here.ipynb

voila: $(STAMP)
	$(PY) -m voila --template=offline --no-browser notebooks/

# A class hub with a login per learner (as root): sudo make hub CLASS_LIST=class.csv
# [LESSON=05-professional-boundaries.ipynb] [HOST=0.0.0.0 SSL_CERT=… SSL_KEY=…]. See README.
hub:
	bash scripts/hub.sh

test: $(STAMP)
	bash scripts/install-browser.sh
	$(PY) -m pytest

bench: $(STAMP)
	bash scripts/install-browser.sh
	$(PY) -m benchmarks

lint: $(STAMP)
	$(PY) -m ruff check widgets tests scripts benchmarks

nav: $(STAMP)
	$(PY) scripts/navigation.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
