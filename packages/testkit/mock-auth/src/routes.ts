// The GoTrue route table under `/auth/v1`: (method, path, grant) → endpoint name and handler.
import { adminUsers } from './admin-endpoints.js';
import { adminFactors } from './admin-factors.js';
import { generateLink, inviteUser } from './admin-links.js';
import { idTokenGrant } from './id-token-grant.js';
import { health, jwks, openIdConfiguration, settings } from './discovery-endpoints.js';
import type { MockEndpoint } from './faults.js';
import type { Handler } from './handler-types.js';
import { linkIdentityStart, unlinkIdentity } from './identity-endpoints.js';
import { challengeFactor, enrollFactor, unenrollFactor, verifyFactor } from './mfa-endpoints.js';
import { authorize, callback, mockProvider } from './oauth-endpoints.js';
import { sendMagicLink, sendOtp, verifyGet, verifyPost } from './otp-endpoints.js';
import { reauthenticate, recover, resend } from './recovery-endpoints.js';
import { signup } from './signup.js';
import { passwordGrant, pkceGrant, refreshTokenGrant, unsupportedGrant } from './token-grants.js';
import { getUser, logout, updateUser } from './user-endpoints.js';

/** A matched route. */
export interface Route {
  readonly endpoint: MockEndpoint;
  readonly handler: Handler;
}

const GRANTS: Readonly<Record<string, Route>> = {
  password: { endpoint: 'token:password', handler: passwordGrant },
  refresh_token: { endpoint: 'token:refresh_token', handler: refreshTokenGrant },
  pkce: { endpoint: 'token:pkce', handler: pkceGrant },
  id_token: { endpoint: 'token:id_token', handler: idTokenGrant },
};

const ROUTES: Readonly<Record<string, Route>> = {
  'POST /signup': { endpoint: 'signup', handler: signup },
  'GET /user': { endpoint: 'user', handler: getUser },
  'PUT /user': { endpoint: 'user:update', handler: updateUser },
  'POST /logout': { endpoint: 'logout', handler: logout },
  'GET /.well-known/jwks.json': { endpoint: 'jwks', handler: jwks },
  'GET /.well-known/openid-configuration': { endpoint: 'openid-configuration', handler: openIdConfiguration },
  'GET /health': { endpoint: 'health', handler: health },
  'GET /settings': { endpoint: 'settings', handler: settings },
  'GET /authorize': { endpoint: 'authorize', handler: authorize },
  'GET /mock-provider/authorize': { endpoint: 'mock-provider', handler: mockProvider },
  'GET /callback': { endpoint: 'callback', handler: callback },
  'POST /factors': { endpoint: 'factors:enroll', handler: enrollFactor },
  'POST /recover': { endpoint: 'recover', handler: recover },
  'POST /invite': { endpoint: 'invite', handler: inviteUser },
  'POST /admin/generate_link': { endpoint: 'admin:generate_link', handler: generateLink },
  'POST /resend': { endpoint: 'resend', handler: resend },
  'GET /reauthenticate': { endpoint: 'reauthenticate', handler: reauthenticate },
  'GET /user/identities/authorize': { endpoint: 'identities:link', handler: linkIdentityStart },
  'POST /otp': { endpoint: 'otp', handler: sendOtp },
  'POST /magiclink': { endpoint: 'magiclink', handler: sendMagicLink },
  'POST /verify': { endpoint: 'verify', handler: verifyPost },
  'GET /verify': { endpoint: 'verify', handler: verifyGet },
};

const ADMIN_USERS: Route = { endpoint: 'admin', handler: adminUsers };
const ADMIN_FACTORS: Route = { endpoint: 'admin', handler: adminFactors };

/** Finds the route for a request below `/auth/v1`, or `null`. */
export function matchRoute(method: string, path: string, query: URLSearchParams): Route | null {
  if (method === 'POST' && path === '/token') {
    // `grant_type` comes from the query string (`r.FormValue`, spec §1.2).
    return GRANTS[query.get('grant_type') ?? ''] ?? { endpoint: 'token:other', handler: unsupportedGrant };
  }
  if (path === '/admin/users' || /^\/admin\/users\/[^/]+$/.test(path)) return ADMIN_USERS;
  if (/^\/admin\/users\/[^/]+\/factors(?:\/[^/]+)?$/.test(path)) return ADMIN_FACTORS;
  if (method === 'DELETE' && /^\/user\/identities\/[^/]+$/.test(path)) return { endpoint: 'identities:unlink', handler: unlinkIdentity };
  const factor = /^\/factors\/[^/]+(\/challenge|\/verify)?$/.exec(path);
  if (factor !== null) {
    if (method === 'POST' && factor[1] === '/challenge') return { endpoint: 'factors:challenge', handler: challengeFactor };
    if (method === 'POST' && factor[1] === '/verify') return { endpoint: 'factors:verify', handler: verifyFactor };
    if (method === 'DELETE' && factor[1] === undefined) return { endpoint: 'factors:unenroll', handler: unenrollFactor };
    return null;
  }
  return ROUTES[`${method} ${path}`] ?? null;
}
