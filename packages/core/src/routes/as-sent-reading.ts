// The reading of a router that matches the path as sent, without decoding escapes a browser never sends.

const ESCAPE = /%([0-9A-Fa-f]{2})/g;
/** Printable ASCII a URL keeps as it is in a path (WHATWG path percent-encode set excluded, and `%`, `/`, `\`). */
const NEEDS_NO_ESCAPE = /^[!$&'()*+,\-.0-9:;=@A-Z[\]^_a-z|~]$/;

/**
 * Marks the escapes of characters a browser never encodes in a path (`%61` for `a`, `%2D` for `-`)
 * as literal text (`%2561`), segment by segment. Next.js matches its dynamic routes on the path as
 * sent, so to it `/bl%6Fg/x` is not `/blog/x` but whatever its catch-all is; the policy then
 * decides such a path by the stricter of both readings. Escapes a browser does send (non-ASCII,
 * spaces, `%2F`, `%25`) are left for the normal decoding, so ordinary paths read the same both ways.
 * Returns the path unchanged when it has no such escape.
 */
export function literalizeNeedlessEscapes(rawPath: string): string {
  if (!rawPath.includes('%')) return rawPath;
  return rawPath
    .split('/')
    .map((segment) => (hasNeedlessEscape(segment) ? segment.replaceAll('%', '%25') : segment))
    .join('/');
}

function hasNeedlessEscape(segment: string): boolean {
  for (const match of segment.matchAll(ESCAPE)) {
    const char = String.fromCharCode(Number.parseInt(match[1] ?? '', 16));
    if (NEEDS_NO_ESCAPE.test(char)) return true;
  }
  return false;
}
