import { describe, expect, it } from 'vitest';
import { classifyRequest, type RequestKind } from './request-kind.js';
import { toRequestRecord } from './request-record.js';
import type { LockstepError } from '../errors.js';

function kindOf(headers: Record<string, string>, isApiPath = false, hint?: RequestKind): RequestKind {
  const record = toRequestRecord(new Request('https://app.test/page', { headers }));
  return classifyRequest(record.headers, isApiPath, hint === undefined ? undefined : { kind: hint });
}

describe('classifyRequest', () => {
  it.each<[string, Record<string, string>, boolean, RequestKind]>([
    ['browser navigation', { 'sec-fetch-mode': 'navigate', accept: 'text/html,*/*' }, false, 'document'],
    ['navigation with no Fetch Metadata', { accept: 'text/html,application/xhtml+xml' }, false, 'document'],
    ['no headers at all (curl)', {}, false, 'document'],
    ['fetch() from a page', { 'sec-fetch-mode': 'cors', accept: '*/*' }, false, 'data'],
    ['same-origin fetch', { 'sec-fetch-mode': 'same-origin' }, false, 'data'],
    ['JSON client without Fetch Metadata', { accept: 'application/json' }, false, 'data'],
    ['problem+json client', { accept: 'application/problem+json' }, false, 'data'],
    ['client accepting JSON and HTML', { accept: 'text/html, application/json' }, false, 'document'],
    ['API path typed into the address bar', { 'sec-fetch-mode': 'navigate', accept: 'text/html' }, true, 'data'],
    ['API path with no headers', {}, true, 'data'],
  ])('%s → %s', (_name, headers, isApiPath, expected) => {
    expect(kindOf(headers, isApiPath)).toBe(expected);
  });

  it('lets the adapter say what the framework knows', () => {
    expect(kindOf({ 'sec-fetch-mode': 'navigate' }, false, 'action')).toBe('action');
    expect(kindOf({ 'sec-fetch-mode': 'navigate' }, false, 'data')).toBe('data');
  });

  it('never lets an action hint pass an API path: a Next-Action header on an API route is still a data request', () => {
    expect(kindOf({ 'sec-fetch-mode': 'cors' }, true, 'action')).toBe('data');
  });
});

describe('toRequestRecord', () => {
  it('reads a Request and copies its headers', () => {
    const request = new Request('https://app.test/a?b=1', { method: 'post', headers: { cookie: 'x=1' } });
    const record = toRequestRecord(request);
    expect(record.url.pathname).toBe('/a');
    expect(record.method).toBe('POST');
    record.headers.set('cookie', 'changed');
    expect(request.headers.get('cookie')).toBe('x=1');
  });

  it('accepts the plain object form and rejects a relative URL with a stable code', () => {
    expect(toRequestRecord({ url: 'http://h/x', method: 'GET', headers: {} }).url.host).toBe('h');
    expect(() => toRequestRecord({ url: '/x', method: 'GET', headers: {} })).toThrowError(
      expect.objectContaining({ code: 'ERR_REQUEST_INVALID' }) as LockstepError,
    );
  });
});
