#!/usr/bin/env bash
# Make sure the system libraries the printable pack's PDF engine (WeasyPrint) draws text with are
# present: Pango, HarfBuzz's subsetter, and the DejaVu fonts the pack's pages name.
# As root with apt-get (CI, these machines): install what is missing.
# Otherwise: say how, and the print command explains the same when it runs.
set -euo pipefail
PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
have() { ldconfig -p 2>/dev/null | grep -q "$1"; }
if have libpango-1.0.so.0 && have libpangoft2-1.0.so.0 && have libharfbuzz-subset.so.0 \
  && [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing the PDF engine's system libraries: ${PACKAGES[*]}..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
else
  echo "The printable pack needs: ${PACKAGES[*]}. Install them with: sudo apt-get install ${PACKAGES[*]}"
fi
