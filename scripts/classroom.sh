#!/usr/bin/env bash
# Start Voilà for a class: every learner opens the same notebook at the same moment.
#
#   bash scripts/classroom.sh [--network] [NOTEBOOK]     (default: notebooks/00-start-here.ipynb)
#
# Without --network the server listens on 127.0.0.1: only this computer can open it (to try the
# set-up, or for learners sitting at this computer). With --network it listens on the classroom
# network and every page needs a token: the script prints the address with the token for the
# tutor to share (on the board, or as a link in Moodle). It refuses to start on the network
# without a token.
#
# Learners type their name and a PIN they choose (4 to 8 digits) the first time; later pages need
# the same PIN to show or change those answers (WR_CLASS_SERVER=1). A tutor resets a forgotten PIN
# with: .venv/bin/python -m widgets pin reset "Learner's name"
#
# Settings (environment variables):
#   HOST         address to listen on (default 127.0.0.1; with --network 0.0.0.0, every network
#                of this computer). Any address other than this computer's own needs --network.
#   PORT         port (default 8866)
#   CLASS_TOKEN  with --network: the token learners need (at least 12 letters, digits, - or _).
#                Default: a new random token at every start.
#   CLASS_SIZE   how many learners; that many kernels (+ SPARE) are started and run ahead of time
#                (default 30)
#   SPARE        extra kernels in the pool for late or returning learners (default: a tenth of
#                CLASS_SIZE, at least 2)
#   FILL_DELAY   seconds before a used kernel is replaced (default 300: after the class has
#                arrived, so replacing kernels does not slow the lesson's first minutes). A learner
#                who arrives when the spares are gone waits FILL_DELAY plus a kernel start, which is
#                why SPARE grows with the class.
#   WR_ANSWERS_DIR   where learners' answers are saved (default: the user data folder); PINs and
#                    the record of failed saves go in the folder beside it ending in -settings
#   VENV         the environment (default .venv)
#
# What it sets up, and why (figures in docs/benchmarks.md):
# - a preheated kernel pool of CLASS_SIZE kernels: each has already run the notebook when a learner
#   arrives, so the page only has to draw the widgets. A preheated kernel knows no learner, so it
#   shows no one's answers until a name and PIN are typed;
# - refills delayed by FILL_DELAY, so replacing used kernels does not compete with the arriving
#   class (with 20 s, 30 learners' clicks waited up to 15 s at p95 and memory rose to 101 MB per
#   learner; with 300 s, 0.2-0.4 s and 53-55 MB);
# - kernels that talk to the server over Unix sockets in Voila's private folder, not TCP ports:
#   with 60 kernels starting at once, a port picked for a kernel was taken by another socket
#   before the kernel could bind it, and that kernel died;
# - the offline template (no request leaves this computer).
# Each kernel holds about 100 MB: 30 learners need about 3-4 GB of memory on this computer.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }

NETWORK=0
NOTEBOOK=""
for arg in "$@"; do
    case "$arg" in
        --network) NETWORK=1 ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "classroom.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
        *) NOTEBOOK="$arg" ;;
    esac
done
NOTEBOOK="${NOTEBOOK:-notebooks/00-start-here.ipynb}"
PORT="${PORT:-8866}"
CLASS_SIZE="${CLASS_SIZE:-30}"
SPARE="${SPARE:-$(( CLASS_SIZE / 10 > 2 ? CLASS_SIZE / 10 : 2 ))}"
FILL_DELAY="${FILL_DELAY:-300}"
PY="${VENV:-.venv}/bin/python"

if [ ! -f "$NOTEBOOK" ]; then
    echo "classroom.sh: no notebook at $NOTEBOOK" >&2
    exit 2
fi
if [ ! -x "$PY" ]; then
    echo "classroom.sh: $PY not found; run 'make lab' or 'make test' once to set up" >&2
    exit 2
fi

if [ "$NETWORK" = 1 ]; then
    HOST="${HOST:-0.0.0.0}"
    if [ -z "${CLASS_TOKEN+set}" ]; then
        CLASS_TOKEN="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(18))')"
    fi
    if ! [[ "$CLASS_TOKEN" =~ ^[A-Za-z0-9_-]{12,}$ ]]; then
        echo "classroom.sh: refusing to start on the classroom network without a token." >&2
        echo "  CLASS_TOKEN must be at least 12 letters, digits, - or _ (or leave it unset" >&2
        echo "  for a new random one)." >&2
        exit 2
    fi
    export WR_CLASS_TOKEN="$CLASS_TOKEN"  # read, then removed, by classroom-config/voila.py
    export -n CLASS_TOKEN  # so no learner's kernel inherits it
    export JUPYTER_CONFIG_PATH="$PWD/scripts/classroom-config${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}"
else
    HOST="${HOST:-127.0.0.1}"
    case "$HOST" in
        127.*|localhost|::1) ;;
        *)
            echo "classroom.sh: HOST=$HOST would let other computers in; add --network," >&2
            echo "  which makes every page need a token." >&2
            exit 2
            ;;
    esac
fi

export WR_CLASS_SERVER=1
export WR_REMEMBER_LEARNER=0
export JUPYTER_PATH="$PWD/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"

echo "Starting Voilà for a class of $CLASS_SIZE on $NOTEBOOK."
if [ "$NETWORK" = 1 ]; then
    ADDRESS="$HOST"
    if [ "$HOST" = "0.0.0.0" ]; then
        ADDRESS="$( (hostname -I 2>/dev/null || true) | awk '{print $1}')"
        ADDRESS="${ADDRESS:-$(hostname)}"
    fi
    echo "Learners open: http://$ADDRESS:$PORT/?token=$CLASS_TOKEN"
    echo "(Share this address only with the class. Anyone with it can open the notebook.)"
else
    echo "Open: http://127.0.0.1:$PORT/ (this computer only; add --network for the class)"
fi
echo "Wait until the log says the kernel pool is filled."
exec "$PY" -m widgets.voila_app --no-browser \
    --Voila.ip="$HOST" --port="$PORT" --template=offline \
    --preheat_kernel=True --pool_size="$((CLASS_SIZE + SPARE))" \
    --VoilaKernelManager.fill_delay="$FILL_DELAY" \
    --KernelManager.transport=ipc \
    "$NOTEBOOK"
