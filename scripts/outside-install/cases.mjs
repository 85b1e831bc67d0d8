// The outside-the-workspace cases: one app template per framework (templates/), with per-case
// overlays and versions. A case whose Lockstep package does not exist yet is listed as not run.

const NEXT_START = { command: 'node_modules/.bin/next', args: ['start', '-H', '127.0.0.1', '-p', '0'] };
/**
 * Next 15 started on `localhost` (loopback too): given a loopback IP as its host name, Next 15 turns
 * every middleware redirect into an absolute `http://localhost:<port>/…` (see the Next adapter's
 * README). `hostProbe` pins that behaviour, so the README's advice is re-checked on every Next 15.
 */
const NEXT15_START = { command: 'node_modules/.bin/next', args: ['start', '-H', 'localhost', '-p', '0'] };
const REACT_ROUTER_7 = { 'react-router': '^7.9.0', '@react-router/node': '^7.9.0', '@react-router/dev': '^7.9.0' };

export const FRAMEWORK_CASES = [
  { name: 'Next 16 (proxy.ts)', template: 'next', versions: { next: '^16.2.6' }, start: NEXT_START, requires: ['@lockstep/next'] },
  {
    name: 'Next 15 (middleware.ts)',
    template: 'next',
    overlays: ['next15'],
    remove: ['proxy.ts'],
    versions: { next: '^15.5.18' },
    start: NEXT15_START,
    hostProbe: { start: NEXT_START, expectLocation: /^http:\/\/localhost:\d+\/login\?next=%2Fdashboard$/ },
    requires: ['@lockstep/next'],
  },
  { name: 'Hono (@hono/node-server)', template: 'hono', start: { command: 'node', args: ['dist/server.js'] }, requires: ['@lockstep/hono'] },
  {
    name: 'React Router 7',
    template: 'react-router',
    overlays: ['react-router-7'],
    versions: REACT_ROUTER_7,
    start: { command: 'node', args: ['server.js'] },
    requires: ['@lockstep/remix'],
  },
  { name: 'React Router 8', template: 'react-router', start: { command: 'node', args: ['server.js'] }, requires: ['@lockstep/remix'] },
  { name: 'Express 5', template: 'express', start: { command: 'node', args: ['dist/server.js'] }, requires: ['@lockstep/node'] },
  { name: 'Fastify 5', template: 'fastify', start: { command: 'node', args: ['dist/server.js'] }, requires: ['@lockstep/node'] },
];

/**
 * The core and the Hono adapter on other runtimes: one app (templates/runtimes), bundled with esbuild,
 * installed once with npm (the runtime binaries are npm packages: miniflare's workerd, bun, deno).
 */
const RUNTIME = { template: 'runtimes', packageManagers: ['npm'], requires: ['@lockstep/hono'] };
export const RUNTIME_CASES = [
  { ...RUNTIME, name: 'workerd (Miniflare, no compat flags)', start: { command: 'node', args: ['serve-workerd.js'] } },
  { ...RUNTIME, name: 'Bun', start: { command: 'node_modules/.bin/bun', args: ['dist/bun.js'] } },
  { ...RUNTIME, name: 'Deno', start: { command: 'node_modules/.bin/deno', args: ['run', '--allow-net', '--allow-env', 'dist/deno.js'] } },
];

export const PACKAGE_MANAGERS = [
  { name: 'npm', install: ['npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error']], run: (script) => ['npm', ['run', script]] },
  { name: 'pnpm', install: ['pnpm', ['install', '--prefer-offline', '--reporter=append-only']], run: (script) => ['pnpm', ['run', script]] },
];
