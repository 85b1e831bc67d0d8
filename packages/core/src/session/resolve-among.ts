// Resolves the session of a request that may carry the session cookie more than once.
import type { RequestCookie } from '../cookies/request-cookies.js';
import { emit } from '../events.js';
import type { VerifyMode } from '../routes/route-rule.js';
import { chooseResult, distinctSessions } from './duplicate-sessions.js';
import { reportOutcome, resolveSession, type SessionEngine, type SessionResolution } from './resolve-session.js';

/** A resolution, and the reading of the cookies it belongs to (what its cookie writes are planned against). */
export interface ChosenResolution extends SessionResolution {
  readonly cookies: readonly RequestCookie[];
}

/**
 * `resolveSession` over the readings of the request's cookies (`variants[0]` is the browser's own;
 * see `sessionCookieVariants`). One reading: exactly `resolveSession`. Several distinct sessions:
 * each is resolved (at most `MAX_WEIGHED_SESSIONS`), and the one that holds is used
 * (`chooseResult`); the cookies are cleared only when every session was weighed and refused, so a
 * planted cookie can never sign the real session out.
 *
 * @example
 * const { auth, write, cookies } = await resolveSessionAmong(engine, [parsed, ...variants], 'claims', now);
 */
export async function resolveSessionAmong(engine: SessionEngine, variants: readonly [readonly RequestCookie[], ...(readonly RequestCookie[])[]], mode: VerifyMode, now: number): Promise<ChosenResolution> {
  const [first] = variants;
  if (variants.length === 1) return { ...(await resolveSession(engine, first, mode, now)), cookies: first };
  const chosen = await weigh(engine, variants, mode, now);
  // Only the session acted on speaks: a planted one refused on the way is no sign-out.
  reportOutcome(engine.onEvent, chosen.auth, chosen.write);
  return chosen;
}

async function weigh(engine: SessionEngine, variants: readonly [readonly RequestCookie[], ...(readonly RequestCookie[])[]], mode: VerifyMode, now: number): Promise<ChosenResolution> {
  const [first] = variants;
  const { readings, complete } = await distinctSessions(engine.provider, variants, now);
  if (readings.length === 1 && complete) {
    const [only = first] = readings;
    const resolution = await resolveSession(engine, only, mode, now, false);
    // Duplicates and not one readable session among them: the real one may be in a reading not tried; keep all.
    const unreadable = resolution.auth.kind === 'anonymous' && resolution.auth.reason === 'malformed_cookie';
    return { ...resolution, write: unreadable ? { kind: 'keep' } : resolution.write, cookies: only };
  }
  emit(engine.onEvent, { type: 'cookie.duplicate', sessions: readings.length });
  const results: ChosenResolution[] = [];
  for (const cookies of readings) results.push({ ...(await resolveSession(engine, cookies, mode, now, false)), cookies });
  const [head, ...tail] = results as [ChosenResolution, ...ChosenResolution[]];
  const chosen = chooseResult([head, ...tail]);
  if (chosen === 'ambiguous') return { auth: { kind: 'anonymous', reason: 'ambiguous_session' }, write: { kind: 'keep' }, cookies: first };
  // A session not weighed, or one that was not refused, may be the real one: clear nothing then.
  if (chosen.write.kind === 'clear' && (!complete || results.some((result) => result.write.kind !== 'clear'))) return { ...chosen, write: { kind: 'keep' } };
  return chosen;
}
