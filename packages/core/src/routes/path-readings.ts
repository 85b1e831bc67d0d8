// Every way a router may read one canonical path, so the policy can decide by the strictest of them.
import type { PathReading } from './canonical-path.js';

/**
 * The paths, besides `reading.path` itself, that a router may dispatch this request as:
 * - needless escapes kept as text (Next.js matches dynamic routes on the path as sent: `/bl%6Fg/x`
 *   reaches its catch-all, not `/blog/[slug]`);
 * - `//` kept (React Router and Hono do not collapse it: `//blog/x` reaches their catch-all);
 * - encoded slashes as separators (Next.js looks static pages up by the fully decoded path, so
 *   `/admin%2Fusers` is its `/admin/users` page), read again by `reread`, with `//` kept too.
 * A reading that is malformed adds nothing: the request itself is well-formed and is decided by
 * the others.
 */
export function alternativeReadings(
  reading: Extract<PathReading, { kind: 'ok' }>,
  reread: (path: string) => PathReading,
): string[] {
  const paths: string[] = [...reading.asSent];
  if (reading.withEmptySegments !== reading.path) paths.push(reading.withEmptySegments);
  // A canonical path writes an encoded slash `%2F` and a literal `%` as `%25`: `%2F` is only ever a slash.
  if (reading.withEmptySegments.includes('%2F')) {
    const split = reread(reading.withEmptySegments.replaceAll('%2F', '/'));
    if (split.kind === 'ok') {
      paths.push(split.path);
      if (split.withEmptySegments !== split.path) paths.push(split.withEmptySegments);
    }
  }
  return paths;
}
