import { describe, expect, it } from 'vitest';
import { revocationNote } from '../src/revocation-note.js';

describe('revocationNote', () => {
  it('claims: local verification, revocation within the token lifetime left (whole seconds, rounded up)', () => {
    expect(revocationNote('claims', 42)).toBe('verified locally: a sign-out elsewhere takes effect within 42 s');
    expect(revocationNote('claims', 0.2)).toBe('verified locally: a sign-out elsewhere takes effect within 1 s');
    expect(revocationNote('claims', -5)).toBe('verified locally: a sign-out elsewhere takes effect within 0 s');
  });

  it('user: checked with the auth server, whatever the lifetime left', () => {
    expect(revocationNote('user', 42)).toBe('checked with the auth server: a sign-out elsewhere takes effect on the next request');
  });

  it('session: not verified', () => {
    expect(revocationNote('session', 10)).toBe('not verified (display only): a sign-out elsewhere takes effect within 10 s');
  });
});
