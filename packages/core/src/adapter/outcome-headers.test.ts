import { describe, expect, it } from 'vitest';
import { applyOutcomeToResponse } from '../response/web-response.js';
import { ATTRIBUTES, continueOutcome } from './test-support/cookie-instance.js';
import { mergeOutcomeHeaders, outcomeHeaders } from './outcome-headers.js';

const outcome = continueOutcome(
  [{ name: 'stub-session', value: 'old' }, { name: 'sb-x-auth-token.0', value: 'old' }],
  [
    { name: 'stub-session', value: 'new', attributes: ATTRIBUTES },
    { name: 'sb-x-auth-token.0', value: 'new', attributes: ATTRIBUTES },
  ],
);

describe('outcomeHeaders', () => {
  it('holds every Set-Cookie line, one each, and the no-store headers', () => {
    const headers = outcomeHeaders(outcome);
    expect(headers.getSetCookie()).toEqual(outcome.cookies.setCookie);
    expect(headers.getSetCookie()).toHaveLength(2);
    expect(headers.get('cache-control')).toContain('no-store');
    expect(headers.get('vary')).toBe('Cookie');
  });

  it('is empty when the outcome writes nothing', () => {
    expect([...outcomeHeaders(continueOutcome([], [])).keys()]).toEqual([]);
  });
});

describe('mergeOutcomeHeaders', () => {
  it('adds the outcome to the app headers by the Response rules: the app cookie (and its chunk family) wins, Vary is merged', () => {
    const own = { 'Set-Cookie': 'sb-x-auth-token=app; Path=/', Vary: 'Accept-Encoding', 'X-Own': '1' };
    const merged = mergeOutcomeHeaders(own, outcome);
    expect(merged.getSetCookie()).toEqual(['sb-x-auth-token=app; Path=/', outcome.cookies.setCookie[0]]);
    expect(merged.get('vary')).toBe('Accept-Encoding, Cookie');
    expect(merged.get('x-own')).toBe('1');
    // The same answer a Response with these headers gets.
    const response = applyOutcomeToResponse(new Response(null, { headers: own }), outcome);
    expect([...merged]).toEqual([...response.headers]);
  });

  it('accepts absent app headers (a data() result without init)', () => {
    expect(mergeOutcomeHeaders(undefined, outcome).getSetCookie()).toEqual(outcome.cookies.setCookie);
    expect(mergeOutcomeHeaders(null, outcome).getSetCookie()).toEqual(outcome.cookies.setCookie);
  });

  it('does not change the Headers object it was given', () => {
    const own = new Headers({ 'X-Own': '1' });
    mergeOutcomeHeaders(own, outcome);
    expect([...own]).toEqual([['x-own', '1']]);
  });
});
