// The test controls over HTTP under `/__mock` (for demo apps and browser tests); never part of GoTrue.
import type { MockAuthControls } from './controls.js';
import { corsHeaders } from './cors.js';
import { checkFault, MOCK_ENDPOINTS, type Fault, type MockEndpoint } from './faults.js';
import type { MockAuthSettings } from './settings.js';

type Json = Record<string, unknown>;
type ControlResult = { readonly status: number; readonly body: unknown };

const ok = (body: unknown = { ok: true }): ControlResult => ({ status: 200, body });
const bad = (message: string, status = 400): ControlResult => ({ status, body: { error: message } });

/**
 * Creates the `/__mock` router over `controls`.
 *
 * @example
 * await fetch(`${mock.url}/__mock/clock/advance`, { method: 'POST', body: JSON.stringify({ seconds: 11 }) });
 */
export function createControlRouter(controls: MockAuthControls): (request: Request, path: string) => Promise<Response> {
  return async (request, path) => {
    let body: Json = {};
    if (request.method !== 'GET' && request.method !== 'DELETE') {
      const text = await request.text();
      try {
        body = text.trim() === '' ? {} : (JSON.parse(text) as Json);
      } catch {
        return respond(bad('body must be JSON'), request);
      }
    }
    let result: ControlResult;
    try {
      result = await route(controls, request.method, path, body, new URL(request.url).searchParams);
    } catch (error) {
      // Control misuse (unknown user, bad value): report the message, which never holds a secret.
      result = bad(error instanceof Error ? error.message : 'invalid request');
    }
    return respond(result, request);
  };
}

function respond(result: ControlResult, request: Request): Response {
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { ...corsHeaders(request.headers.get('origin')), 'Content-Type': 'application/json' },
  });
}

async function route(c: MockAuthControls, method: string, path: string, body: Json, query: URLSearchParams): Promise<ControlResult> {
  const parts = path.split('/').filter((p) => p !== '').map(decodeURIComponent);
  const [head, id, tail] = parts;
  const key = `${method} /${head ?? ''}${id === undefined ? '' : '/:id'}${tail === undefined ? '' : `/${tail}`}`;
  const clockState = (): ControlResult => ok({ now: c.clock.now(), frozen: c.clock.isFrozen() });
  switch (key) {
    case 'GET /clock':
      return clockState();
    case 'POST /clock/:id':
      if (id === 'advance') c.clock.advance(Number(body.seconds));
      else if (id === 'freeze') c.clock.freeze();
      else if (id === 'unfreeze') c.clock.unfreeze();
      else if (id === 'set') c.clock.set(Number(body.epochMs));
      else return bad('unknown clock action', 404);
      return clockState();
    case 'GET /settings':
      return ok(c.settings());
    case 'PATCH /settings':
    case 'POST /settings':
      c.updateSettings(body as Partial<MockAuthSettings>);
      return ok(c.settings());
    case 'POST /faults': {
      const endpoint = body.endpoint;
      if (endpoint !== '*' && !MOCK_ENDPOINTS.includes(endpoint as MockEndpoint)) return bad('unknown endpoint');
      const problem = checkFault(body.fault);
      if (problem !== null) return bad(problem);
      const times = typeof body.times === 'number' ? body.times : undefined;
      c.fail(endpoint as MockEndpoint | '*', body.fault as Fault, times === undefined ? {} : { times });
      return ok();
    }
    case 'DELETE /faults':
      c.clearFaults();
      return ok();
    case 'GET /calls': {
      const endpoint = query.get('endpoint');
      if (endpoint === null) return ok(c.calls());
      if (!MOCK_ENDPOINTS.includes(endpoint as MockEndpoint)) return bad('unknown endpoint');
      return ok({ [endpoint]: c.calls(endpoint as MockEndpoint) });
    }
    case 'DELETE /calls':
      c.resetCounters();
      return ok();
    case 'POST /users':
      return ok(c.createUser(body as never));
    case 'GET /users/:id':
      return found(c.findUser(id ?? ''));
    case 'DELETE /users/:id':
      return c.deleteUser(id ?? '') ? ok() : bad('no such user', 404);
    case 'GET /users/:id/sessions':
      return ok(c.sessions(id));
    case 'POST /users/:id/sessions':
      return ok(await c.issueSession(id ?? '', typeof body.method === 'string' ? { method: body.method } : {}));
    case 'POST /users/:id/sign-out':
      return ok({ deleted: c.signOutUser(id ?? '') });
    case 'POST /users/:id/ban':
      c.banUser(id ?? '', typeof body.untilMs === 'number' ? body.untilMs : null);
      return ok();
    case 'GET /users/:id/otp':
      return found(c.latestOtp(id ?? ''));
    case 'GET /factors/:id/challenge':
      return found(c.latestFactorChallenge(id ?? ''));
    case 'POST /id-tokens':
      return ok({ id_token: await c.issueIdToken(body as never) });
    case 'GET /sessions':
      return ok(c.sessions());
    case 'GET /sessions/:id':
      return found(c.session(id ?? ''));
    case 'DELETE /sessions/:id':
      return c.revokeSession(id ?? '') ? ok() : bad('no such session', 404);
    case 'GET /refresh-tokens/:id':
      return found(c.refreshToken(id ?? ''));
    case 'POST /reset':
      c.reset();
      return ok();
    default:
      return bad('unknown control route', 404);
  }
}

function found(value: unknown): ControlResult {
  return value === undefined ? bad('not found', 404) : ok(value);
}
