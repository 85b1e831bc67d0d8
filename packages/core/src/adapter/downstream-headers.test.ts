import { describe, expect, it } from 'vitest';
import { REQUEST_ID_HEADER } from '../trace/request-trace.js';
import { applyChanges, applyChangesToRecord, downstreamChanges, withChanges } from './downstream-headers.js';
import { forwardedRequest } from './request-cookie.js';
import { ATTRIBUTES, continueOutcome } from './test-support/cookie-instance.js';

const refreshed = continueOutcome([{ name: 'stub-session', value: 'old' }], [{ name: 'stub-session', value: 'new', attributes: ATTRIBUTES }]);
const cleared = continueOutcome([{ name: 'stub-session', value: 'old' }], [{ name: 'stub-session', value: '', attributes: { ...ATTRIBUTES, maxAge: 0 } }]);
const unchanged = continueOutcome([{ name: 'stub-session', value: 'old' }], []);
const traced = { ...unchanged, requestId: 'middleware-id-0001' };

describe('downstreamChanges', () => {
  it('nothing to change without a cookie write or tracing (the request goes on as it came)', () => {
    expect(downstreamChanges(new Headers({ cookie: 'stub-session=old' }), unchanged)).toEqual([]);
  });

  it('the rewritten Cookie header after a write; removed when no cookie is left', () => {
    expect(downstreamChanges(new Headers(), refreshed)).toEqual([['cookie', 'stub-session=new']]);
    expect(downstreamChanges(new Headers(), cleared)).toEqual([['cookie', null]]);
  });

  it("the middleware's id replaces a client-sent one; with tracing off a client-sent one is removed", () => {
    expect(downstreamChanges(new Headers({ [REQUEST_ID_HEADER]: 'client-chosen-label' }), traced)).toEqual([[REQUEST_ID_HEADER, 'middleware-id-0001']]);
    expect(downstreamChanges(new Headers(), traced)).toEqual([[REQUEST_ID_HEADER, 'middleware-id-0001']]);
    expect(downstreamChanges(new Headers({ [REQUEST_ID_HEADER]: 'middleware-id-0001' }), traced)).toEqual([]);
    expect(downstreamChanges(new Headers({ [REQUEST_ID_HEADER]: 'client-chosen-label' }), unchanged)).toEqual([[REQUEST_ID_HEADER, null]]);
  });
});

describe('applying the changes', () => {
  const changes = downstreamChanges(new Headers({ [REQUEST_ID_HEADER]: 'client-chosen-label' }), { ...cleared, requestId: 'middleware-id-0001' });

  it('in place, on a copy, and on a Node-style header record alike', () => {
    const headers = new Headers({ cookie: 'stub-session=old', [REQUEST_ID_HEADER]: 'client-chosen-label', 'x-app': '1' });
    const copy = withChanges(headers, changes);
    expect(headers.get(REQUEST_ID_HEADER)).toBe('client-chosen-label');
    expect(applyChanges(headers, changes)).toBe(true);
    for (const result of [headers, copy]) expect([...result]).toEqual([[REQUEST_ID_HEADER, 'middleware-id-0001'], ['x-app', '1']]);

    const record = { headers: { cookie: 'stub-session=old', [REQUEST_ID_HEADER]: 'client-chosen-label', 'x-app': '1' } as Record<string, string | undefined>, rawHeaders: ['Cookie', 'stub-session=old', 'Lockstep-Request-Id', 'client-chosen-label', 'X-App', '1'] };
    applyChangesToRecord(record, changes);
    expect(record.headers).toEqual({ [REQUEST_ID_HEADER]: 'middleware-id-0001', 'x-app': '1' });
    expect(record.rawHeaders).toEqual(['X-App', '1', REQUEST_ID_HEADER, 'middleware-id-0001']);
  });

  it('reports immutable headers instead of throwing', () => {
    expect(applyChanges(Response.redirect('http://app.test/x', 302).headers, changes)).toBe(false);
  });

  it('forwardedRequest copies only when something changes, and carries the id', async () => {
    const request = new Request('http://app.test/', { headers: { cookie: 'stub-session=old' } });
    expect(forwardedRequest(request, unchanged)).toBe(request);
    const forwarded = forwardedRequest(request, traced);
    expect(forwarded).not.toBe(request);
    expect(forwarded.headers.get(REQUEST_ID_HEADER)).toBe('middleware-id-0001');
    expect(forwarded.headers.get('cookie')).toBe('stub-session=old');
    expect(await forwarded.text()).toBe('');
  });
});
