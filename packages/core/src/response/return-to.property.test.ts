// C28: every value the return-to validator returns is itself a safe target, for generated hostile inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeReturnTo } from './return-to.js';

const ORIGINS = ['https://app.example', 'http://localhost:3000', 'http://127.0.0.1:8080', 'https://[::1]'];
// Pieces an attacker combines: separators, dots, their encodings (once and twice), schemes, hosts, whitespace.
const PIECES = [
  '/', '//', '\\', '.', '..', '%2e', '%2E', '%2f', '%2F', '%5c', '%5C', '%252f', '%252e', '%25', '%09', '%0a', '%0d', '%00',
  '\t', '\n', '\r', ' ', '@', ':', '?', '#', '&', '=', ';', 'evil.com', '0x7f.1', 'ｅｖｉｌ', '／', '＼', 'javascript:', 'http:', 'a', 'dashboard',
  '%E2%80%AE', '\u2028', '\u00a0', '%u002f', '%c0%af', '%', '%%',
];
const RUNS = 100_000;
const FIXED_SEED = 20261204;
const RANDOM_SEED = Date.now() ^ (Math.random() * 0x7fffffff);

/**
 * Every rule an input must satisfy, checked on the returned value (and its decoded and
 * whitespace-stripped forms). Plain checks rather than `expect`: it runs on over a million values.
 */
function unsafeBecause(value: string): string | null {
  if (!/^\/(?![/\\])[\u0021-\u007e]*$/.test(value)) return 'not one leading slash and printable ASCII';
  const path = value.split('?')[0] ?? value;
  if (path.split('/').some((segment) => /^(\.|%2e){1,2}$/iu.test(segment))) return 'a dot segment';
  if (path.includes('\\')) return 'a backslash in the path';
  const forms = [value, value.replace(/[\t\n\r]/g, '')];
  try {
    forms.push(decodeURIComponent(value));
  } catch {
    // Not decodable: a browser keeps it as it is; the raw form is checked.
  }
  for (const origin of ORIGINS) {
    for (const form of forms) if (new URL(form, origin).origin !== origin) return `${JSON.stringify(form)} leaves ${origin}`;
  }
  if (sanitizeReturnTo(value) !== value) return 'not idempotent';
  return null;
}

const hostile = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
const classes = {
  'any string': fc.string({ unit: 'binary', maxLength: 40 }),
  'a leading slash and any string': fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `/${s}`),
  'hostile pieces': hostile,
  'a leading slash and hostile pieces': hostile.map((s) => `/${s}`),
  'a local path, then hostile pieces': fc.tuple(fc.constantFrom('/a', '/dashboard/x', '/a?b=', '/x/'), hostile).map(([a, b]) => a + b),
  'URLs': fc.webUrl({ withQueryParameters: true, withFragments: true }),
};

describe('sanitizeReturnTo returns only safe targets (C28)', () => {
  for (const [name, arbitrary] of Object.entries(classes)) {
    for (const seed of [FIXED_SEED, RANDOM_SEED]) {
      it(`${name} (seed ${seed}, ${RUNS} cases)`, () => {
        fc.assert(
          fc.property(arbitrary, (input) => {
            const result = sanitizeReturnTo(input);
            if (result === null) return true;
            const problem = unsafeBecause(result);
            if (problem !== null) throw new Error(`${JSON.stringify(input)} → ${JSON.stringify(result)}: ${problem}`);
            return true;
          }),
          { numRuns: RUNS, seed },
        );
      });
    }
  }

  it('accepts plain local paths, so the property above is not vacuous', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9_-]{1,8}$/), { maxLength: 5 }), (segments) => {
        const path = `/${segments.join('/')}`;
        expect(sanitizeReturnTo(path)).toBe(path);
      }),
      { numRuns: 1000, seed: FIXED_SEED },
    );
  });
});
