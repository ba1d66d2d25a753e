#!/bin/sh
# Installs what the test suite needs on a fresh Debian machine with Node 20:
# Debian's Chromium for the end-to-end tests, then the npm dependencies.
set -eu
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium for the end-to-end tests"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# better-sqlite3 builds from source when no prebuilt binary can be fetched (~2 min).
# Not `npm ci`: it refuses this lockfile when the registry lacks rollup's binaries for
# other platforms (README, Known gotchas); `npm install` installs the same locked tree.
ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund
