// The quick check of sessionCookieVariants never hides a duplicate: it agrees with the full scan on generated headers.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../routes/test-support/generated-tables.js';
import { parseRequestCookies } from './request-cookies.js';
import { scanSessionCookieVariants, sessionCookieVariants } from './session-cookie-variants.js';

const NAME = 'sb-x-auth-token';
const CASES_PER_SEED = 100_000;
const FIXED_SEED = 0x5e55_10e5;
// Family names, look-alikes, and names that contain the family name.
const NAMES = [NAME, NAME, `${NAME}.0`, `${NAME}.1`, `${NAME}.2`, `${NAME}.10`, `${NAME}.x`, `${NAME}-code-verifier`, `x${NAME}`, 'theme', ` ${NAME}`, `${NAME} `];
// Empty values (the parser drops them), values that name the family, escapes the parser decodes.
const VALUES = ['', 'a', 'base64-eyJ', `${NAME}`, `x${NAME}.0=y`, '%20', '%zz', '"q"', 'a=b'];
const SEPARATORS = ['; ', ';', ' ; '];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function generateHeader(random: () => number): string {
  const pairs = 1 + Math.floor(random() * 6);
  let header = '';
  for (let i = 0; i < pairs; i++) header += (i === 0 ? '' : pick(random, SEPARATORS)) + `${pick(random, NAMES)}=${pick(random, VALUES)}`;
  return header;
}

describe('sessionCookieVariants quick check (failure class: a duplicated or shadowed session cookie reported as unambiguous)', () => {
  it.each([
    ['fixed seed', FIXED_SEED],
    ['random seed', Math.floor(Math.random() * 2 ** 32)],
  ])(`${CASES_PER_SEED} generated headers give the full scan's readings (%s)`, (_label, seed) => {
    const random = seededRandom(seed);
    let ambiguous = 0;
    for (let i = 0; i < CASES_PER_SEED; i++) {
      const header = generateHeader(random);
      const cookies = parseRequestCookies(header);
      const expected = scanSessionCookieVariants(header, cookies, NAME);
      const actual = sessionCookieVariants(header, cookies, NAME);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) expect({ seed, header, actual }).toEqual({ seed, header, actual: expected });
      if (expected.length > 0) ambiguous += 1;
    }
    // Both sides are reached: many headers need other readings, many do not.
    expect(ambiguous).toBeGreaterThan(CASES_PER_SEED / 10);
    expect(ambiguous).toBeLessThan(CASES_PER_SEED * 0.9);
  });
});
