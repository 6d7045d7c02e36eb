# Two commands do all set-up on a fresh machine with Python 3.11+:
#   make lab    create .venv if missing, install the project, open JupyterLab on the start-here notebook
#   make voila  the same collection as learner pages (Voila), from the same folder
#   make test   the same set-up, then every test (unit, notebooks, browser)
# Windows users without make: see "Windows" in README.md.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# JupyterLab refuses to start as root unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab voila class-view hub test test-fast bench lint nav pages check clean

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

# Both serve the whole repository (not just notebooks/), so every link in a notebook works:
# ../data/README.md, ../tutors/, ../docs/... Voila reads voila.json here (which files it may serve).
VOILA_PORT ?= 8866

lab: $(STAMP)
	$(PY) -m jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. notebooks/00-start-here.ipynb

voila: $(STAMP)
	@echo "Learner pages: http://127.0.0.1:$(VOILA_PORT)/voila/render/notebooks/00-start-here.ipynb"
	$(PY) -m voila --template=offline --no-browser --Voila.ip=127.0.0.1 --port=$(VOILA_PORT) .

# The tutor's live class view, on this computer only (127.0.0.1). FOLDER=... reads another folder.
class-view: $(STAMP)
	$(PY) -m widgets class-view $(FOLDER)

# A class hub with a login per learner (as root): sudo make hub CLASS_LIST=class.csv
# [LESSON=05-professional-boundaries.ipynb] [HOST=0.0.0.0 SSL_CERT=… SSL_KEY=…]. See README.
hub:
	bash scripts/hub.sh

test: $(STAMP)
	bash scripts/install-browser.sh
	bash scripts/install-pdf.sh
	$(PY) -m pytest

bench: $(STAMP)
	bash scripts/install-browser.sh
	bash scripts/install-pdf.sh
	$(PY) -m benchmarks

lint: $(STAMP)
	$(PY) -m ruff check widgets tests scripts benchmarks

nav: $(STAMP)
	$(PY) scripts/navigation.py

# Every problem in the dataset and the question banks, with the question-quality figures.
check: $(STAMP)
	$(PY) -m widgets check data

# Pages made from the data and the notebooks: run after changing data/ or a notebook.
pages: $(STAMP)
	$(PY) scripts/glossary.py
	$(PY) scripts/navigation.py
	$(PY) scripts/tutor_answers.py
	$(PY) scripts/data_readme_tables.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
