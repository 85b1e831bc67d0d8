// The middleware operation: one request in, one Outcome out (DESIGN §3.1).
import { createCookiePlan } from '../cookies/cookie-write.js';
import { parseRequestCookies } from '../cookies/request-cookies.js';
import { decideOutcome } from '../decide-outcome.js';
import { emit } from '../events.js';
import type { Outcome } from '../outcome.js';
import { classifyRequest, type RequestKindHint } from '../request/request-kind.js';
import { borrowRequestRecord, type RequestLike } from '../request/request-record.js';
import { sessionCookieVariants } from '../cookies/session-cookie-variants.js';
import { resolveSessionAmong } from '../session/resolve-among.js';
import type { LockstepContext } from './lockstep-context.js';

const NOT_CHECKED = Object.freeze({ kind: 'anonymous', reason: 'not_checked' } as const);

/** Routes the request, resolves its session (refreshing at most once), and decides the outcome. */
export async function handleRequest(ctx: LockstepContext, input: RequestLike, hint?: RequestKindHint): Promise<Outcome> {
  const now = ctx.now();
  // Borrowed headers: every header is read below, before the first `await`.
  const request = borrowRequestRecord(input);
  const cookieHeader = request.headers.get('cookie');
  const cookies = parseRequestCookies(cookieHeader);
  const route = ctx.routes.resolve(request.url.pathname);
  const unchanged = createCookiePlan(cookies, []);
  if (route.kind === 'malformed') {
    emit(ctx.onEvent, { type: 'route.malformed', reason: route.reason });
    return decideOutcome({ request, route, kind: 'document', auth: NOT_CHECKED, cookies: unchanged }, ctx.responsePolicy);
  }
  const match = route.route;
  const kind = classifyRequest(request.headers, ctx.isApi(match.canonicalPath), hint);
  if (!match.session) return decideOutcome({ request, route, kind, auth: NOT_CHECKED, cookies: unchanged }, ctx.responsePolicy);

  const variants = sessionCookieVariants(cookieHeader, cookies, ctx.provider.cookieName);
  const origin = ctx.publicUrl(request); // reads X-Forwarded-* (with trustProxy): before the await
  // `read`: the reading of the cookies the session came from (the browser's own unless a duplicate won).
  const { auth, write, cookies: read } = await resolveSessionAmong(ctx.engine, variants.length === 0 ? [cookies] : [cookies, ...variants], match.verify, now);
  // Nothing to write on the browser's own reading (nearly every request): the plan made above serves.
  const plan =
    write.kind === 'keep'
      ? read === cookies
        ? unchanged
        : createCookiePlan(read, [])
      : createCookiePlan(read, ctx.provider.planWrite(read, write.kind === 'write' ? write.session : null, ctx.cookieAttributes(origin), now));
  const outcome = decideOutcome({ request, route, kind, auth, cookies: plan }, ctx.responsePolicy);
  if (outcome.kind !== 'continue' && match.access === 'protected') {
    emit(ctx.onEvent, {
      type: 'route.denied',
      path: match.canonicalPath,
      access: match.access,
      requestKind: kind,
      response: outcome.kind === 'redirect' ? 'redirect' : outcome.status === 503 ? 'unavailable' : 'unauthorized',
    });
  }
  return outcome;
}
