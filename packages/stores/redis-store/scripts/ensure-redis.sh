#!/usr/bin/env bash
# Makes sure redis-server and redis-cli exist for the real-Redis tests (Debian's redis-server, which
# pulls in redis-tools with redis-cli; the cluster tests need both); idempotent.
# The tests start and stop their own servers on free loopback ports: this only installs.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/bin/$1" ]; }
server_ok() { { [ -n "${REDIS_SERVER:-}" ] && [ -x "${REDIS_SERVER}" ]; } || have redis-server; }
cli_ok() { { [ -n "${REDIS_CLI:-}" ] && [ -x "${REDIS_CLI}" ]; } || have redis-cli; }
if server_ok && cli_ok; then exit 0; fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-redis: redis-server or redis-cli is missing and apt-get is not available; install Redis (>= 7 for the cluster tests) or set REDIS_SERVER and REDIS_CLI" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends redis-server redis-tools
# The package may start a system service; the tests do not use it.
redis-server --version
