// Seeded generators of route tables and request paths for the differential tests of the rule index.
import type { RouteRule } from '../route-rule.js';

/** mulberry32: a small seeded PRNG, so a failing seed replays exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Segments chosen so first segments collide, differ only in case (ASCII, ß/SS, Turkish I, Kelvin K,
// long s) and need decoding, so the index is exercised where folding and canonicalization matter.
const SEGMENTS = ['a', 'A', 'b', 'api', 'API', 'Api', 'blog', 'admin', 'ADMIN', 'ß', 'SS', 'ss', 'İ', 'i', 'ı', 'I', 'k', '\u212A', 'ſ', 's', 'x', 'docs', 'DOCS', 'login'];
const PATH_EXTRAS = ['%41', '%61pi', '%2F', '%2e', '', 'b%2Fc', 'ADM%49N', '%C3%9F', 'caf%C3%A9', '..', '.'];

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function globPattern(random: () => number): string {
  const length = Math.floor(random() * 4);
  const parts: string[] = [];
  for (let i = 0; i < length; i++) {
    const roll = random();
    parts.push(roll < 0.12 ? '*' : roll < 0.22 ? '**' : pick(random, SEGMENTS));
  }
  return `/${parts.join('/')}${random() < 0.1 ? '/' : ''}`;
}

function pattern(random: () => number): RouteRule['match'] {
  const roll = random();
  if (roll < 0.06) return new RegExp(`^/${pick(random, SEGMENTS)}`, random() < 0.5 ? 'i' : '');
  if (roll < 0.1) {
    const segment = pick(random, SEGMENTS);
    return random() < 0.2
      ? () => {
          throw new Error('predicate failure');
        }
      : (path: string) => path.includes(segment);
  }
  return globPattern(random);
}

/** A table of 1–12 rules mixing globs, RegExps and predicates (some throwing), every access and verify mode. */
export function generateRules(random: () => number): RouteRule[] {
  const count = 1 + Math.floor(random() * 12);
  const rules: RouteRule[] = [];
  for (let i = 0; i < count; i++) {
    const access = pick(random, ['public', 'protected', 'authPage', 'ignore'] as const);
    const matches = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pattern(random));
    const match = matches.length === 1 ? matches[0] : matches;
    const rule = { match, access } as Record<string, unknown>;
    if ((access === 'public' || access === 'protected') && random() < 0.5) rule.verify = pick(random, ['session', 'claims', 'user'] as const);
    if (access === 'public' && random() < 0.3) rule.session = random() < 0.5;
    rules.push(rule as unknown as RouteRule);
  }
  return rules;
}

/** A raw request path: segments of the table's alphabet, escapes, dot segments, `//`, trailing slashes. */
export function generatePath(random: () => number): string {
  const length = Math.floor(random() * 5);
  const parts: string[] = [];
  for (let i = 0; i < length; i++) parts.push(random() < 0.8 ? pick(random, SEGMENTS) : pick(random, PATH_EXTRAS));
  return `/${parts.join('/')}${random() < 0.15 ? '/' : ''}`;
}
