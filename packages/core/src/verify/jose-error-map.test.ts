import { errors } from 'jose';
import { describe, expect, it } from 'vitest';
import { fromVerifyError, KeyResolutionError } from './jose-error-map.js';
import { JwksUnavailableError } from './jwks-fetch.js';

const claimFailure = (claim: string): errors.JWTClaimValidationFailed =>
  new errors.JWTClaimValidationFailed('failed', {}, claim, 'check_failed');

describe('fromVerifyError', () => {
  it.each([
    ['JWTExpired', new errors.JWTExpired('expired', {}, 'exp', 'check_failed'), { kind: 'invalid', reason: 'expired' }],
    ['claim iss', claimFailure('iss'), { kind: 'invalid', reason: 'issuer' }],
    ['claim aud', claimFailure('aud'), { kind: 'invalid', reason: 'audience' }],
    ['claim exp (missing)', claimFailure('exp'), { kind: 'invalid', reason: 'claims' }],
    ['claim sub', claimFailure('sub'), { kind: 'invalid', reason: 'claims' }],
    ['claim nbf', claimFailure('nbf'), { kind: 'invalid', reason: 'claims' }],
    ['JWSSignatureVerificationFailed', new errors.JWSSignatureVerificationFailed(), { kind: 'invalid', reason: 'signature' }],
    ['JOSEAlgNotAllowed', new errors.JOSEAlgNotAllowed('no'), { kind: 'invalid', reason: 'algorithm' }],
    ['JWSInvalid', new errors.JWSInvalid('bad'), { kind: 'invalid', reason: 'malformed' }],
    ['JWTInvalid', new errors.JWTInvalid('bad'), { kind: 'invalid', reason: 'malformed' }],
    ['TypeError from decoding', new TypeError('Invalid Token or Protected Header formatting'), { kind: 'invalid', reason: 'malformed' }],
    ['anything else', new Error('surprise'), { kind: 'invalid', reason: 'malformed' }],
    ['a thrown non-error', 'string', { kind: 'invalid', reason: 'malformed' }],
  ])('maps %s', (_name, error, expected) => {
    expect(fromVerifyError(error)).toEqual(expected);
  });

  it.each([
    ['JWKSNoMatchingKey', new errors.JWKSNoMatchingKey(), { kind: 'unverifiable' }],
    ['JWKSMultipleMatchingKeys', new errors.JWKSMultipleMatchingKeys(), { kind: 'unverifiable' }],
    ['JWKSTimeout', new errors.JWKSTimeout(), { kind: 'unavailable', cause: 'timeout' }],
    ['JOSENotSupported', new errors.JOSENotSupported('alg'), { kind: 'invalid', reason: 'algorithm' }],
    ['JWKSInvalid', new errors.JWKSInvalid('malformed'), { kind: 'unavailable', cause: 'protocol' }],
    ['JWKInvalid', new errors.JWKInvalid('bad key'), { kind: 'unavailable', cause: 'protocol' }],
    ['generic JOSEError (non-200)', new errors.JOSEError('Expected 200 OK'), { kind: 'unavailable', cause: 'protocol' }],
    ['our network failure', new JwksUnavailableError('network'), { kind: 'unavailable', cause: 'network' }],
    ['our 429', new JwksUnavailableError('rate_limited', 429), { kind: 'unavailable', cause: 'rate_limited' }],
    ['our 500', new JwksUnavailableError('server_error', 500), { kind: 'unavailable', cause: 'server_error' }],
  ])('maps %s from the key resolver', (_name, error, expected) => {
    expect(fromVerifyError(new KeyResolutionError(error))).toEqual(expected);
  });
});
