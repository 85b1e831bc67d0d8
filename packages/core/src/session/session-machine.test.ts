import { describe, expect, it } from 'vitest';
import type { RefreshResult } from '../refresh/refresh-result.js';
import type { Session } from './session.js';
import { refreshMargin, transition, type MachineContext, type MachineState } from './session-machine.js';
import type { TokenCheck } from './session-provider.js';

const NOW = 1_800_000_000;
const session: Session = { accessToken: 'a', refreshToken: 'r', expiresAt: NOW + 3600, user: null };
const next: Session = { accessToken: 'a2', refreshToken: 'r2', expiresAt: NOW + 7200, user: null };
const user = { id: 'u1', raw: { id: 'u1' } };
const valid: TokenCheck = { kind: 'valid', claims: { sub: 'u1', exp: NOW + 3600 }, user, cached: false };
const ctx = (expiresAt: number, mode: MachineContext['mode'] = 'claims'): MachineContext => ({ now: NOW, mode, marginSeconds: 120, expiresAt });
const reading: MachineState = { kind: 'reading' };

describe('reading the cookie', () => {
  it.each([
    ['no session → anonymous, cookies kept', { kind: 'none' } as const, { kind: 'finish' }, { auth: { kind: 'anonymous', reason: 'no_session' }, write: { kind: 'keep' } }],
    ['malformed → anonymous, cookies cleared', { kind: 'malformed', reason: 'bad_json' } as const, { kind: 'finish' }, { auth: { kind: 'anonymous', reason: 'malformed_cookie' }, write: { kind: 'clear' } }],
  ])('%s', (_name, read, command, done) => {
    const step = transition(reading, { type: 'read', read }, ctx(NOW + 3600));
    expect(step.command).toEqual(command);
    expect(step.state).toEqual({ kind: 'done', ...done });
  });

  it.each([
    ['fresh (beyond the margin) → check in the rule’s mode', NOW + 121, { kind: 'checking', phase: 'fresh' }, 'check'],
    ['expiring (inside the margin) → refresh, not yet expired', NOW + 120, { kind: 'refreshing', expired: false }, 'refresh'],
    ['expired → refresh', NOW, { kind: 'refreshing', expired: true }, 'refresh'],
    ['long expired → refresh', NOW - 86_400, { kind: 'refreshing', expired: true }, 'refresh'],
  ])('%s', (_name, expiresAt, state, command) => {
    const step = transition(reading, { type: 'read', read: { kind: 'present', session } }, ctx(expiresAt));
    expect(step.state).toMatchObject(state);
    expect(step.command.kind).toBe(command);
  });
});

describe('after a refresh', () => {
  const refreshing = (expired: boolean): MachineState => ({ kind: 'refreshing', session, expired });
  const after = (result: RefreshResult, expired = true) => transition(refreshing(expired), { type: 'refreshed', result, via: 'upstream' }, ctx(NOW - 1, 'user'));

  it('refreshed → the issued token is checked (decoded), then written', () => {
    const step = after({ kind: 'refreshed', session: next });
    expect(step.command).toEqual({ kind: 'check', session: next, source: { kind: 'issued' } });
    const done = transition(step.state, { type: 'checked', check: valid }, ctx(NOW - 1, 'user'));
    expect(done.state).toEqual({
      kind: 'done',
      auth: { kind: 'authenticated', session: next, user, claims: valid.kind === 'valid' ? valid.claims : null, verifiedBy: 'user', refreshed: true },
      write: { kind: 'write', session: next },
    });
  });

  it('rejected → signed out with the reason, cookies cleared', () => {
    expect(after({ kind: 'rejected', reason: 'refresh_token_already_used' }).state).toEqual({
      kind: 'done',
      auth: { kind: 'anonymous', reason: 'refresh_token_already_used' },
      write: { kind: 'clear' },
    });
  });

  it('unavailable with an expired token → unavailable, cookies kept (never a sign-out)', () => {
    expect(after({ kind: 'unavailable', cause: 'timeout' }, true).state).toEqual({ kind: 'done', auth: { kind: 'unavailable', cause: 'timeout' }, write: { kind: 'keep' } });
  });

  it('unavailable with a still-valid token → falls back to checking the current token in the rule’s mode', () => {
    const step = after({ kind: 'unavailable', cause: 'server_error' }, false);
    expect(step.state).toMatchObject({ kind: 'checking', phase: 'fallback', session });
    expect(step.command).toEqual({ kind: 'check', session, source: { kind: 'cookie', mode: 'user' } });
    expect(transition(step.state, { type: 'checked', check: valid }, ctx(NOW + 60, 'user')).state).toMatchObject({ auth: { kind: 'authenticated', refreshed: false }, write: { kind: 'keep' } });
  });

  it('an issued session of another user than the cookie named → refused: anonymous, cookies cleared (C33)', () => {
    const issued: MachineState = { kind: 'checking', session: next, phase: 'issued' };
    const other: TokenCheck = { kind: 'valid', claims: { sub: 'u2', exp: NOW + 7200 }, user: { id: 'u2', raw: { id: 'u2' } }, cached: false };
    expect(transition(issued, { type: 'checked', check: other }, { ...ctx(NOW), subject: 'u1' }).state).toEqual({
      kind: 'done',
      auth: { kind: 'anonymous', reason: 'user_mismatch' },
      write: { kind: 'clear' },
    });
    // The same user is written as usual.
    expect(transition(issued, { type: 'checked', check: valid }, { ...ctx(NOW), subject: 'u1' }).state).toMatchObject({ auth: { kind: 'authenticated', refreshed: true }, write: { kind: 'write', session: next } });
  });

  it('an issued session that cannot be decoded is still written: the old refresh token is spent', () => {
    const issued: MachineState = { kind: 'checking', session: next, phase: 'issued' };
    expect(transition(issued, { type: 'checked', check: { kind: 'unavailable', cause: 'protocol' } }, ctx(NOW)).state).toEqual({
      kind: 'done',
      auth: { kind: 'unavailable', cause: 'protocol' },
      write: { kind: 'write', session: next },
    });
  });
});

describe('checking a cookie token', () => {
  const fresh: MachineState = { kind: 'checking', session, phase: 'fresh' };
  it.each<[string, TokenCheck, unknown]>([
    ['valid → authenticated, cookies kept', valid, { auth: { kind: 'authenticated', refreshed: false }, write: { kind: 'keep' } }],
    ['rejected → anonymous, cleared', { kind: 'rejected', reason: 'invalid_token' }, { auth: { kind: 'anonymous', reason: 'invalid_token' }, write: { kind: 'clear' } }],
    ['unavailable → unavailable, kept', { kind: 'unavailable', cause: 'network' }, { auth: { kind: 'unavailable', cause: 'network' }, write: { kind: 'keep' } }],
  ])('%s', (_name, check, done) => {
    expect(transition(fresh, { type: 'checked', check }, ctx(NOW + 3600)).state).toMatchObject({ kind: 'done', ...(done as object) });
  });

  it('an event that does not fit the state is a bug', () => {
    expect(() => transition(fresh, { type: 'read', read: { kind: 'none' } }, ctx(NOW))).toThrow(/event read in state checking/);
  });
});

describe('refreshMargin', () => {
  it.each([
    [120, { exp: NOW + 3600, iat: NOW }, 120],
    [120, { exp: NOW + 60, iat: NOW }, 30],
    [120, { exp: NOW + 3600 }, 120],
    [120, null, 120],
    [120, { exp: NOW, iat: NOW + 5 }, 120],
  ])('configured %i with %o → %i', (configured, timing, expected) => {
    expect(refreshMargin(configured, timing)).toBe(expected);
  });
});
