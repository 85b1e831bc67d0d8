#!/usr/bin/env bash
# Runs every check CI runs: build, lint, type-check, all tests (unit, contract, browser), package checks,
# then the outside-the-workspace check (packed packages installed into fresh apps with npm and pnpm,
# built and smoke-tested per framework and runtime: scripts/outside-install/run.mjs).
# Installs what it needs first: Node 24 if the machine's is older, pnpm, the dependencies, and
# Debian's chromium and redis-server for the browser and shared-store tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
. scripts/bootstrap.sh
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# Each contract suite (adapter × provider) writes its counts here; the summary reads them.
rm -rf .contract-results
pnpm run verify 2>&1 | tee "$log"
node scripts/outside-install/run.mjs
node scripts/summarize-tests.mjs "$log"
