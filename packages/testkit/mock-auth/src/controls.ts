// The in-process test controls: clock, settings, faults, counters, inspection and reset (not GoTrue).
import type { ControllableClock } from './clock.js';
import type { FailOptions, Fault, MockEndpoint } from './faults.js';
import { initialSettings, checkSettingsPatch, type MockAuthSettings } from './settings.js';
import { signIn, type AccessTokenResponse } from './sessions.js';
import type { MockAuthState } from './state.js';
import type { UserRecord } from './records.js';
import { issueIdToken, type IdTokenInput } from './id-token-grant.js';
import { insertUser } from './users.js';
import {
  toChallengeView,
  toOtpView,
  toSessionView,
  toTokenView,
  toUserView,
  type FactorChallengeView,
  type MockUserView,
  type OtpView,
  type RefreshTokenView,
  type SessionView,
} from './views.js';

/** Input of `controls.createUser`. */
export interface CreateUserInput {
  readonly email: string;
  readonly password?: string;
  /** @default true */
  readonly emailConfirmed?: boolean;
  readonly userMetadata?: Readonly<Record<string, unknown>>;
}

/** The clock part of the controls. */
export type ClockControls = Pick<ControllableClock, 'now' | 'advance' | 'freeze' | 'unfreeze' | 'set' | 'isFrozen'>;

/** Test-only controls of one mock instance. Users and sessions are named by id or email. */
export interface MockAuthControls {
  /** The mock's clock (epoch ms); drives JWT `iat`/`exp`, reuse windows and expiries. */
  readonly clock: ClockControls;
  /** The current runtime settings. */
  settings(): Readonly<MockAuthSettings>;
  /** Changes runtime settings (e.g. `{ reuseIntervalSeconds: 0 }`). */
  updateSettings(patch: Partial<MockAuthSettings>): void;
  /** Sets the access-token lifetime for tokens minted from now on. */
  setTokenLifetime(seconds: number): void;
  /** Sets the refresh-token reuse interval. */
  setReuseInterval(seconds: number): void;
  /** Injects `fault` on `endpoint` (`'*'` = all GoTrue endpoints), optionally for `times` calls. */
  fail(endpoint: MockEndpoint | '*', fault: Fault, options?: FailOptions): void;
  /** Removes every injected fault. */
  clearFaults(): void;
  /** Call counters of every endpoint. */
  calls(): Partial<Record<MockEndpoint, number>>;
  /** Calls to one endpoint. */
  calls(endpoint: MockEndpoint): number;
  /** Sets the counters back to zero. */
  resetCounters(): void;
  /** Creates a user (email confirmed by default). */
  createUser(input: CreateUserInput): MockUserView;
  /** Finds a user by id or email. */
  findUser(idOrEmail: string): MockUserView | undefined;
  /** Deletes a user; sessions and tokens cascade. */
  deleteUser(idOrEmail: string): boolean;
  /** Bans a user until `untilMs` (epoch ms), or lifts the ban with `null`. */
  banUser(idOrEmail: string, untilMs: number | null): void;
  /** Sessions of one user, or of everyone. */
  sessions(idOrEmail?: string): SessionView[];
  /** One session with its refresh-token family. */
  session(sessionId: string): SessionView | undefined;
  /** One refresh token (revoked, active, parent...). */
  refreshToken(token: string): RefreshTokenView | undefined;
  /** Deletes a session (its tokens cascade), like a logout elsewhere. */
  revokeSession(sessionId: string): boolean;
  /** Deletes every session of a user; returns how many. */
  signOutUser(idOrEmail: string): number;
  /** Signs a user in directly (amr `password` unless given) and returns the session body. */
  issueSession(idOrEmail: string, options?: { readonly method?: string }): Promise<AccessTokenResponse>;
  /** The latest pending code sent to an email address or (as an SMS) a phone number. */
  latestOtp(email: string): OtpView | undefined;
  /** The latest challenge of an MFA factor; for a phone factor its `code` is the SMS the mock did not send. */
  latestFactorChallenge(factorId: string): FactorChallengeView | undefined;
  /**
   * An ID token from the fake provider for `signInWithIdToken({ provider, token, nonce })`; its
   * `aud` is `mock-client-id` and it carries the SHA-256 of `nonce` when one is given.
   */
  issueIdToken(input: IdTokenInput): Promise<string>;
  /** Back to the initial state: seed users only, no sessions, faults or counts, real time, initial settings. */
  reset(): void;
}

/** Creates the controls for `state`. */
export function createControls(state: MockAuthState): MockAuthControls {
  const { store, clock, faults } = state;
  const requireUser = (idOrEmail: string): UserRecord => {
    const user = store.users.get(idOrEmail) ?? store.findUserByEmail(idOrEmail);
    if (user === undefined) throw new TypeError('mock-auth: no such user');
    return user;
  };
  const updateSettings = (patch: Partial<MockAuthSettings>): void => {
    const problem = checkSettingsPatch(patch);
    if (problem !== null) throw new TypeError(`mock-auth: ${problem}`);
    Object.assign(state.settings, patch);
  };
  const createUser = (input: CreateUserInput): MockUserView => {
    if (store.findUserByEmail(input.email) !== undefined) throw new TypeError('mock-auth: user already exists');
    const user = insertUser(
      store,
      { email: input.email, password: input.password ?? null, confirmed: input.emailConfirmed ?? true, userMetadata: input.userMetadata ?? {} },
      clock.now(),
    );
    return toUserView(user);
  };
  function calls(): Partial<Record<MockEndpoint, number>>;
  function calls(endpoint: MockEndpoint): number;
  function calls(endpoint?: MockEndpoint): number | Partial<Record<MockEndpoint, number>> {
    return endpoint === undefined ? faults.allCounts() : faults.count(endpoint);
  }
  const seed = (): void => {
    for (const user of state.options.users) {
      createUser({ email: user.email, password: user.password, userMetadata: user.userMetadata ?? {} });
    }
  };
  seed();
  return {
    clock: {
      now: () => clock.now(),
      advance: (seconds) => clock.advance(seconds),
      freeze: () => clock.freeze(),
      unfreeze: () => clock.unfreeze(),
      set: (ms) => clock.set(ms),
      isFrozen: () => clock.isFrozen(),
    },
    settings: () => Object.freeze({ ...state.settings }),
    updateSettings,
    setTokenLifetime: (seconds) => updateSettings({ tokenLifetimeSeconds: seconds }),
    setReuseInterval: (seconds) => updateSettings({ reuseIntervalSeconds: seconds }),
    fail: (endpoint, fault, options) => faults.fail(endpoint, fault, options),
    clearFaults: () => faults.clear(),
    calls,
    resetCounters: () => faults.resetCounts(),
    createUser,
    findUser(idOrEmail) {
      const user = store.users.get(idOrEmail) ?? store.findUserByEmail(idOrEmail);
      return user === undefined ? undefined : toUserView(user);
    },
    deleteUser(idOrEmail) {
      const user = store.users.get(idOrEmail) ?? store.findUserByEmail(idOrEmail);
      return user === undefined ? false : store.deleteUser(user.id);
    },
    banUser(idOrEmail, untilMs) {
      requireUser(idOrEmail).bannedUntil = untilMs;
    },
    sessions(idOrEmail) {
      const list = idOrEmail === undefined ? [...store.sessions.values()] : store.sessionsOfUser(requireUser(idOrEmail).id);
      return list.map((s) => toSessionView(store, s));
    },
    session(sessionId) {
      const session = store.sessions.get(sessionId);
      return session === undefined ? undefined : toSessionView(store, session);
    },
    refreshToken(token) {
      const record = store.refreshTokens.get(token);
      return record === undefined ? undefined : toTokenView(store, record);
    },
    revokeSession: (sessionId) => store.deleteSession(sessionId),
    signOutUser(idOrEmail) {
      const sessions = store.sessionsOfUser(requireUser(idOrEmail).id);
      for (const s of sessions) store.deleteSession(s.id);
      return sessions.length;
    },
    issueSession: (idOrEmail, options) => signIn(state, requireUser(idOrEmail), options?.method ?? 'password', clock.now()),
    latestOtp(email) {
      // An email, or a phone number with or without `+` (stored as E.164 digits).
      const wanted = email.trim().toLowerCase();
      const asPhone = wanted.replace(/^\+/, '').replaceAll(' ', '');
      const otp = store.otps.filter((o) => o.email === wanted || o.email === asPhone).at(-1);
      return otp === undefined ? undefined : toOtpView(otp, state.issuer);
    },
    latestFactorChallenge(factorId) {
      const challenge = [...store.challenges.values()].filter((c) => c.factorId === factorId).at(-1);
      return challenge === undefined ? undefined : toChallengeView(challenge);
    },
    issueIdToken: (input) => issueIdToken(state, input, clock.now()),
    reset() {
      store.clear();
      faults.clear();
      faults.resetCounts();
      clock.reset();
      Object.assign(state.settings, initialSettings(state.options));
      seed();
    },
  };
}
