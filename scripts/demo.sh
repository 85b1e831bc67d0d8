#!/usr/bin/env bash
# Runs the demo app (Hono) against the embedded mock auth server, with a seeded demo user.
# Installs what it needs first (Node 24 if the machine's is older, pnpm, the dependencies).
# Set SUPABASE_URL and SUPABASE_ANON_KEY to use a real project instead; PORT picks the port.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
exec pnpm --filter @lockstep/demo-hono start
