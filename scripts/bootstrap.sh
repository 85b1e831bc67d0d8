#!/usr/bin/env bash
# Puts Node >= 22 and the pinned pnpm on PATH, then installs the workspace.
# Sourced by the other scripts: `. scripts/bootstrap.sh`. Installs only into ./.tools.

LOCKSTEP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCKSTEP_TOOLS="$LOCKSTEP_ROOT/.tools"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# The project targets Node >= 22 and is tested on Node 24 LTS. Older machines get a
# real Node 24 binary from the npm package `node@24` (no download outside the registry).
if [ "$(node_major)" -lt 22 ]; then
  if [ ! -x "$LOCKSTEP_TOOLS/node/node_modules/.bin/node" ]; then
    echo "bootstrap: Node $(node --version 2>/dev/null || echo none) is too old; installing node@24 into .tools/node" >&2
    npm install --silent --no-save --no-package-lock --no-audit --no-fund \
      --prefix "$LOCKSTEP_TOOLS/node" node@24 >&2
  fi
  export PATH="$LOCKSTEP_TOOLS/node/node_modules/.bin:$PATH"
fi
[ "$(node_major)" -ge 22 ] || { echo "bootstrap: could not get Node >= 22" >&2; return 1 2>/dev/null || exit 1; }

# pnpm, pinned by `packageManager` in package.json.
pnpm_version="$(node -p 'require(process.argv[1]).packageManager.split("@")[1]' "$LOCKSTEP_ROOT/package.json")"
if [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  if [ ! -x "$LOCKSTEP_TOOLS/pnpm/node_modules/.bin/pnpm" ] \
     || [ "$("$LOCKSTEP_TOOLS/pnpm/node_modules/.bin/pnpm" --version)" != "$pnpm_version" ]; then
    echo "bootstrap: installing pnpm@$pnpm_version into .tools/pnpm" >&2
    npm install --silent --no-save --no-package-lock --no-audit --no-fund \
      --prefix "$LOCKSTEP_TOOLS/pnpm" "pnpm@$pnpm_version" >&2
  fi
  export PATH="$LOCKSTEP_TOOLS/pnpm/node_modules/.bin:$PATH"
fi
export COREPACK_ENABLE_STRICT=0
export TURBO_TELEMETRY_DISABLED=1
export DO_NOT_TRACK=1

echo "bootstrap: node $(node --version), pnpm $(pnpm --version)" >&2
(cd "$LOCKSTEP_ROOT" && pnpm install --frozen-lockfile --prefer-offline >&2) \
  || (cd "$LOCKSTEP_ROOT" && [ -z "${CI:-}" ] && pnpm install >&2)
