#!/usr/bin/env bash
# Start the class hub: JupyterHub with a login for each person on the class list.
#
#   sudo make hub CLASS_LIST=class-list.csv          (or: sudo bash scripts/hub.sh)
#
# Settings (environment or make variables):
#   CLASS_LIST   the class list, a CSV file with the columns login,role (role: learner or tutor)
#   LESSON       the notebook learners land in (default 00-start-here.ipynb)
#   HOST         address to listen on (default 127.0.0.1: this computer only; 0.0.0.0 for the
#                classroom network, with SSL_KEY and SSL_CERT so passwords are not sent in clear)
#   PORT         port (default 8000); people open http://<this computer>:PORT/
#   IDLE_TIMEOUT seconds before an idle server is stopped and its memory freed (default 3600)
#   WR_HUB_PREFIX  where the hub is installed and keeps the class's folders
#                  (default /srv/working-relationships)
# What it sets up and why: README "A class hub with logins" and widgets/hub/.
set -euo pipefail

if [ -z "${CLASS_LIST:-}" ]; then
    cat >&2 <<'HELP'
hub.sh: give the class list, for example:  sudo make hub CLASS_LIST=class-list.csv
A class list is a CSV file (a spreadsheet saved as CSV) like this:
    login,role
    sam-tutor,tutor
    amira,learner
    ben,learner
HELP
    exit 2
fi
if [ ! -f "$CLASS_LIST" ]; then
    echo "hub.sh: no class list at $CLASS_LIST" >&2
    exit 2
fi
CLASS_LIST="$(realpath "$CLASS_LIST")"  # before leaving the folder it was given from
cd "$(dirname "$0")/.."
bash scripts/install-hub.sh

export WR_HUB_PREFIX="${WR_HUB_PREFIX:-/srv/working-relationships}"
export WR_HUB_SOURCE="$PWD"
export WR_HUB_CLASS_LIST="$CLASS_LIST"
export WR_HUB_LESSON="${LESSON:-${WR_HUB_LESSON:-00-start-here.ipynb}}"
export WR_HUB_HOST="${HOST:-${WR_HUB_HOST:-127.0.0.1}}"
export WR_HUB_PORT="${PORT:-${WR_HUB_PORT:-8000}}"
export WR_HUB_IDLE_TIMEOUT="${IDLE_TIMEOUT:-${WR_HUB_IDLE_TIMEOUT:-3600}}"
export WR_HUB_SSL_KEY="${SSL_KEY:-${WR_HUB_SSL_KEY:-}}"
export WR_HUB_SSL_CERT="${SSL_CERT:-${WR_HUB_SSL_CERT:-}}"
ENV="$WR_HUB_PREFIX/env"

"$ENV/bin/python" -m widgets class-list "$WR_HUB_CLASS_LIST"
case "$WR_HUB_HOST" in
    127.0.0.1|localhost|::1) where="this computer only" ;;
    *)
        where="the network"
        if [ -z "$WR_HUB_SSL_CERT" ]; then
            echo "WARNING: listening on $WR_HUB_HOST without SSL_CERT/SSL_KEY: passwords cross the network unencrypted." >&2
        fi ;;
esac
SCHEME=http
[ -n "$WR_HUB_SSL_CERT" ] && SCHEME=https
echo "Class hub for $where: open $SCHEME://$WR_HUB_HOST:$WR_HUB_PORT/ ; each person chooses a password the first time they log in."
mkdir -p "${WR_HUB_INSTANCE:-$WR_HUB_PREFIX}/state"
cd "${WR_HUB_INSTANCE:-$WR_HUB_PREFIX}/state"
PATH="$ENV/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" exec "$ENV/bin/jupyterhub" \
    -f "$WR_HUB_SOURCE/scripts/jupyterhub_config.py"
