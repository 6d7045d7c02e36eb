#!/usr/bin/env bash
# Set up the collection's own Python environment in .venv, the same way on every machine.
#
#   bash scripts/setup.sh              check Python, make or repair .venv, install when needed
#   bash scripts/setup.sh --venv-only  stop once .venv exists and runs a suitable Python
#
# PYTHON picks the Python that makes .venv (default: python3); VENV the folder (default: .venv);
# VENV_ARGS adds options to `python -m venv` (for example --system-site-packages).
# A .venv made by a Python that is too old, gone or broken, or by a different Python than the one
# asked for with PYTHON=..., is reported and made again. `make` runs this before every target.
set -euo pipefail

MIN_MAJOR=3
MIN_MINOR=11
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
VENV_ARGS="${VENV_ARGS:-}"
PYTHON_CHOSEN="${PYTHON_CHOSEN:-}"  # "yes" when the person named PYTHON= themselves
VENV_ONLY=0
[ "${1:-}" = "--venv-only" ] && VENV_ONLY=1

VERSION_CODE='import sys; print("%d.%d.%d" % sys.version_info[:3])'

version_of() {  # the x.y.z version of a Python, or nothing when it does not run
  "$1" -c "$VERSION_CODE" 2>/dev/null || true
}

new_enough() {  # is version $1 (x.y.z) at least MIN_MAJOR.MIN_MINOR?
  local major minor
  IFS=. read -r major minor _ <<<"$1"
  [ -n "$major" ] && [ -n "$minor" ] &&
    { [ "$major" -gt "$MIN_MAJOR" ] || { [ "$major" -eq "$MIN_MAJOR" ] && [ "$minor" -ge "$MIN_MINOR" ]; }; }
}

need_python() {  # the Python that will make .venv: present and new enough, or stop with a way out
  if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "Python was not found (looked for '$PYTHON')." >&2
    echo "Install Python $MIN_MAJOR.$MIN_MINOR or newer (python.org, or your system's package manager)," >&2
    echo "then run the same make command again. If it is installed under another name, say which:" >&2
    echo "  make PYTHON=python3.11 lab" >&2
    exit 1
  fi
  PY_VERSION="$(version_of "$PYTHON")"
  if ! new_enough "$PY_VERSION"; then
    echo "'$PYTHON' is Python ${PY_VERSION:-of an unknown version}; this collection needs $MIN_MAJOR.$MIN_MINOR or newer." >&2
    echo "Install Python $MIN_MAJOR.$MIN_MINOR or newer, then run the make command again naming it, for example:" >&2
    echo "  make PYTHON=python3.11 lab" >&2
    exit 1
  fi
}

# 1. Is there a .venv, and can it be kept?
if [ -e "$VENV" ]; then
  VENV_VERSION="$(version_of "$VENV/bin/python")"
  REASON=""
  if [ -z "$VENV_VERSION" ]; then
    REASON="its Python does not run any more (it was probably removed or moved)"
  elif ! new_enough "$VENV_VERSION"; then
    REASON="it was made by Python $VENV_VERSION, and this collection needs $MIN_MAJOR.$MIN_MINOR or newer"
  elif [ "$PYTHON_CHOSEN" = "yes" ]; then
    need_python
    if [ "${VENV_VERSION%.*}" != "${PY_VERSION%.*}" ]; then
      REASON="it was made by Python $VENV_VERSION, not by $PYTHON ($PY_VERSION) as asked"
    fi
  fi
  if [ -n "$REASON" ]; then
    need_python
    echo "The $VENV folder cannot be used: $REASON."
    echo "Making it again with $PYTHON ($PY_VERSION). Nothing else in the folder changes."
    rm -rf "$VENV"
  fi
fi

# 2. Make .venv when it is missing.
if [ ! -e "$VENV" ]; then
  need_python
  echo "Making the collection's own Python environment in $VENV with $PYTHON ($PY_VERSION)..."
  # shellcheck disable=SC2086  # VENV_ARGS holds separate options
  "$PYTHON" -m venv $VENV_ARGS "$VENV"
fi
[ "$VENV_ONLY" = 1 ] && exit 0

# 3. Install the collection into it when that has not been done since pyproject.toml changed.
STAMP="$VENV/.installed"
if [ ! -e "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e ".[test]"
  # jupyter-events asks for jsonschema[format-nongpl], which brings rfc3987-syntax; jsonschema
  # imports it at start-up to check "iri" formats that no Jupyter schema uses, compiling a grammar
  # that costs about 1.3 s in every process that imports nbformat (Voila, JupyterLab, pytest).
  # Measured: python -X importtime -c "import nbformat" 1.41 s -> 0.16 s. See docs/benchmarks.md.
  "$VENV/bin/python" -m pip uninstall --quiet --yes rfc3987-syntax
  touch "$STAMP"
fi
