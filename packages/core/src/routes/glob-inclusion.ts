// Decides whether one segment glob matches every path another does: the basis of shadow detection.
import type { GlobToken } from './segment-glob.js';

/**
 * True when every path `inner` matches is also matched by `outer`, so a rule holding `inner`
 * after a rule holding `outer` can never win.
 *
 * Sound, deliberately not complete: it answers `true` only when inclusion certainly holds (a false
 * `true` would reject a valid configuration), and may answer `false` for exotic inclusions such as
 * `*` + `**` covering `**` + literal. Runs in O(outer × inner).
 *
 * @example
 * globCovers(compile('/admin/**').tokens, compile('/admin/users').tokens); // true
 */
export function globCovers(outer: readonly GlobToken[], inner: readonly GlobToken[]): boolean {
  // Bottom-up over suffixes: row i answers "does outer[i..] cover inner[j..]?" for every j.
  // Iterative rather than recursive so a long pattern cannot exhaust the stack.
  let below = new Uint8Array(inner.length + 1);
  below[inner.length] = 1; // the empty outer suffix covers only the empty inner suffix
  for (let i = outer.length - 1; i >= 0; i--) {
    const o = outer[i];
    const row = new Uint8Array(inner.length + 1);
    for (let j = inner.length; j >= 0; j--) {
      const n = inner[j];
      let covered: boolean;
      if (o === undefined) covered = false;
      else if (o.kind === 'globstar') {
        // `**` matches nothing here, or swallows whatever inner's next token matches and stays.
        covered = below[j] === 1 || (n !== undefined && row[j + 1] === 1);
      } else if (n === undefined || n.kind === 'globstar') covered = false;
      else if (o.kind === 'star') {
        // `*` takes any non-empty segment; the strict trailing-slash marker is the empty literal.
        covered = (n.kind === 'star' || n.segment !== '') && below[j + 1] === 1;
      } else covered = n.kind === 'literal' && n.segment === o.segment && below[j + 1] === 1;
      row[j] = covered ? 1 : 0;
    }
    below = row;
  }
  return below[0] === 1;
}
