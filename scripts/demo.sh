#!/usr/bin/env bash
# Runs the demo apps side by side, each on the embedded mock auth server with a seeded demo user:
# Hono on :3000, React Router on :3001, Next.js on :3002 (each prints its URL and login).
# `bash scripts/demo.sh hono` (or remix, next) runs just one, on PORT (default 3000).
# Set SUPABASE_URL and SUPABASE_ANON_KEY to use a real project instead of the mock.
# Installs what it needs first (Node 24 if the machine's is older, pnpm, the dependencies).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh

which="${1:-all}"
declare -A ports=([hono]=3000 [remix]=3001 [next]=3002)
case "$which" in
  hono|remix|next) exec env PORT="${PORT:-3000}" pnpm --silent --filter "@lockstep/demo-$which" start ;;
  all) ;;
  *) echo "usage: bash scripts/demo.sh [all|hono|remix|next]" >&2; exit 2 ;;
esac

trap 'trap - INT TERM EXIT; kill 0 2>/dev/null; wait' INT TERM EXIT
for demo in hono remix next; do
  PORT="${ports[$demo]}" pnpm --silent --filter "@lockstep/demo-$demo" start 2>&1 | sed -u "s/^/[$demo] /" &
done
wait
