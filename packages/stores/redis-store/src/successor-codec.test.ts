// The successor codec: what goes into Redis comes back equal; anything else is refused, never used.
import type { SuccessorRecord } from '@lockstep/core/refresh';
import { describe, expect, it } from 'vitest';
import { fromSuccessorJson, toSuccessorJson } from './successor-codec.js';

const RECORD: SuccessorRecord = {
  session: { accessToken: 'at', refreshToken: 'rt', expiresAt: 1_700_003_600, user: { id: 'u1', email: 'ada@example.com', raw: { aud: 'authenticated' } } },
  next: 'hash-of-rt',
  generation: 7,
};

describe('successor codec', () => {
  it('round-trips a record, with or without a user', () => {
    expect(fromSuccessorJson(toSuccessorJson(RECORD))).toEqual(RECORD);
    const anonymousUser = { ...RECORD, session: { ...RECORD.session, user: null } };
    expect(fromSuccessorJson(toSuccessorJson(anonymousUser))).toEqual(anonymousUser);
  });

  it.each([
    ['not JSON', 'base64-abc'],
    ['truncated', toSuccessorJson(RECORD).slice(0, 40)],
    ['null', 'null'],
    ['an array', '[]'],
    ['an error body', '{"error":"invalid_grant","error_description":"x"}'],
    ['no next', JSON.stringify({ ...RECORD, next: '' })],
    ['a negative generation', JSON.stringify({ ...RECORD, generation: -1 })],
    ['a fractional generation', JSON.stringify({ ...RECORD, generation: 1.5 })],
    ['an empty access token', JSON.stringify({ ...RECORD, session: { ...RECORD.session, accessToken: '' } })],
    ['a string expiry', JSON.stringify({ ...RECORD, session: { ...RECORD.session, expiresAt: '1700003600' } })],
    ['a user without id', JSON.stringify({ ...RECORD, session: { ...RECORD.session, user: { raw: {} } } })],
    ['a user without raw', JSON.stringify({ ...RECORD, session: { ...RECORD.session, user: { id: 'u1' } } })],
  ])('refuses %s', (_name, json) => {
    expect(fromSuccessorJson(json)).toBeUndefined();
  });
});
