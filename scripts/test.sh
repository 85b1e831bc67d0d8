#!/usr/bin/env bash
# Runs every check CI runs: build, lint, type-check, all tests, package checks.
# Installs what it needs first (Node 24 if the machine's is older, pnpm, dependencies).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
pnpm run verify
