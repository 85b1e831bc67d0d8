// Segment globs (`/blog/*`, `/api/webhooks/**`): compiled once from a string pattern, matched per request.
import { LockstepError } from '../errors.js';
import { MAX_PATH_LENGTH } from './canonical-path.js';
import { decodeSegment, dotSegmentKind, hidesDotSegment } from './path-segment.js';

/**
 * One segment of a compiled glob: a canonical literal, `*` (exactly one non-empty segment) or
 * `**` (zero or more whole segments). Under `trailingSlash: 'strict'`, a trailing slash is a final
 * empty literal, which `*` never matches and `**` does.
 */
export type GlobToken = { kind: 'literal'; segment: string } | { kind: 'star' } | { kind: 'globstar' };

export interface SegmentGlob {
  /** The pattern as written in the options, for messages. */
  readonly source: string;
  /** The pattern in canonical form, e.g. `/dash%62oard/**` → `/dashboard/**`. */
  readonly canonical: string;
  readonly tokens: readonly GlobToken[];
  readonly hasGlobstar: boolean;
}

/**
 * Compiles a string pattern. Literal segments go through the same strict decoding as request
 * paths, so `/dash%62oard` and `/dashboard` are one pattern; a literal `*` segment is written `%2A`.
 * @throws {LockstepError} `ERR_CONFIG_PATTERN` naming the pattern when it is not a valid glob.
 */
export function compileSegmentGlob(
  source: string,
  trailingSlash: 'ignore' | 'strict',
  where = 'Route pattern',
): SegmentGlob {
  const fail = (why: string): never => {
    throw new LockstepError('ERR_CONFIG_PATTERN', `${where} ${JSON.stringify(source)} ${why}.`);
  };
  if (!source.startsWith('/')) fail('must start with "/"');
  if (source.length > MAX_PATH_LENGTH) fail(`is longer than ${MAX_PATH_LENGTH} characters`);
  const rawSegments = source.slice(1).split('/');
  const tokens: GlobToken[] = [];
  for (let i = 0; i < rawSegments.length; i++) {
    const raw = rawSegments[i] ?? '';
    if (raw === '') {
      const isTrailing = i === rawSegments.length - 1 && tokens.length > 0;
      if (isTrailing && trailingSlash === 'strict') tokens.push({ kind: 'literal', segment: '' });
      continue;
    }
    if (raw === '**') {
      // `**/**` means the same as `**`; keeping one keeps matching and inclusion linear.
      if (tokens.at(-1)?.kind !== 'globstar') tokens.push({ kind: 'globstar' });
      continue;
    }
    if (raw === '*') {
      tokens.push({ kind: 'star' });
      continue;
    }
    if (raw.includes('*')) fail('uses "*" inside a segment; "*" and "**" must be whole segments');
    const segment = decodeSegment(raw);
    if (segment.kind === 'malformed') fail(`has a malformed segment (${segment.reason})`);
    else {
      if (dotSegmentKind(segment.decoded) !== null || hidesDotSegment(segment.decoded)) {
        fail('contains a dot segment ("." or ".."); write the path it resolves to');
      }
      tokens.push({ kind: 'literal', segment: segment.canonical });
    }
  }
  return {
    source,
    canonical: `/${tokens.map(tokenText).join('/')}`,
    tokens,
    hasGlobstar: tokens.some((token) => token.kind === 'globstar'),
  };
}

function tokenText(token: GlobToken): string {
  if (token.kind === 'globstar') return '**';
  if (token.kind === 'star') return '*';
  return token.segment === '*' || token.segment === '**' ? token.segment.replaceAll('*', '%2A') : token.segment;
}

/** The same glob with every literal segment mapped through `fold` (a case-folding scheme). */
export function foldSegmentGlob(glob: SegmentGlob, fold: (text: string) => string): SegmentGlob {
  const tokens = glob.tokens.map((token): GlobToken =>
    token.kind === 'literal' ? { kind: 'literal', segment: fold(token.segment) } : token,
  );
  return { ...glob, tokens };
}

/** Splits a canonical path into segments: `/` → `[]`, `/a/b` → `['a', 'b']`, `/a/` → `['a', '']`. */
export function splitCanonicalPath(canonicalPath: string): string[] {
  return canonicalPath === '/' ? [] : canonicalPath.slice(1).split('/');
}

/**
 * True when the glob matches the segments of a canonical path. Runs in O(segments × tokens) with
 * no backtracking, so no pattern and no path can make it slow.
 */
export function matchSegmentGlob(glob: SegmentGlob, segments: readonly string[]): boolean {
  const { tokens } = glob;
  if (!glob.hasGlobstar) {
    if (tokens.length !== segments.length) return false;
    return tokens.every((token, i) => tokenMatches(token, segments[i] ?? ''));
  }
  // reachable[p]: the tokens so far can consume exactly the first p segments.
  let reachable = new Uint8Array(segments.length + 1);
  reachable[0] = 1;
  for (const token of tokens) {
    const next = new Uint8Array(segments.length + 1);
    let any = false;
    if (token.kind === 'globstar') {
      const first = reachable.indexOf(1);
      if (first !== -1) {
        next.fill(1, first);
        any = true;
      }
    } else {
      for (let p = 0; p < segments.length; p++) {
        if (reachable[p] === 1 && tokenMatches(token, segments[p] ?? '')) {
          next[p + 1] = 1;
          any = true;
        }
      }
    }
    if (!any) return false;
    reachable = next;
  }
  return reachable[segments.length] === 1;
}

function tokenMatches(token: GlobToken, segment: string): boolean {
  if (token.kind === 'literal') return token.segment === segment;
  if (token.kind === 'star') return segment !== '';
  return true;
}
