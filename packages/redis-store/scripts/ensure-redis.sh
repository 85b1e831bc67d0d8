#!/usr/bin/env bash
# Makes sure a redis-server binary exists for the real-Redis tests (Debian's package); idempotent.
# The tests start and stop their own server on a free loopback port: this only installs.
set -euo pipefail

if [ -n "${REDIS_SERVER:-}" ] && [ -x "${REDIS_SERVER}" ]; then exit 0; fi
if command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ]; then exit 0; fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-redis: redis-server is missing and apt-get is not available; install Redis (>= 6.2) or set REDIS_SERVER" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends redis-server
# The package may start a system service; the tests do not use it.
redis-server --version
