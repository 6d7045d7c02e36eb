#!/usr/bin/env bash
# Start Voilà for a class: every learner opens the same notebook at the same moment.
#
#   bash scripts/classroom.sh [NOTEBOOK]        (default: notebooks/00-start-here.ipynb)
#
# Settings (environment variables):
#   HOST         address to listen on (default 0.0.0.0: reachable from the classroom network)
#   PORT         port (default 8866); learners open http://<this computer>:PORT/
#   CLASS_SIZE   how many learners; that many kernels (+ SPARE) are started and run ahead of time
#                (default 30)
#   SPARE        extra kernels in the pool for late or returning learners (default 2)
#   FILL_DELAY   seconds before a used kernel is replaced (default 20). Longer keeps refills away
#                from the class's arrival, but a learner who arrives when the pool is empty waits
#                FILL_DELAY plus a kernel start, so keep it short.
#   WR_ANSWERS_DIR  where learners' answers are saved (default: the user data folder)
#   VENV         the environment (default .venv)
#
# What it sets up, and why (figures in docs/benchmarks.md):
# - a preheated kernel pool of CLASS_SIZE kernels: each has already run the notebook when a learner
#   arrives, so the page only has to draw the widgets;
# - refills delayed by FILL_DELAY, so replacing used kernels competes less with the arriving class;
# - the offline template (no request leaves this computer) and WR_REMEMBER_LEARNER=0 (one
#   learner's name is never offered to the next).
# Each kernel holds about 100 MB: 30 learners need about 3-4 GB of memory on this computer.
set -euo pipefail
cd "$(dirname "$0")/.."

NOTEBOOK="${1:-notebooks/00-start-here.ipynb}"
HOST="${HOST:-0.0.0.0}"
PORT="${PORT:-8866}"
CLASS_SIZE="${CLASS_SIZE:-30}"
SPARE="${SPARE:-2}"
FILL_DELAY="${FILL_DELAY:-20}"
PY="${VENV:-.venv}/bin/python"

if [ ! -f "$NOTEBOOK" ]; then
    echo "classroom.sh: no notebook at $NOTEBOOK" >&2
    exit 2
fi
if [ ! -x "$PY" ]; then
    echo "classroom.sh: $PY not found; run 'make lab' or 'make test' once to set up" >&2
    exit 2
fi

export WR_REMEMBER_LEARNER=0
export JUPYTER_PATH="$PWD/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"

echo "Starting Voilà for a class of $CLASS_SIZE on $NOTEBOOK."
echo "Learners open http://<this computer's address>:$PORT/ once the log says the pool is filled."
exec "$PY" -m widgets.voila_app --no-browser \
    --Voila.ip="$HOST" --port="$PORT" --template=offline \
    --preheat_kernel=True --pool_size="$((CLASS_SIZE + SPARE))" \
    --VoilaKernelManager.fill_delay="$FILL_DELAY" \
    "$NOTEBOOK"
