// A profiling driver for the cached path: `node --cpu-prof --conditions=@lockstep/source --import tsx src/profile-cached.ts [variant] [n]`.
// Not part of `pnpm bench`: it loops one variant so a CPU profile shows where a cached request spends its time.
import { startMockAuth } from '@lockstep/mock-auth';
import { API_PATH, appRequest, lockstepApp, noAuthApp, PAGE_PATH, type BenchApp } from './apps.js';
import { sessionCookieHeader } from './session-cookie.js';
import { summarize } from './stats.js';

const USER = { email: 'bench@example.com', password: 'bench-password-1' } as const;
const BIG = { email: 'big@example.com', password: 'bench-password-1', userMetadata: { bio: 'x'.repeat(6_600) } } as const;


const variant = process.argv[2] ?? 'claims';
const n = Number(process.argv[3] ?? '50000');
const mock = await startMockAuth({ users: [USER, BIG] });
try {
  const project = { url: mock.url, anonKey: mock.anonKey };
  const storageKey = lockstepApp(project, 'claims').instance.config.storageKey;
  const small = sessionCookieHeader(storageKey, await mock.controls.issueSession(USER.email));
  const big = sessionCookieHeader(storageKey, await mock.controls.issueSession(BIG.email));
  const apps: Record<string, { app: BenchApp; cookie: string }> = {
    none: { app: noAuthApp(), cookie: small },
    claims: { app: lockstepApp(project, 'claims').app, cookie: small },
    session: { app: lockstepApp(project, 'session').app, cookie: small },
    chunks: { app: lockstepApp(project, 'claims').app, cookie: big },
    'claims-uncached': { app: lockstepApp(project, 'claims', {}, { jwt: { sessionCacheBytes: 0 } }).app, cookie: small },
  };
  // `all`: every variant interleaved in batches (a quick side-by-side); otherwise one variant looped (for --cpu-prof).
  const chosen = variant === 'all' ? Object.keys(apps) : [variant];
  const samples = new Map<string, number[]>(chosen.map((name) => [name, []]));
  for (let round = 0; round < n / 100; round += 1) {
    for (const name of chosen) {
      const entry = apps[name];
      if (entry === undefined) throw new Error(`unknown variant ${name} (known: ${Object.keys(apps).join(', ')}, all)`);
      const out = samples.get(name) as number[];
      for (let i = 0; i < 100; i += 1) {
        const request = appRequest(i % 2 === 0 ? PAGE_PATH : API_PATH, entry.cookie, 'api');
        const start = performance.now();
        const response = await entry.app.request(request);
        if (round >= n / 500) out.push(performance.now() - start);
        if (response.status !== 200) throw new Error(`${name} answered ${response.status}`);
      }
    }
  }
  const base = samples.has('none') ? summarize(samples.get('none') as number[]).medianUs : 0;
  for (const [name, out] of samples) {
    const summary = summarize(out);
    console.log(`${name.padEnd(12)} median ${summary.medianUs.toFixed(1)} µs (added ${(summary.medianUs - base).toFixed(1)}), p99 ${summary.p99Us.toFixed(1)} µs`);
  }
} finally {
  await mock.stop();
}
