import { describe, expect, it } from 'vitest';
import { unhandledOutcome } from './unhandled-outcome.js';

describe('unhandledOutcome', () => {
  it('throws a TypeError naming only the kind, never the cookie values the outcome carries', () => {
    const future = { kind: 'stream', cookies: { setCookie: ['sb-x-auth-token=secret-token-value'] } };
    expect(() => unhandledOutcome(future as never)).toThrow(new TypeError('Unhandled Lockstep outcome kind: stream'));
    let message = '';
    try {
      unhandledOutcome(future as never);
    } catch (error) {
      message = String(error);
    }
    expect(message).not.toContain('secret-token-value');
  });

  it('survives a value that is not an object', () => {
    expect(() => unhandledOutcome(null as never)).toThrow(new TypeError('Unhandled Lockstep outcome kind: undefined'));
  });
});
