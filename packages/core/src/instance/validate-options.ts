// Checks at boot what would otherwise fail or misbehave on every request (misspelled keys, unsafe targets, secrets in the wrong place).
import { LockstepError } from '../errors.js';
import { emit } from '../events.js';
import type { LockstepOptions } from '../options.js';
import { sanitizeReturnTo } from '../response/return-to.js';
import type { PathPattern, RouteRule } from '../routes/route-rule.js';

const BASE_KEYS = [
  'routes', 'verify', 'loginPath', 'afterSignInPath', 'callbackPath', 'returnToParam', 'apiRoutes', 'basePath',
  'trailingSlash', 'caseSensitive', 'cookies', 'refreshMarginSeconds', 'authTimeoutMs', 'successorTtlSeconds', 'refreshStore', 'revocation', 'onEvent', 'debug', 'trustProxy', 'allowedOrigins',
  'stepUpPath', 'enrolPath', 'forbiddenPath', 'rolesFrom', 'bearer',
] as const;

/**
 * Refuses unknown keys (with a "did you mean"; Supabase's own keys point at `@lockstep/supabase`), and
 * redirect targets that are not plain local paths; warns once, through `onEvent`, about a
 * RegExp or predicate rule that lets paths through ahead of protected rules, since no shadowing
 * check can see into it.
 *
 * @throws {LockstepError} `ERR_CONFIG_INVALID`, `ERR_CONFIG_PATH`.
 */
export function validateOptions(options: LockstepOptions): void {
  const record = options as unknown as Record<string, unknown>;
  if (record.supabaseUrl !== undefined || record.supabaseKey !== undefined) {
    throw new LockstepError('ERR_CONFIG_INVALID', 'supabaseUrl and supabaseKey belong to the Supabase provider: createLockstep({ provider: supabase({ supabaseUrl, supabaseKey }), … }) with supabase from @lockstep/supabase.');
  }
  refuseUnknownKeys(record, [...BASE_KEYS, 'provider'], 'option');
  const basePath = typeof options.basePath === 'string' ? options.basePath : '';
  for (const option of ['loginPath', 'afterSignInPath', 'callbackPath'] as const) {
    const value = options[option];
    if (value !== undefined) assertLocalTarget(basePath + String(value), option);
  }
  if (options.rolesFrom !== undefined && typeof options.rolesFrom !== 'function') {
    throw new LockstepError('ERR_CONFIG_INVALID', 'rolesFrom must be a function from verified claims to a list of role names.');
  }
  warnAboutOpaquePublicRules(options);
}

/** A redirect target the app configures must itself pass the return-to rules (one leading `/`, no dot segments, …). */
function assertLocalTarget(path: string, option: string): void {
  if (sanitizeReturnTo(path) !== path) {
    throw new LockstepError('ERR_CONFIG_PATH', `${option} must be a plain local path such as "/dashboard" (one leading "/", no "//", "\\", scheme, dot segment or control character).`);
  }
}

/** Refuses keys outside `known`, suggesting the closest known one. */
export function refuseUnknownKeys(record: Record<string, unknown>, known: readonly string[], what: string): void {
  for (const key of Object.keys(record)) {
    if (known.includes(key) || record[key] === undefined) continue;
    const suggestion = closest(key, known);
    throw new LockstepError('ERR_CONFIG_INVALID', `Unknown ${what} "${key}"${suggestion === null ? '' : `; did you mean "${suggestion}"?`}`);
  }
}

/** The known key within two edits of `key`, if any. */
function closest(key: string, known: readonly string[]): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance <= 2 && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function warnAboutOpaquePublicRules(options: LockstepOptions): void {
  const rules: readonly RouteRule[] = Array.isArray(options.routes) ? options.routes : [];
  const opaque = (pattern: PathPattern): boolean => typeof pattern !== 'string';
  rules.forEach((rule, index) => {
    if (rule === null || typeof rule !== 'object' || rule.access === 'protected') return;
    const patterns: readonly PathPattern[] = Array.isArray(rule.match) ? (rule.match as readonly PathPattern[]) : [rule.match as PathPattern];
    if (!patterns.some(opaque)) return;
    if (!rules.slice(index + 1).some((later) => later?.access === 'protected')) return;
    emit(options.onEvent, { type: 'config.warning', code: 'opaque_rule_before_protected', rule: index });
  });
}
