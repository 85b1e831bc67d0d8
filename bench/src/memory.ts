// Memory: heap while a million distinct tokens pass through the verified-token cache and the refresh store.
import { createHash, createHmac } from 'node:crypto';
import { createMemoryRefreshStore } from '@lockstep/core/refresh';
import { createSupabaseLockstep } from '@lockstep/supabase';
import { lockstepOptions } from './apps.js';
import type { BenchResult, Size } from './results.js';
import { round } from './stats.js';
import { sessionCookieHeader } from './session-cookie.js';
import { lineChart } from './svg-plot.js';
import { formatTable } from './table.js';

// Distinct tokens in total, half through each phase: 50k for smoke, 1M for full.
const SIZES = { smoke: 25_000, full: 500_000 } as const;
const SAMPLES = 10;
const PROJECT = { url: 'http://127.0.0.1:54321', anonKey: 'bench-anon-key' } as const;
const SECRET = 'bench-hs256-secret-at-least-32-characters';
const NOW = 1_800_000_000;

/** Heap after `tokens` tokens of one phase. */
export interface HeapSample {
  readonly phase: 'verified-token cache' | 'refresh store';
  readonly tokens: number;
  readonly heapMiB: number;
  readonly refreshStoreEntries: number;
}

/**
 * One Lockstep instance in `claims` mode with an HS256 secret (cheap to forge a million valid
 * tokens) and an injected fetch that answers every refresh with a new forged session:
 * 1. N requests, each with a distinct valid access token: N verified-token cache inserts.
 * 2. N requests, each with a distinct expired session: N refreshes through the coordinator
 *    (locks + successors in the memory store) and N more verified tokens.
 * The heap is measured after a forced GC (`--expose-gc`) every N/10 requests.
 */
export async function runMemory(size: Size): Promise<BenchResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = (): number => {
    gc?.();
    return process.memoryUsage().heapUsed / 2 ** 20;
  };
  const n = SIZES[size];
  const store = createMemoryRefreshStore();
  let refreshes = 0;
  const fakeFetch: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.searchParams.get('grant_type') !== 'refresh_token') return new Response('{}', { status: 404 });
    refreshes += 1;
    // The successor belongs to the same user: Lockstep refuses a refresh that answers for another one.
    const body = JSON.parse(input instanceof Request ? await input.text() : String(init?.body ?? '{}')) as { refresh_token?: string };
    return Response.json(forgedSession(`r${refreshes}`, NOW + 3600, subjectOf(body.refresh_token ?? '')));
  };
  const instance = createSupabaseLockstep(lockstepOptions(PROJECT, 'claims', { jwt: { secret: SECRET }, refreshStore: store }), { fetch: fakeFetch, now: () => NOW });
  const storageKey = instance.config.storageKey;
  const before = heap();
  const samples: HeapSample[] = [];
  const phases = [
    { phase: 'verified-token cache', exp: NOW + 3600 },
    { phase: 'refresh store', exp: NOW - 60 },
  ] as const;
  const started = performance.now();
  let unexpected = 0;
  for (const { phase, exp } of phases) {
    for (let i = 1; i <= n; i += 1) {
      const cookie = sessionCookieHeader(storageKey, forgedSession(`${phase[0]}${i}`, exp));
      const outcome = await instance.handle(new Request('http://app.test/api/data', { headers: { cookie, accept: 'application/json' } }));
      if (outcome.kind !== 'continue' || outcome.auth.kind !== 'authenticated') unexpected += 1;
      if (i % (n / SAMPLES) === 0) samples.push({ phase, tokens: i, heapMiB: heap(), refreshStoreEntries: store.size });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const after = heap();
  const peak = Math.max(...samples.map((sample) => sample.heapMiB));
  const table = formatTable(
    ['distinct tokens (2 phases)', 'heap before MiB', 'heap after MiB', 'peak sample MiB', 'refresh store entries (bound 10,000)', 'verified-token cache bound', 'refreshes', 'unexpected outcomes', 'gc forced', 'seconds'],
    [[2 * n, round(before), round(after), round(peak), store.size, '10,000 (default)', refreshes, unexpected, gc === undefined ? 'no' : 'yes', round(seconds)]],
  );
  const seriesTable = formatTable(
    ['phase', 'tokens', 'heap MiB', 'refresh store entries'],
    samples.map((sample) => [sample.phase, sample.tokens, round(sample.heapMiB), sample.refreshStoreEntries]),
  );
  const plot = lineChart({
    title: `Heap after a forced GC while ${n.toLocaleString('en-US')} + ${n.toLocaleString('en-US')} distinct tokens pass`,
    yLabel: 'heap used (MiB)',
    xLabel: 'distinct tokens through the phase',
    categories: samples.filter((sample) => sample.phase === 'verified-token cache').map((sample) => sample.tokens),
    series: phases.map(({ phase }) => ({ label: phase, values: samples.filter((sample) => sample.phase === phase).map((sample) => sample.heapMiB) })),
  });
  return {
    name: 'memory',
    title: 'Memory under distinct tokens',
    tables: [table, seriesTable],
    data: { tokensPerPhase: n, heapBeforeMiB: before, heapAfterMiB: after, peakMiB: peak, refreshStoreEntries: store.size, refreshes, unexpected, gcForced: gc !== undefined, seconds, samples },
    plots: [plot],
  };
}

/** A session body as GoTrue returns it, with an HS256 access token signed with the bench secret. */
/** A forged session's user, derived from its refresh token: no map that would weigh on the heap measured. */
function subjectOf(refreshToken: string): string {
  const hex = createHash('sha256').update(refreshToken).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function forgedSession(id: string, exp: number, subject?: string): Record<string, unknown> {
  const sub = subject ?? subjectOf(id.padStart(12, 'x'));
  return {
    access_token: signHs256({ iss: `${PROJECT.url}/auth/v1`, aud: 'authenticated', sub, exp, iat: exp - 3600, role: 'authenticated', session_id: id }),
    refresh_token: id.padStart(12, 'x'),
    token_type: 'bearer',
    expires_in: 3600,
    expires_at: exp,
    user: { id: sub },
  };
}

function signHs256(payload: Record<string, unknown>): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}
