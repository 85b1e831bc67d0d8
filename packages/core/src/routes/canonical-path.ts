// Turns a raw, still percent-encoded URL pathname into the one canonical path that rules match.
import { LockstepError } from '../errors.js';
import { literalizeNeedlessEscapes } from './as-sent-reading.js';
import { decodeSegment, dotSegmentKind, hidesDotSegment } from './path-segment.js';

/** Longest raw path accepted (8 KiB); longer ones are `too_long`, which keeps the work bounded. */
export const MAX_PATH_LENGTH = 8192;

/** Why a raw path has no canonical form. Upstream renders every one of them as a 400. */
export type MalformedPathReason =
  /** Longer than `MAX_PATH_LENGTH`. */
  | 'too_long'
  /** Does not start with `/`. */
  | 'not_absolute'
  /** A `%` not followed by two hex digits, or escapes that are not valid UTF-8 (`%C0%AF`, `%FF`). */
  | 'bad_encoding'
  /** A decoded U+0000–U+001F or U+007F. */
  | 'control_character'
  /** A dot segment with a `;` parameter (`..;`, `.;x`): the Tomcat-style bypass. */
  | 'dot_segment_parameter'
  /** A dot segment behind an encoded slash or a backslash (`..%2Fadmin`, `..\admin`). */
  | 'hidden_dot_segment'
  /** `..` next to an empty segment (`/a//../b`), where servers disagree on the result. */
  | 'ambiguous_dot_segment';

/** The canonical path, or why there is none. */
export type CanonicalPathResult =
  | { kind: 'ok'; path: string }
  | { kind: 'malformed'; reason: MalformedPathReason };

export interface CanonicalPathOptions {
  /**
   * Mount point of the app, e.g. `/docs`: canonical, absolute, no trailing slash. A path at or
   * under it (at a segment boundary) has it stripped; any other path is returned as it is.
   */
  basePath?: string;
  /**
   * `ignore` treats `/a/` as `/a` (the root stays `/`); `strict` keeps one trailing slash distinct.
   * @default 'ignore'
   */
  trailingSlash?: 'ignore' | 'strict';
}

/**
 * Canonicalizes a raw URL pathname (`new URL(request.url).pathname`, still percent-encoded).
 *
 * Each segment is percent-decoded strictly and written back with only `%` and `/` encoded; dot
 * segments (also `%2e`-encoded) are resolved, clamping at the root; empty segments collapse; the
 * trailing slash follows `trailingSlash`; then `basePath` is stripped. It never throws on a path,
 * and without a basePath it is idempotent: a canonical path canonicalizes to itself.
 *
 * Matching on the result is case-sensitive and does no Unicode normalization: `/Dashboard` is not
 * `/dashboard`. That fails closed: a differently spelled path matches no public rule, so it falls
 * to deny-by-default. A backslash is a literal character, never a separator: splitting on it would
 * guess at one backend's behaviour, and a dot segment hidden behind it is rejected anyway.
 *
 * @throws {LockstepError} `ERR_CONFIG_PATH` when `options.basePath` is not a canonical path.
 * @example
 * canonicalizePath('/dash%62oard/'); // { kind: 'ok', path: '/dashboard' }
 * canonicalizePath('/a/%2e%2e/admin'); // { kind: 'ok', path: '/admin' }
 * canonicalizePath('/%C0%AF'); // { kind: 'malformed', reason: 'bad_encoding' }
 */
export function canonicalizePath(rawPath: string, options?: CanonicalPathOptions): CanonicalPathResult {
  return createPathCanonicalizer(options)(rawPath);
}

/** Validates the options once and returns the canonicalizer; `canonicalizePath` in compiled form. */
export function createPathCanonicalizer(
  options?: CanonicalPathOptions,
): (rawPath: string) => CanonicalPathResult {
  const read = createPathReader(options);
  return (rawPath) => {
    const reading = read(rawPath);
    return reading.kind === 'ok' ? { kind: 'ok', path: reading.path } : reading;
  };
}

/**
 * The canonical path plus the reading of a router that does not collapse `//`: React Router and
 * Hono dispatch `//blog/x` to another route than `/blog/x` (often a catch-all), so the policy
 * decides such a path by the stricter of the two. Equal to `path` when there is no empty segment.
 */
export type PathReading =
  | {
      kind: 'ok';
      path: string;
      withEmptySegments: string;
      /** The readings with needless escapes kept as text (see `literalizeNeedlessEscapes`); empty when there are none. */
      asSent: readonly string[];
    }
  | { kind: 'malformed'; reason: MalformedPathReason };

/** Like `createPathCanonicalizer`, also returning the reading with empty segments kept. */
export function createPathReader(options?: CanonicalPathOptions): (rawPath: string) => PathReading {
  const trailingSlash = options?.trailingSlash ?? 'ignore';
  const basePath = options?.basePath ?? '';
  if (basePath !== '') assertBasePath(basePath);
  const strip = (path: string): string => (basePath === '' ? path : stripBasePath(path, basePath));
  return (rawPath) => {
    const result = canonicalizeFullPath(rawPath, trailingSlash);
    if (result.kind === 'malformed') return result;
    const literal = typeof rawPath === 'string' ? literalizeNeedlessEscapes(rawPath) : rawPath;
    const asSent = literal === rawPath ? null : canonicalizeFullPath(literal, trailingSlash);
    return {
      kind: 'ok',
      path: strip(result.path),
      withEmptySegments: strip(result.withEmptySegments),
      asSent: asSent === null || asSent.kind === 'malformed' ? [] : [...new Set([asSent.path, asSent.withEmptySegments])].map(strip),
    };
  };
}

type FullPathReading = { kind: 'ok'; path: string; withEmptySegments: string } | { kind: 'malformed'; reason: MalformedPathReason };

function canonicalizeFullPath(rawPath: unknown, trailingSlash: 'ignore' | 'strict'): FullPathReading {
  if (typeof rawPath !== 'string' || !rawPath.startsWith('/')) return malformed('not_absolute');
  if (rawPath.length > MAX_PATH_LENGTH) return malformed('too_long');
  const rawSegments = rawPath.slice(1).split('/');
  // RFC 3986 §5.2.4 keeps empty segments while it resolves dots; collapse-first servers (nginx
  // merge_slashes, path.normalize) drop them first. The two disagree only when `..` meets an empty
  // segment, so both are computed and a disagreement is rejected instead of guessed.
  const rfcStack: string[] = [];
  const collapsedStack: string[] = [];
  let endsInDirectory = false;
  for (let i = 0; i < rawSegments.length; i++) {
    const segment = decodeSegment(rawSegments[i] ?? '');
    if (segment.kind === 'malformed') return malformed(segment.reason);
    const isLast = i === rawSegments.length - 1;
    const dot = dotSegmentKind(segment.decoded);
    if (dot === 'dot_parameter') return malformed('dot_segment_parameter');
    if (dot !== null) {
      if (dot === 'dotdot') {
        rfcStack.pop();
        collapsedStack.pop();
      }
      // `/a/b/..` names the directory `/a/` (RFC 3986 §5.2.4), hence the trailing slash.
      endsInDirectory = isLast;
      continue;
    }
    if (hidesDotSegment(segment.decoded)) return malformed('hidden_dot_segment');
    if (segment.canonical === '') {
      if (isLast) endsInDirectory = true;
      else rfcStack.push('');
      continue;
    }
    rfcStack.push(segment.canonical);
    collapsedStack.push(segment.canonical);
  }
  if (!sameSegments(rfcStack, collapsedStack)) return malformed('ambiguous_dot_segment');
  const suffix = trailingSlash === 'strict' && endsInDirectory ? '/' : '';
  const path = collapsedStack.length === 0 ? '/' : `/${collapsedStack.join('/')}${suffix}`;
  // The kept reading keeps its trailing slash too: `//` must not read as the root `/`.
  const withEmptySegments =
    rfcStack.length === collapsedStack.length ? path : `/${rfcStack.join('/')}${endsInDirectory ? '/' : ''}`;
  return { kind: 'ok', path, withEmptySegments };
}

function sameSegments(rfcStack: readonly string[], collapsedStack: readonly string[]): boolean {
  let j = 0;
  for (const segment of rfcStack) {
    if (segment === '') continue;
    if (segment !== collapsedStack[j]) return false;
    j++;
  }
  return j === collapsedStack.length;
}

function stripBasePath(path: string, basePath: string): string {
  if (path === basePath) return '/';
  // Segment boundary: `/docs` owns `/docs/x`, never `/docsx`.
  if (path.startsWith(`${basePath}/`)) return path.slice(basePath.length);
  return path;
}

function assertBasePath(basePath: unknown): void {
  if (typeof basePath !== 'string') {
    throw new LockstepError('ERR_CONFIG_PATH', 'basePath must be a string such as "/docs".');
  }
  const canonical = canonicalizeFullPath(basePath, 'ignore');
  if (basePath === '/' || canonical.kind === 'malformed' || canonical.path !== basePath) {
    throw new LockstepError(
      'ERR_CONFIG_PATH',
      `basePath ${JSON.stringify(basePath)} must be a canonical absolute path other than "/" and ` +
        'without a trailing slash, such as "/docs".',
    );
  }
}

function malformed(reason: MalformedPathReason): { kind: 'malformed'; reason: MalformedPathReason } {
  return { kind: 'malformed', reason };
}
