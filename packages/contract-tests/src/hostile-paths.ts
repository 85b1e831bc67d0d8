// Generated hostile request paths for the router-agreement differential tests (C31): one
// arbitrary per named class, so a failure names what kind of path broke the agreement.
import fc from 'fast-check';

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
