import { describe, expect, it } from 'vitest';
import type { AuthState } from '../session/session.js';
import { authView } from './auth-view.js';

const USER = { id: 'user-1', raw: {} };
const AUTHENTICATED: AuthState = {
  kind: 'authenticated',
  session: { accessToken: 'at', refreshToken: 'rt', expiresAt: 1, user: USER },
  user: USER,
  claims: { sub: 'user-1', exp: 1 },
  verifiedBy: 'claims',
  refreshed: false,
};

describe('authView', () => {
  it('spells out the user, claims and session of a verified state', () => {
    expect(authView(AUTHENTICATED)).toEqual({ auth: AUTHENTICATED, user: USER, claims: AUTHENTICATED.claims, session: AUTHENTICATED.session });
  });

  it.each<AuthState>([
    { kind: 'anonymous', reason: 'no_session' },
    { kind: 'unavailable', cause: 'network' },
  ])('gives null for each part of a $kind state (never a session that is not there)', (auth) => {
    expect(authView(auth)).toEqual({ auth, user: null, claims: null, session: null });
  });
});
