# Two commands do all set-up on a fresh machine with Python 3.11+:
#   make lab    create .venv if missing, install the project, open JupyterLab on the start-here notebook
#   make test   the same set-up, then every test (unit, notebooks, browser)
# and for course designers and tutors:
#   make check       every problem in data/ (dataset, question banks, dilemmas), at once
#   make voila       the same collection as learner pages (Voila), from the same folder
#   make class-view  the tutor's live class view, on this computer only
#   make pages       the pages made from the data and the notebooks, after a change
#   sudo make hub CLASS_LIST=class-list.csv   a class hub with a login per learner (see README)
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

.PHONY: setup lab voila class-view hub test check bench lint nav pages clean

setup:
	@PYTHON="$(PYTHON)" VENV="$(VENV)" PYTHON_CHOSEN="$(PYTHON_CHOSEN)" bash scripts/setup.sh

# Both serve the whole repository (not just notebooks/), so every link in a notebook works:
# ../data/README.md, ../tutors/, ../docs/... Voila reads voila.json here (which files it may serve).
VOILA_PORT ?= 8866

lab: setup
	$(PY) -m jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. notebooks/00-start-here.ipynb

voila: setup
	@echo "Learner pages: http://127.0.0.1:$(VOILA_PORT)/voila/render/notebooks/00-start-here.ipynb"
	$(PY) -m widgets.voila_app --template=offline --no-browser --Voila.ip=127.0.0.1 --port=$(VOILA_PORT) .

# The tutor's live class view, on this computer only (127.0.0.1). FOLDER=... reads another folder.
class-view: setup
	$(PY) -m widgets class-view $(FOLDER)

# A class hub with a login per learner (as root): sudo make hub CLASS_LIST=class-list.csv
# [LESSON=05-professional-boundaries.ipynb] [HOST=0.0.0.0 SSL_CERT=… SSL_KEY=…]. See README.
hub:
	bash scripts/hub.sh

test: setup
	bash scripts/install-browser.sh
	bash scripts/install-pdf.sh
	$(PY) -m pytest

# Every problem in the dataset, the question banks and the dilemmas, with the question-quality figures.
check: setup
	$(PY) -m widgets check

bench: setup
	bash scripts/install-browser.sh
	bash scripts/install-pdf.sh
	$(PY) -m benchmarks

lint: setup
	$(PY) -m ruff check widgets tests scripts benchmarks notebooks tutors

nav: setup
	$(PY) scripts/navigation.py

# Pages made from the data and the notebooks: run after changing data/ or a notebook.
pages: setup
	$(PY) scripts/glossary.py
	$(PY) scripts/navigation.py
	$(PY) scripts/tutor_answers.py
	$(PY) scripts/data_readme_tables.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
