#!/bin/sh
# Installs what the test suite needs on a fresh Debian machine with Node 20:
# Debian's Chromium, PostgreSQL and Redis, then the npm dependencies.
set -eu
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian's chromium runs the end-to-end tests; PostgreSQL and Redis run the scale-out
# tests (the test helpers start their own servers in temporary directories; the
# packages' own services are not used); iproute2 and nftables cut the links between
# them in the network fault tests.
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
command -v nft >/dev/null 2>&1 || missing="$missing nftables"
command -v ip >/dev/null 2>&1 || missing="$missing iproute2"
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
if [ -n "$missing" ]; then
  echo "installing Debian packages:$missing"
  as_root apt-get update -qq
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

# better-sqlite3 builds from source when no prebuilt binary can be fetched (~2 min).
# Not `npm ci`: it refuses this lockfile when the registry lacks rollup's binaries for
# other platforms (README, Known gotchas); `npm install` installs the same locked tree.
# --prefer-offline: packages already in npm's cache are not checked with the registry
# again (the lockfile pins them), which saves a request per package on a warm machine.
ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund --prefer-offline
