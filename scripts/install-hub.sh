#!/usr/bin/env bash
# Install what the class hub needs (`make hub` and the hub's test run this; it is quick when
# nothing changed). As root, into WR_HUB_PREFIX (default /srv/working-relationships):
#
#   env/    a Python environment made from Debian's /usr/bin/python3 with JupyterHub, the
#           first-use authenticator, the idle culler, Voilà, JupyterLab and this collection.
#           It lives outside the project folder and every account can read it: each learner's
#           server runs as that learner, and a folder under /root (mode 700) would stop them.
#   proxy/  configurable-http-proxy from npm, with the Node.js already on the machine (or
#           Debian's nodejs and npm when there is none). Debian's own proxy package is not used.
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX="${WR_HUB_PREFIX:-/srv/working-relationships}"
HUB_PYTHON="${HUB_PYTHON:-/usr/bin/python3}"
PROXY_VERSION="5.3.0"

if [ "$(id -u)" != "0" ]; then
    echo "install-hub.sh: run this as root (sudo make hub): the hub makes an account for each person." >&2
    exit 2
fi
export DEBIAN_FRONTEND=noninteractive

# --- Python every account can run
if ! "$HUB_PYTHON" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "Installing Debian's python3 and python3-venv for the hub..."
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends python3 python3-venv >/dev/null
fi
mkdir -p "$PREFIX"
chmod 755 "$PREFIX"
ENV="$PREFIX/env"
if [ ! -x "$ENV/bin/python" ]; then
    echo "Creating the hub's Python environment in $ENV ..."
    "$HUB_PYTHON" -m venv "$ENV"
fi
# Requirements again when pyproject.toml changed; the collection again when its code changed.
fingerprint() { find "$@" -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 \
    | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16; }
DEPS="$(fingerprint pyproject.toml)"
CODE="$(fingerprint pyproject.toml widgets share)"
if [ "$(cat "$ENV/.requirements" 2>/dev/null || true)" != "$DEPS" ]; then
    echo "Installing JupyterHub, Voilà and JupyterLab into $ENV ..."
    "$ENV/bin/python" -m pip install --quiet --upgrade pip
    "$ENV/bin/python" -m pip install --quiet ".[hub]"
    # Same reason as the Makefile: it costs every Jupyter process ~1.3 s at start and no
    # Jupyter schema uses it (docs/benchmarks.md).
    "$ENV/bin/python" -m pip uninstall --quiet --yes rfc3987-syntax
    echo "$DEPS" > "$ENV/.requirements"
fi
if [ "$(cat "$ENV/.installed" 2>/dev/null || true)" != "$CODE" ]; then
    echo "Installing the collection into $ENV ..."
    # Its code changes more often than its version number: always take this copy.
    "$ENV/bin/python" -m pip install --quiet --no-deps --force-reinstall .
    chmod -R a+rX "$ENV"
    echo "$CODE" > "$ENV/.installed"
fi
# Prove another account can run it (the hub's learners are other accounts).
if ! setpriv --reuid=nobody --regid=nogroup --clear-groups \
        "$ENV/bin/python" -c 'import jupyterhub, voila, widgets.hub.config' 2>/dev/null; then
    echo "install-hub.sh: $ENV cannot be used by other accounts; is $HUB_PYTHON readable by everyone?" >&2
    exit 2
fi

# --- configurable-http-proxy from npm, with Node.js from the machine or Debian
if ! command -v node >/dev/null 2>&1; then
    echo "Installing Debian's nodejs and npm for the hub's proxy..."
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "install-hub.sh: node is installed but npm is not; install npm with the same package source as node." >&2
    exit 2
fi
PROXY_DIR="$PREFIX/proxy"
PROXY_PKG="$PROXY_DIR/node_modules/configurable-http-proxy/package.json"
if ! grep -q "\"version\": \"$PROXY_VERSION\"" "$PROXY_PKG" 2>/dev/null; then
    echo "Installing configurable-http-proxy $PROXY_VERSION into $PROXY_DIR ..."
    mkdir -p "$PROXY_DIR"
    npm install --prefix "$PROXY_DIR" --no-audit --no-fund --no-save --loglevel=error \
        "configurable-http-proxy@$PROXY_VERSION" >/dev/null
fi
"$PROXY_DIR/node_modules/.bin/configurable-http-proxy" --version >/dev/null
