#!/usr/bin/env bash
# Installs the system packages the tests need, from Debian's archive, when they are missing:
# chromium (browser end-to-end tests, driven by playwright-core) and redis-server (the shared
# refresh store's tests). Idempotent; needs root or sudo only when something is missing.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# redis-cli builds the local Redis Cluster of the redis-store tests.
command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then as_root=(); elif command -v sudo >/dev/null 2>&1; then as_root=(sudo); else
  echo "system-deps: ${missing[*]} missing and no root/sudo to install them (apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "system-deps: installing ${missing[*]} from Debian's archive" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq >&2
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
