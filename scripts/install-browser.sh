#!/usr/bin/env bash
# Make sure Debian's Chromium is present for the browser tests.
# As root with apt-get (CI, these machines): install it when missing.
# Otherwise: say how, and let the browser tests skip (they fail instead when CI=true).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
  chromium --version
else
  echo "Chromium not found: browser tests will be skipped. Install it with: sudo apt-get install chromium"
fi
