// Tests — canonicalizePath: canonical forms, malformed paths, basePath validation and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizePath, MAX_PATH_LENGTH, type CanonicalPathOptions, type MalformedPathReason } from './canonical-path.js';
import { expectLockstepError } from './test-support/expect-lockstep-error.js';

describe('canonicalizePath: canonical forms', () => {
  const cases: [raw: string, expected: string, options?: CanonicalPathOptions][] = [
    ['/', '/'],
    ['/dashboard', '/dashboard'],
    ['//dashboard', '/dashboard'],
    ['/dashboard//settings', '/dashboard/settings'],
    ['///', '/'],
    ['/dash%62oard', '/dashboard'],
    ['/%64%61%73%68%62%6F%61%72%64', '/dashboard'],
    ['/%2e%2e/admin', '/admin'],
    ['/%2E%2E/admin', '/admin'],
    ['/a/%2e%2e/b', '/b'],
    ['/a/.%2e/b', '/b'],
    ['/a/%2e/b', '/a/b'],
    ['/a/./b', '/a/b'],
    ['/a/b/../c', '/a/c'],
    ['/..', '/'],
    ['/../../../admin', '/admin'],
    ['/a/..', '/'],
    // An encoded slash stays inside its segment, distinct from a separator.
    ['/admin%2fusers', '/admin%2Fusers'],
    ['/admin%2Fusers', '/admin%2Fusers'],
    // Double encoding decodes once and is re-encoded: it never becomes the character it spells.
    ['/admin%252fusers', '/admin%252fusers'],
    ['/%2562', '/%2562'],
    ['/%25', '/%25'],
    ['/100%25', '/100%25'],
    // `;` is literal unless it turns a dot segment into a parameterised one.
    ['/a;b', '/a;b'],
    ['/dashboard;jsessionid=1', '/dashboard;jsessionid=1'],
    ['/...', '/...'],
    ['/.a', '/.a'],
    ['/a.', '/a.'],
    ['/x;..', '/x;..'],
    // Backslash is a literal character, never a separator.
    ['/a\\b', '/a\\b'],
    ['/%5C', '/\\'],
    // Case is preserved: matching is case-sensitive.
    ['/Dashboard', '/Dashboard'],
    ['/%C3%A9t%C3%A9', '/été'],
    ['/été', '/été'],
    ['/a%20b', '/a b'],
    ['/a?b', '/a?b'],
    // Trailing slash: ignored by default, kept (once) under strict.
    ['/dashboard/', '/dashboard'],
    ['/dashboard/', '/dashboard/', { trailingSlash: 'strict' }],
    ['/dashboard//', '/dashboard/', { trailingSlash: 'strict' }],
    ['/dashboard', '/dashboard', { trailingSlash: 'strict' }],
    ['/', '/', { trailingSlash: 'strict' }],
    ['//', '/', { trailingSlash: 'strict' }],
    ['/a/b/..', '/a/', { trailingSlash: 'strict' }],
    ['/a/.', '/a/', { trailingSlash: 'strict' }],
    ['/a/b/..', '/a'],
    // basePath is stripped at a segment boundary only.
    ['/docs', '/', { basePath: '/docs' }],
    ['/docs/', '/', { basePath: '/docs' }],
    ['/docs/x', '/x', { basePath: '/docs' }],
    ['/docs/x/', '/x/', { basePath: '/docs', trailingSlash: 'strict' }],
    ['/docsx', '/docsx', { basePath: '/docs' }],
    ['/admin', '/admin', { basePath: '/docs' }],
    ['/docs/../admin', '/admin', { basePath: '/docs' }],
    ['/do%63s/x', '/x', { basePath: '/docs' }],
    ['/Docs/x', '/Docs/x', { basePath: '/docs' }],
    ['/a/b/x', '/x', { basePath: '/a/b' }],
  ];
  it.each(cases)('%j → %j (%j)', (raw, expected, options) => {
    expect(canonicalizePath(raw, options)).toEqual({ kind: 'ok', path: expected });
  });
});

describe('canonicalizePath: malformed paths', () => {
  const cases: [raw: string, reason: MalformedPathReason][] = [
    ['', 'not_absolute'],
    ['dashboard', 'not_absolute'],
    ['%2Fdashboard', 'not_absolute'],
    ['http://x/dashboard', 'not_absolute'],
    ['\\dashboard', 'not_absolute'],
    ['/%', 'bad_encoding'],
    ['/%zz', 'bad_encoding'],
    ['/%2', 'bad_encoding'],
    ['/a%2', 'bad_encoding'],
    ['/%%32%65', 'bad_encoding'],
    ['/%C0%AF', 'bad_encoding'],
    ['/%C0%AE%C0%AE/admin', 'bad_encoding'],
    ['/%FF', 'bad_encoding'],
    ['/%C3', 'bad_encoding'],
    ['/%ED%A0%80', 'bad_encoding'],
    ['/\uD800', 'bad_encoding'],
    ['/%00', 'control_character'],
    ['/admin%00.png', 'control_character'],
    ['/%0a', 'control_character'],
    ['/%0D%0ASet-Cookie:x', 'control_character'],
    ['/%7F', 'control_character'],
    ['/a\tb', 'control_character'],
    ['/dashboard/..;/admin', 'dot_segment_parameter'],
    ['/dashboard/..;x/admin', 'dot_segment_parameter'],
    ['/.;x/admin', 'dot_segment_parameter'],
    ['/%2e%2e;/admin', 'dot_segment_parameter'],
    ['/..%3B/admin', 'dot_segment_parameter'],
    ['/blog/..%2Fadmin', 'hidden_dot_segment'],
    ['/blog/..%2fadmin', 'hidden_dot_segment'],
    ['/blog/%2e%2e%2fadmin', 'hidden_dot_segment'],
    ['/blog/..\\admin', 'hidden_dot_segment'],
    ['/blog/x%5C..', 'hidden_dot_segment'],
    ['/blog/x%2F.', 'hidden_dot_segment'],
    ['/a//../b', 'ambiguous_dot_segment'],
    ['/a//..', 'ambiguous_dot_segment'],
    ['/' + 'a'.repeat(MAX_PATH_LENGTH), 'too_long'],
  ];
  it.each(cases)('%j is malformed (%s)', (raw, reason) => {
    expect(canonicalizePath(raw)).toEqual({ kind: 'malformed', reason });
  });

  it('accepts a path of exactly the length limit', () => {
    expect(canonicalizePath('/' + 'a'.repeat(MAX_PATH_LENGTH - 1)).kind).toBe('ok');
  });

  it('stays fast on a path of many tiny segments', () => {
    const raw = '/a'.repeat(MAX_PATH_LENGTH / 2);
    const started = performance.now();
    expect(canonicalizePath(raw).kind).toBe('ok');
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('returns a result, not a throw, for a non-string from untyped callers', () => {
    expect(canonicalizePath(undefined as unknown as string)).toEqual({ kind: 'malformed', reason: 'not_absolute' });
  });
});

describe('canonicalizePath: basePath validation', () => {
  it.each(['/', 'docs', '/docs/', '/docs//x', '/a/../docs', '/%zz', '/do%63s'])('rejects basePath %j', (basePath) => {
    const error = expectLockstepError(() => canonicalizePath('/x', { basePath }), 'ERR_CONFIG_PATH');
    expect(error.message).toContain(JSON.stringify(basePath));
  });
});

describe('canonicalizePath: properties', () => {
  const segmentChar = fc.constantFrom('a', 'B', '.', ';', '%', '2', 'e', 'E', 'f', 'F', '5', 'C', '/', '\\', 'é', '😀', ' ', '\u0000');
  const rawPath = fc
    .array(fc.array(segmentChar, { maxLength: 6 }).map((chars) => chars.join('')), { maxLength: 8 })
    .map((segments) => `/${segments.join('/')}`);
  const options = fc.record({
    trailingSlash: fc.constantFrom<'ignore' | 'strict'>('ignore', 'strict'),
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), rawPath), options, (raw, opts) => {
        const result = canonicalizePath(raw, opts);
        expect(['ok', 'malformed']).toContain(result.kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(rawPath, fc.string().map((s) => `/${s}`)), options, (raw, opts) => {
        const once = canonicalizePath(raw, opts);
        if (once.kind === 'malformed') return;
        expect(canonicalizePath(once.path, opts)).toEqual(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('produces an absolute path with no empty, dot or control segments', () => {
    fc.assert(
      fc.property(rawPath, options, (raw, opts) => {
        const result = canonicalizePath(raw, opts);
        if (result.kind === 'malformed') return;
        expect(result.path.startsWith('/')).toBe(true);
        const segments = result.path === '/' ? [] : result.path.slice(1).split('/');
        const inner = opts.trailingSlash === 'strict' && result.path.endsWith('/') ? segments.slice(0, -1) : segments;
        for (const segment of inner) {
          expect(segment).not.toBe('');
          expect(segment).not.toBe('.');
          expect(segment).not.toBe('..');
        }
        expect(result.path.length).toBeLessThanOrEqual(raw.length);
      }),
      { numRuns: 2000 },
    );
  });
});
