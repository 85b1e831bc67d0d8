// The telemetry over a real run (mock Supabase Auth, real sessions): spans, child spans, metrics, and no secret anywhere.
import type { Outcome } from '@lockstep/core';
import { createSupabaseLockstep, type SupabaseLockstepOptions } from '@lockstep/supabase';
import { createMockAuth } from '@lockstep/mock-auth';
import { SpanStatusCode, type Attributes } from '@opentelemetry/api';
import { AggregationTemporality, MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { lockstepTelemetry, LOCKSTEP_SPANS } from '../src/index.js';

const USER = { email: 'grace.hopper@example.com', password: 'cobol-1959-long' } as const;
const LIFETIME = 3600;

/** Collects on demand (no timer): the test reads the metrics exactly when it asks. */
class CollectingReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
  async metrics(): Promise<ResourceMetrics> {
    const { resourceMetrics } = await this.collect();
    return resourceMetrics;
  }
}

async function setUp(extra: Partial<SupabaseLockstepOptions> = {}) {
  const mock = await createMockAuth({ users: [USER] });
  mock.controls.clock.freeze();
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new CollectingReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const telemetry = lockstepTelemetry({ tracer: tracerProvider.getTracer('test'), meter: meterProvider.getMeter('test') });
  const lockstep = createSupabaseLockstep(
    {
      supabaseUrl: mock.url,
      supabaseKey: mock.anonKey,
      routes: [
        { match: '/', access: 'public' },
        { match: '/admin/**', access: 'protected', verify: 'user' },
      ],
      onEvent: telemetry.onEvent,
      ...extra,
    },
    { fetch: mock.fetch, now: () => mock.controls.clock.now() / 1000 },
  );
  /** Every token, cookie value and personal detail the run produced: none may reach telemetry. */
  const secrets = new Set<string>([USER.email, USER.password]);
  const remember = (outcome: Outcome): void => {
    for (const setCookie of outcome.cookies.setCookie) {
      const value = setCookie.slice(setCookie.indexOf('=') + 1).split(';')[0] ?? '';
      if (value !== '') secrets.add(value);
    }
    if (outcome.kind === 'continue' && outcome.auth.kind === 'authenticated') {
      secrets.add(outcome.auth.session.accessToken).add(outcome.auth.session.refreshToken).add(outcome.auth.user.id);
      if (outcome.requestCookieHeader !== '') secrets.add(outcome.requestCookieHeader);
    }
  };
  const page = (path: string, cookie?: string, headers: Record<string, string> = {}): Request =>
    new Request(`http://app.test${path}`, { headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate', ...(cookie === undefined ? {} : { cookie }), ...headers } });
  const handle = async (path: string, cookie?: string): Promise<Outcome> => {
    const outcome = await lockstep.handle(page(path, cookie));
    remember(outcome);
    return outcome;
  };
  const signIn = async (): Promise<string> => {
    const result = await lockstep.signInWithPassword(new Request('http://app.test/login', { method: 'POST' }), USER);
    if (result.kind !== 'signed_in') throw new Error(`sign-in failed: ${result.kind}`);
    remember(result.redirect);
    secrets.add(result.auth.session.accessToken).add(result.auth.session.refreshToken).add(result.auth.user.id);
    const cookie = result.redirect.cookies.setCookie.map((value) => value.split(';')[0]).join('; ');
    secrets.add(cookie);
    return cookie;
  };
  return { mock, lockstep, exporter, reader, secrets, handle, page, signIn, remember };
}

function spansNamed(spans: readonly ReadableSpan[], name: string): ReadableSpan[] {
  return spans.filter((span) => span.name === name);
}

/** Every string telemetry wrote: span names, attribute values, event names and attributes, status messages, metric attributes. */
function writtenStrings(spans: readonly ReadableSpan[], metrics: ResourceMetrics): string[] {
  const values = (attributes: Attributes | undefined): string[] => Object.entries(attributes ?? {}).flatMap(([key, value]) => [key, String(value)]);
  const fromSpans = spans.flatMap((span) => [span.name, span.status.message ?? '', ...values(span.attributes), ...span.events.flatMap((event) => [event.name, ...values(event.attributes)])]);
  const fromMetrics = metrics.scopeMetrics.flatMap((scope) => scope.metrics.flatMap((metric) => [metric.descriptor.name, ...metric.dataPoints.flatMap((point) => values(point.attributes))]));
  return [...fromSpans, ...fromMetrics];
}

function sumOf(metrics: ResourceMetrics, name: string, match: Attributes = {}): number {
  const metric = metrics.scopeMetrics.flatMap((scope) => scope.metrics).find((candidate) => candidate.descriptor.name === name);
  let total = 0;
  for (const point of metric?.dataPoints ?? []) {
    if (!Object.entries(match).every(([key, value]) => point.attributes[key] === value)) continue;
    const value = point.value as number | { count: number };
    total += typeof value === 'number' ? value : value.count;
  }
  return total;
}

describe('@lockstep/otel over a real run', () => {
  it('a span per decision with child spans for auth-server calls, metrics for each kind, and no token, cookie or email anywhere', async () => {
    const t = await setUp();
    const cookie = await t.signIn();

    // A protected page (claims), an admin page (user mode: a GET /user call), an anonymous denial.
    expect((await t.handle('/dashboard', cookie)).kind).toBe('continue');
    const admin = await t.handle('/admin/users', cookie);
    expect(admin.kind).toBe('continue');
    expect((await t.handle('/dashboard')).kind).toBe('redirect');

    // Expiry: 10 concurrent requests, one refresh; then a late request with the spent token (successor replay).
    t.mock.controls.clock.advance(LIFETIME + 5);
    const burst = await Promise.all(Array.from({ length: 10 }, () => t.handle('/dashboard', cookie)));
    expect(burst.every((outcome) => outcome.kind === 'continue')).toBe(true);
    t.mock.controls.clock.advance(3);
    expect((await t.handle('/dashboard', cookie)).kind).toBe('continue');

    // The page's guard, with the id the middleware forwarded.
    const first = burst[0];
    if (first?.kind !== 'continue') throw new Error('unreachable');
    const guarded = await t.lockstep.guard(t.page('/admin/users', first.requestCookieHeader, { 'lockstep-request-id': first.requestId ?? '' }));
    expect(guarded.kind).toBe('allowed');

    // An outage at the next expiry: 503, the refresh call failed.
    t.mock.controls.clock.advance(LIFETIME + 5);
    t.mock.controls.fail('*', { kind: 'status', status: 503 });
    const down = await t.handle('/dashboard', first.requestCookieHeader);
    expect(down.kind === 'respond' && down.status).toBe(503);
    t.mock.controls.clearFaults();

    // Sign-out tells the server (a logout call, outside any request trace).
    const signedOut = await t.lockstep.signOut(new Request('http://app.test/logout', { method: 'POST', headers: { cookie: first.requestCookieHeader } }));
    t.remember(signedOut.outcome);

    const spans = t.exporter.getFinishedSpans();
    const handles = spansNamed(spans, LOCKSTEP_SPANS.handle);
    expect(handles).toHaveLength(15);
    const refreshes = spansNamed(spans, LOCKSTEP_SPANS.authCall('refresh'));
    // One successful refresh for the burst, one failed at the outage.
    expect(refreshes.map((span) => span.attributes['lockstep.auth.result']).sort()).toEqual(['ok', 'unavailable']);
    const failed = refreshes.find((span) => span.attributes['lockstep.auth.result'] === 'unavailable');
    expect(failed?.attributes).toMatchObject({ 'http.response.status_code': 503, 'lockstep.auth.cause': 'server_error' });
    expect(failed?.status.code).toBe(SpanStatusCode.ERROR);
    for (const child of refreshes) {
      const parent = handles.find((span) => span.spanContext().spanId === child.parentSpanContext?.spanId);
      expect(parent?.attributes['lockstep.rule']).toBe('default (no rule matched: protected)');
      expect(parent?.spanContext().traceId).toBe(child.spanContext().traceId);
    }
    const adminSpan = handles.find((span) => span.attributes['lockstep.rule'] === 'rules[1] /admin/**');
    expect(adminSpan?.attributes).toMatchObject({ 'lockstep.access': 'protected', 'lockstep.verify_mode': 'user', 'lockstep.cached': false, 'lockstep.outcome': 'continue', 'lockstep.reason': 'authenticated' });
    expect(spansNamed(spans, LOCKSTEP_SPANS.authCall('user')).some((span) => span.parentSpanContext?.spanId === adminSpan?.spanContext().spanId)).toBe(true);
    expect(handles.map((span) => span.attributes['lockstep.session']).filter((source) => source === 'joined')).toHaveLength(9);
    expect(handles.some((span) => span.attributes['lockstep.session'] === 'replayed')).toBe(true);
    expect(handles.find((span) => span.attributes['lockstep.outcome'] === 'redirect')?.attributes).toMatchObject({ 'lockstep.reason': 'no_session', 'http.response.status_code': 307 });
    const unavailable = handles.find((span) => span.attributes['http.response.status_code'] === 503);
    expect(unavailable?.status).toMatchObject({ code: SpanStatusCode.ERROR });
    const [guardSpan] = spansNamed(spans, LOCKSTEP_SPANS.guard);
    expect(guardSpan?.attributes).toMatchObject({ 'lockstep.request_id': first.requestId, 'lockstep.allowed': true, 'lockstep.verify_mode': 'user' });
    expect(handles.filter((span) => span.attributes['lockstep.request_id'] === first.requestId)).toHaveLength(1);
    for (const span of [...handles, ...refreshes]) expect(span.endTime[0] * 1e9 + span.endTime[1]).toBeGreaterThanOrEqual(span.startTime[0] * 1e9 + span.startTime[1]);

    const metrics = await t.reader.metrics();
    expect(sumOf(metrics, 'lockstep.decisions')).toBe(15);
    expect(sumOf(metrics, 'lockstep.decisions', { 'lockstep.outcome': 'redirect', 'lockstep.reason': 'no_session' })).toBe(1);
    expect(sumOf(metrics, 'lockstep.session.refreshes', { 'lockstep.refresh.via': 'upstream' })).toBe(1);
    expect(sumOf(metrics, 'lockstep.session.refreshes', { 'lockstep.refresh.via': 'joined' })).toBe(9);
    expect(sumOf(metrics, 'lockstep.session.refreshes', { 'lockstep.refresh.via': 'replayed' })).toBe(1);
    expect(sumOf(metrics, 'lockstep.auth.unavailable', { 'lockstep.auth.operation': 'refresh', 'lockstep.auth.cause': 'server_error' })).toBe(1);
    expect(sumOf(metrics, 'lockstep.auth.duration', { 'lockstep.auth.operation': 'logout', 'lockstep.auth.result': 'ok' })).toBe(1);
    expect(sumOf(metrics, 'lockstep.auth.duration')).toBeGreaterThanOrEqual(5);
    expect(sumOf(metrics, 'lockstep.guard.decisions', { 'lockstep.allowed': true })).toBe(1);

    // The leak check: no written string contains a secret, and no longer one is a piece of a secret.
    const written = writtenStrings(spans, metrics);
    expect(written.length).toBeGreaterThan(200);
    expect(t.secrets.size).toBeGreaterThan(10);
    for (const value of written) {
      for (const secret of t.secrets) {
        expect(value.includes(secret), `"${value.slice(0, 40)}" contains a secret`).toBe(false);
        if (value.length >= 12) expect(secret.includes(value), `"${value}" is a piece of a secret`).toBe(false);
      }
    }
  });

  it('counts refresh-store failures and holds at most maxPendingRequests unfinished requests', async () => {
    const reader = new CollectingReader();
    const meterProvider = new MeterProvider({ readers: [reader] });
    const exporter = new InMemorySpanExporter();
    const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).getTracer('test');
    const telemetry = lockstepTelemetry({ tracer, meter: meterProvider.getMeter('test'), maxPendingRequests: 2 });
    telemetry.onEvent({ type: 'refresh.store_unavailable', code: 'ECONNRESET' });
    telemetry.onEvent({ type: 'refresh.store_unavailable' });
    for (const requestId of ['r-000001', 'r-000002', 'r-000003']) telemetry.onEvent({ type: 'auth.call', operation: 'refresh', result: 'ok', durationMs: 2, status: 200, requestId });
    // r-000001 was dropped when r-000003 arrived: its decision gets a span without the call.
    telemetry.onEvent({ type: 'request.decided', requestId: 'r-000001', durationMs: 5, rule: 'default', access: 'protected', verify: 'claims', session: 'refreshed', outcome: 'continue', status: 0, reason: 'authenticated' });
    telemetry.onEvent({ type: 'request.decided', requestId: 'r-000003', durationMs: 5, rule: 'default', access: 'protected', verify: 'claims', session: 'refreshed', outcome: 'continue', status: 0, reason: 'authenticated' });
    const names = exporter.getFinishedSpans().map((span) => span.name);
    expect(names.filter((name) => name === 'lockstep.auth.refresh')).toHaveLength(1);
    expect(names.filter((name) => name === 'lockstep.handle')).toHaveLength(2);
    const metrics = await reader.metrics();
    expect(sumOf(metrics, 'lockstep.refresh_store.failures')).toBe(2);
    expect(sumOf(metrics, 'lockstep.refresh_store.failures', { 'lockstep.store.code': 'ECONNRESET' })).toBe(1);
  });

  it('counts the revocation store falling out of date, by policy and code', async () => {
    const reader = new CollectingReader();
    const telemetry = lockstepTelemetry({ tracer: new BasicTracerProvider().getTracer('test'), meter: new MeterProvider({ readers: [reader] }).getMeter('test') });
    telemetry.onEvent({ type: 'revocation.store_unavailable', policy: 'open', code: 'ECONNREFUSED' });
    telemetry.onEvent({ type: 'revocation.store_available' });
    telemetry.onEvent({ type: 'revocation.store_unavailable', policy: 'closed' });
    const metrics = await reader.metrics();
    expect(sumOf(metrics, 'lockstep.revocation_store.failures')).toBe(2);
    expect(sumOf(metrics, 'lockstep.revocation_store.failures', { 'lockstep.revocation.policy': 'open', 'lockstep.store.code': 'ECONNREFUSED' })).toBe(1);
    expect(sumOf(metrics, 'lockstep.revocation_store.failures', { 'lockstep.revocation.policy': 'closed' })).toBe(1);
  });
});
