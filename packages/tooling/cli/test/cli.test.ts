// The lockstep command on fixture apps with known gaps: each gap found, nothing else flagged, exit codes for CI.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { sourceFacts } from '../src/source-facts.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

async function run(argv: string[], cwd = FIXTURES): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { cwd, out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

const findings = (out: readonly string[]): string[] => out.filter((line) => line.startsWith('✗ ')).map((line) => line.split(':')[0] ?? '');

describe('lockstep check: Next.js fixture', () => {
  it('finds exactly the known gaps and exits 1', async () => {
    const { code, out } = await run(['check', 'next-app']);
    expect(findings(out).sort()).toEqual(
      [
        '✗ rule_matches_no_route',
        '✗ session_helper_action lib/session-actions.js',
        '✗ session_in_static_route app/blog/[slug]/page.js',
        '✗ session_in_static_route app/docs/intro/page.js',
        '✗ unguarded_actions lib/session-actions.js',
        '✗ unguarded_handler app/api/export/route.js',
        '✗ unguarded_handler pages/api/report.js',
      ].sort(),
    );
    expect(out.find((line) => line.includes('rule_matches_no_route'))).toContain('rules[3]');
    expect(out.find((line) => line.includes('session_helper_action'))).toContain('getSession');
    expect(out.find((line) => line.includes('app/blog/[slug]/page.js:'))).toContain('(generateStaticParams (app/blog/[slug]/page.js))');
    expect(out.find((line) => line.includes('app/docs/intro/page.js:'))).toContain("(dynamic = 'force-static' (app/docs/layout.js))");
    expect(code).toBe(1);
  });

  it('prints each route with its rule and whether it calls a guard', async () => {
    const { out } = await run(['check', 'next-app']);
    const row = (file: string): string => out.find((line) => line.endsWith(file)) ?? '';
    expect(row('app/(shop)/dashboard/page.js')).toMatch(/^page\s+\/dashboard\s+protected, claims \(default: protected\)\s+guard: yes/);
    expect(row('app/api/orders/route.js')).toMatch(/^handler\s+\/api\/orders\s+protected, claims \(default: protected\)\s+guard: yes/);
    expect(row('app/api/public/ping/route.js')).toMatch(/public, claims \(rules\[2\] \/api\/public\/\*\*\)\s+guard: no/);
    expect(row('app/users/[id]/page.js')).toMatch(/^page\s+\/users\/\[id\]\s+protected.*guard: no/);
    expect(row('app/page.js')).toMatch(/^page\s+\/\s+public/);
    expect(row('app/actions.js')).toMatch(/^actions .*guard: yes/);
    expect(out.some((line) => line.includes('_components'))).toBe(false);
  });
});

describe('lockstep check: React Router fixture', () => {
  it('evaluates app/routes.js and finds exactly the known gaps', async () => {
    const { code, out } = await run(['check', 'react-router-app']);
    expect(findings(out).sort()).toEqual(['✗ rule_matches_no_route', '✗ unguarded_handler app/routes/api-export.js'].sort());
    expect(out.find((line) => line.includes('rule_matches_no_route'))).toContain('rules[2]');
    const row = (file: string): string => out.find((line) => line.endsWith(file)) ?? '';
    expect(row('app/routes/admin-user.js')).toMatch(/^page\s+\/admin\/users\/:userId\s+protected, user \(rules\[3\] \/admin\/\*\*\)\s+guard: yes/);
    expect(row('app/routes/api-me.js')).toMatch(/^handler\s+\/api\/me\s+protected.*guard: yes/);
    expect(row('app/routes/login.js')).toMatch(/authPage/);
    expect(row('app/routes/app-layout.js')).toMatch(/^layout/);
    expect(code).toBe(1);
  });
});

describe('staticSignal (Next.js segment config)', () => {
  it.each([
    ["export const dynamic = 'force-static';", "dynamic = 'force-static'"],
    ['export const revalidate = 60', 'revalidate = 60'],
    ['export const revalidate = 60 * 60;', 'revalidate = 60 * 60'],
    ['export async function generateStaticParams() { return []; }', 'generateStaticParams'],
    ['export const generateStaticParams = () => [];', 'generateStaticParams'],
    ['export async function getStaticProps() { return { props: {} }; }', 'getStaticProps'],
    ['export const revalidate = 0;', null],
    ['export const revalidate = false;', null],
    ['export const revalidate = TTL;', null],
    ["export const dynamic = 'force-dynamic';\nexport function generateStaticParams() { return []; }", null],
    ["// export const dynamic = 'force-static'", null],
  ])('%j → %j', (text, signal) => {
    expect(sourceFacts(text).staticSignal).toBe(signal);
  });

  it('getAuth reads the session without being a guard', () => {
    expect(sourceFacts('const { user } = await auth.getAuth();')).toMatchObject({ readsSession: true, callsGuard: false });
  });
});

describe('lockstep check: Hono fixture', () => {
  it('lists the routes from the source (sub-apps, chains, basePath, on()), and finds exactly the known gaps', async () => {
    const { code, out } = await run(['check', 'hono-app']);
    expect(findings(out).sort()).toEqual(['✗ rule_matches_no_route', '✗ unguarded_handler src/api.js', '✗ unguarded_handler src/index.js'].sort());
    expect(out.filter((line) => line.startsWith('✗ unguarded_handler')).map((line) => /protected (\S+)/.exec(line)?.[1])).toEqual(['/late', '/api/export']);
    expect(out.find((line) => line.includes('rule_matches_no_route'))).toMatch(/rules\[2\].*1 route could not be listed/);
    const row = (pattern: string): string => out.find((line) => line.startsWith(`handler  ${pattern} `)) ?? '';
    expect(row('/')).toMatch(/public, claims \(rules\[0\] \/\)/);
    expect(row('/me')).toMatch(/protected, claims \(default: protected\)\s+guard: yes\s+src\/index.js:14$/);
    expect(row('/settings')).toMatch(/guard: yes/);
    expect(row('/reports')).toMatch(/guard: \?/);
    expect(row('/api/orders')).toMatch(/guard: yes\s+src\/api.js:6$/);
    expect(row('/api/cart/:id')).toMatch(/guard: yes/);
    expect(row('/admin')).toMatch(/protected, user \(rules\[1\] \/admin\/\*\*\)\s+guard: yes/);
    expect(row('/admin/users/:id{[0-9]+}')).toMatch(/protected, user.*guard: yes/);
    expect(out.find((line) => line.includes('${PREFIX}'))).toMatch(/unlistable: computed path/);
    expect(out.some((line) => line.includes('/ghost'))).toBe(false);
    expect(out.filter((line) => line.startsWith('handler '))).toHaveLength(13);
    expect(code).toBe(1);
  });

  it('exits 0 once the gaps are closed: the same scan on a clean app', async () => {
    const { code, out } = await run(['check', 'hono-clean']);
    expect(out).toContain('No findings.');
    expect(code).toBe(0);
  });
});

describe('lockstep explain', () => {
  it('prints a route\'s requirements, and a variant that drops one is WEAKER than the page', async () => {
    const { code, out } = await run(['explain', '/billing/invoices', '--framework', 'next', '--build-id', 'b1'], join(FIXTURES, 'explain'));
    expect(out.find((line) => line.includes('requires'))).toMatch(/verified access token; and aal2/);
    expect(out.find((line) => line.includes('/_next/data/b1/billing/invoices.json'))).toMatch(/protected.*WEAKER than the page/);
    expect(out.find((line) => line.includes('/billing/invoices.rsc'))).not.toContain('WEAKER');
    expect(code).not.toBe(0);
  });

  it('prints the decision and flags a framework variant decided more weakly than the page (a .ts options file)', async () => {
    const { code, out } = await run(['explain', '/reports/q3', '--framework', 'next', '--build-id', 'b1'], join(FIXTURES, 'explain'));
    const text = out.join('\n');
    expect(text).toContain('canonical form  /reports/q3');
    expect(text).toContain('rule            rules[3] /reports/**');
    expect(text).toContain('access          protected');
    expect(text).toContain('verify mode     user');
    expect(out.find((line) => line.includes('/_next/data/b1/reports/q3.json'))).toMatch(/public.*WEAKER than the page/);
    expect(out.find((line) => line.includes('/reports/q3.rsc'))).toMatch(/protected, verify user/);
    expect(out.find((line) => line.includes('/reports/q3.rsc'))).not.toContain('WEAKER');
    expect(code).toBe(1);
  });

  it('exits 0 when every variant is decided like the page, and shows React Router .data', async () => {
    const { code, out } = await run(['explain', 'http://localhost:3000/', '--framework', 'react-router'], join(FIXTURES, 'explain'));
    expect(out.find((line) => line.includes('/_root.data'))).toMatch(/single-fetch data/);
    expect(out.join('\n')).toContain('access          public');
    expect(code).toBe(0);
  });

  it('shows the canonical form of an odd path and a malformed one', async () => {
    const odd = await run(['explain', '/reports/%71%33/', '--framework', 'next'], join(FIXTURES, 'explain'));
    expect(odd.out.join('\n')).toMatch(/canonical form {2}\/reports\/q3/);
    const dotted = await run(['explain', '/reports/%2e%2e/x', '--framework', 'next'], join(FIXTURES, 'explain'));
    expect(dotted.out.join('\n')).toMatch(/canonical form {2}\/x\n/);
    expect(dotted.out.find((line) => line.includes('/_next/data/BUILD_ID/x.json'))).toBeDefined();
    const malformed = await run(['explain', '/reports/%zz'], join(FIXTURES, 'explain'));
    expect(malformed.out.join('\n')).toMatch(/malformed: /);
  });
});

describe('usage and configuration errors exit 2', () => {
  it.each([
    [['explain'], /needs a path/],
    [['check', '--framework', 'angular'], /--framework must be/],
    [['frobnicate'], /Usage/],
    [['explain', '/x'], /No lockstep\.config\.ts/],
    [['check', 'nowhere'], /No Next\.js app/],
  ])('%j', async (argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(message);
  });
});

describe('sourceFacts', () => {
  it("reads 'use server', guard calls and exported session helpers; comments do not count", () => {
    expect(sourceFacts(`"use server";\nexport const getUserProfile = async () => null;`)).toMatchObject({ useServer: true, callsGuard: false, exportedSessionHelpers: ['getUserProfile'] });
    expect(sourceFacts(`// 'use server'\nexport function a() { /* requireUser() */ }`)).toMatchObject({ useServer: false, callsGuard: false, exportedSessionHelpers: [], readsSession: false });
    expect(sourceFacts(`const x = 'use server';`).useServer).toBe(false);
    expect(sourceFacts(`await auth.guardHandler(request)`).callsGuard).toBe(true);
    expect(sourceFacts(`await myrequireUser(request)`).callsGuard).toBe(false);
    expect(sourceFacts(`export { requireUser as check, save }`).exportedSessionHelpers).toEqual([]);
    expect(sourceFacts(`export { helper as requireUser, save }`).exportedSessionHelpers).toEqual(['requireUser']);
  });
});
