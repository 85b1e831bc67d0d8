// What the router-agreement differential tests (C31) share across adapters: the rule table, the
// comparison of a decision with the served route's rule, and the generated hostile paths (one
// arbitrary per named class, so a failure names what kind of path broke the agreement).
import type { RouteAccess, RouteRule, VerifyMode } from '@lockstep/core';
import fc from 'fast-check';

/** The rule a route is written under. */
export interface AttachedRule {
  readonly access: RouteAccess;
  readonly verify: VerifyMode;
}

/** What a path no rule names gets: deny by default, in the default verify mode. */
export const DENY_BY_DEFAULT: AttachedRule = { access: 'protected', verify: 'claims' };

/** The route table every adapter's differential test decides with. */
export const ROUTER_AGREEMENT_RULES: RouteRule[] = [
  { match: '/assets/**', access: 'ignore' },
  { match: ['/', '/blog/*', '/api/health', '/café'], access: 'public' },
  { match: '/api/webhooks/*', access: 'public', session: false },
  { match: ['/admin/**', '/secret/**', '/Reports/**', '/kit/**'], access: 'protected', verify: 'user' },
  { match: '/hints/**', access: 'protected', verify: 'session' },
];

const ACCESS_RANK: Record<RouteAccess, number> = { ignore: 0, public: 1, authPage: 2, protected: 3 };
const VERIFY_RANK: Record<VerifyMode, number> = { session: 0, claims: 1, user: 2 };

/**
 * Why Lockstep's decision for a path is weaker than the rule of the route the router served it
 * by, or `null` when it is not. `served` names the path and route for the message.
 */
export function weakerThanServed(decided: AttachedRule, attached: AttachedRule, served: string): string | null {
  const why = `${served} (${attached.access}/${attached.verify}) but Lockstep decides ${decided.access}/${decided.verify}`;
  if (ACCESS_RANK[decided.access] < ACCESS_RANK[attached.access]) return `weaker access: ${why}`;
  if (decided.access !== 'ignore' && attached.access !== 'ignore' && VERIFY_RANK[decided.verify] < VERIFY_RANK[attached.verify]) {
    return `weaker verify mode: ${why}`;
  }
  return null;
}

// Segments of the app, and what an attacker does to them.
const WORDS = ['admin', 'users', 'secret', 'reports', 'Reports', 'kit', 'blog', 'post', 'hints', 'assets', 'api', 'health', 'webhooks', 'login', 'auth', 'callback', 'dashboard', 'café', 'x', ''];
const LOOKALIKES: Record<string, readonly string[]> = {
  s: ['S', 'ſ', '%C5%BF'],
  k: ['K', '\u212A', '%E2%84%AA'],
  i: ['I', 'İ', 'ı', '%C4%B0'],
  e: ['E', 'é', 'É'],
  é: ['É', 'e\u0301', '%C3%A9', '%C3%89'],
  a: ['A', 'ª', '%41', '%61'],
};
const SEPARATORS = ['/', '//', '/./', '/../', '/%2e%2e/', '/%2E/', '/.%2e/', '%2F', '%2f', '%252F', '\\', '/;/', ';', '%5C', '/%20/'];

const word = fc.constantFrom(...WORDS);
// Half the words stay as written, so the generated paths also reach the routes they vary.
const caseVariant = word.chain((w) =>
  fc.tuple(fc.boolean(), fc.array(fc.nat({ max: 5 }), { minLength: w.length, maxLength: w.length })).map(([keep, choices]) =>
    keep ? w : [...w].map((char, i) => {
      const options = LOOKALIKES[char.toLowerCase()] ?? [char.toUpperCase()];
      const choice = choices[i] ?? 0;
      return choice === 0 ? char : (options[(choice - 1) % options.length] ?? char);
    }).join(''),
  ),
);
const percentEncoded = word.chain((w) =>
  fc.tuple(fc.boolean(), fc.array(fc.nat({ max: 3 }), { minLength: w.length, maxLength: w.length })).map(([keep, choices]) =>
    keep ? w : [...w].map((char, i) => {
      const bytes = [...new TextEncoder().encode(char)].map((b) => b.toString(16).padStart(2, '0'));
      const choice = choices[i] ?? 0;
      if (choice === 1) return bytes.map((b) => `%${b.toUpperCase()}`).join('');
      if (choice === 2) return bytes.map((b) => `%${b}`).join('');
      if (choice === 3) return char.toUpperCase();
      return char;
    }).join(''),
  ),
);
const joined = (segment: fc.Arbitrary<string>, separator: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.array(fc.tuple(separator, segment), { minLength: 1, maxLength: 4 }), fc.constantFrom('', '/', '//', '/.', '/%2e%2e'))
    .map(([parts, tail]) => parts.map(([sep, seg]) => (sep.startsWith('/') || sep === '\\' ? sep : `/${sep}`) + seg).join('') + tail)
    .map((path) => (path.startsWith('/') ? path : `/${path}`));

/** Each named class of hostile paths; a failure names its class. */
export const HOSTILE_PATH_CLASSES = {
  'case and Unicode look-alike variants': joined(caseVariant, fc.constant('/')),
  'percent-encoding variants': joined(percentEncoded, fc.constantFrom('/', '/', '%2F', '%2f', '/%2e/', '/%25/')),
  'separators, dot segments, trailing and doubled slashes': joined(fc.oneof(word, caseVariant), fc.constantFrom(...SEPARATORS)),
} as const;
