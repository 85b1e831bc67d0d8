// The ways a router may compare paths without regard to case: each one a function to a comparison key.

/** Maps text to a key; two strings are "equal ignoring case" under this scheme when their keys are. */
export type CaseFold = (text: string) => string;

/**
 * What a RegExp with the `i` flag and without `u` compares (ECMA-262 Canonicalize for non-Unicode
 * patterns): each UTF-16 code unit is upper-cased, unless that gives several code units or turns a
 * non-ASCII unit into an ASCII one. React Router compiles its route patterns this way
 * (`new RegExp(source, "i")`), so `ſ` and the Kelvin sign `K` are *not* `s` and `k` to it.
 */
export const regexpIgnoreCase: CaseFold = (text) => {
  let key = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charAt(i);
    const upper = unit.toUpperCase();
    key += upper.length !== 1 || (unit.charCodeAt(0) >= 0x80 && upper.charCodeAt(0) < 0x80) ? unit : upper;
  }
  return key;
};

/**
 * Close to Unicode simple case folding (a RegExp with the `iu` flags): per code point, lower-case
 * of upper-case when both are one code point, so `ſ` is `s`, `K` (Kelvin) is `k`, `ς` is `σ`.
 */
export const simpleCaseFold: CaseFold = (text) => {
  let key = '';
  for (const char of text) {
    const upper = char.toUpperCase();
    const lower = [...upper].length === 1 ? upper.toLowerCase() : char;
    key += [...lower].length === 1 ? lower : char;
  }
  return key;
};

/** Full Unicode lower-casing, as code that calls `pathname.toLowerCase()` compares (`İ` → `i̇`). */
export const fullLowerCase: CaseFold = (text) => text.toLowerCase();

/** Full Unicode upper-casing (`ß` → `SS`, `ﬀ` → `FF`), as code that calls `toUpperCase()` compares. */
export const fullUpperCase: CaseFold = (text) => text.toUpperCase();

/** Turkish lower-casing (`I` → `ı`, `İ` → `i`): what `toLocaleLowerCase()` does on a server whose locale is Turkish. */
export const turkicLowerCase: CaseFold = (text) => {
  try {
    return text.toLocaleLowerCase('tr');
  } catch {
    // A runtime without locale data: the plain mapping is the closest it has.
    return text.toLowerCase();
  }
};

/**
 * Every scheme a path is checked under when it (or a literal of the route table) has non-ASCII
 * characters: routers differ there, and we do not guess which one the app runs, we take the
 * strictest outcome of all of them. The first one is the ASCII-only case's single scheme.
 */
export const CASE_FOLDS: readonly CaseFold[] = Object.freeze([
  regexpIgnoreCase,
  simpleCaseFold,
  fullLowerCase,
  fullUpperCase,
  turkicLowerCase,
]);

/**
 * True when the text is 7-bit ASCII. On ASCII paths and patterns every scheme but the Turkish one
 * is plain A–Z/a–z folding, so one view suffices there; no router we know of folds ASCII by a
 * Turkish locale, and the case-sensitive view still runs beside it.
 */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** True when the text has an ASCII capital letter, the only thing a fold of ASCII text changes. */
export function hasAsciiCapital(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x41 && code <= 0x5a) return true;
  }
  return false;
}
