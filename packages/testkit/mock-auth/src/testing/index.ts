// Entry @lockstep/mock-auth/testing: fixtures for your app's own tests (Vitest, Jest, Playwright); re-exports only.
export { cookieHeader, sessionCookies, storageKeyFor, type NameValue } from './session-cookies.js';
export { signedIn, signedInRequest, storageState, toStorageState, type SignedIn, type SignedInOptions, type StorageState } from './signed-in.js';
export { burstAtExpiry, expectOneRefresh, expireAccessTokens, injectOutage, type Burst } from './expiry-and-outages.js';
export { remoteMockAuth, type RemoteMockAuth } from './remote-mock.js';
export { authCookieWrites, storedSession, type AuthCookieWrites, type StoredSession } from './auth-set-cookies.js';
export { sessionMatchers, type MatcherResult, type SessionBefore, type SessionBody, type SessionMatchers } from './session-matchers.js';
export { mockAuthPerFile, type FileHooks } from './mock-per-file.js';
