import { startMockAuth } from '@lockstep/mock-auth';
import { API_PATH, appRequest, lockstepApp } from './src/apps.js';
import { sessionCookieHeader } from './src/session-cookie.js';
const USER = { email: 'bench@example.com', password: 'bench-password-1' } as const;
const mode = (process.argv[2] ?? 'claims') as 'claims' | 'session';
const mock = await startMockAuth({ users: [USER] });
const project = { url: mock.url, anonKey: mock.anonKey };
const { instance } = lockstepApp(project, mode);
const cookie = sessionCookieHeader(instance.config.storageKey, await mock.controls.issueSession(USER.email));
const req = () => appRequest(API_PATH, cookie, 'api');
await instance.handle(req());
for (let i = 0; i < 20000; i++) await instance.handle(req());
const N = 40000; let total = 0; const xs: number[] = [];
for (let i = 0; i < N; i++) { const r = req(); const t = performance.now(); await instance.handle(r); const d = performance.now() - t; total += d; xs.push(d); }
xs.sort((a, b) => a - b); console.log("median µs", (xs[N >> 1]! * 1000).toFixed(2));
console.log(mode, 'mean handle µs', (total / N * 1000).toFixed(2), 'cookie len', cookie.length);
await mock.stop();
