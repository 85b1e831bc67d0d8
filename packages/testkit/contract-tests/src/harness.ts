// The adapter harness: how the contract suite starts an app built on one adapter and talks to it.
import type { LockstepEffects } from '@lockstep/core';
import type { LockstepSetup } from '@lockstep/supabase';
import type { PortableSetup } from './backends/contract-backend.js';
import type { ContractBackendName } from './backends/index.js';

/**
 * What an adapter declares about itself. The suite skips a scenario only because a capability is
 * absent, never because of the adapter's name (STYLE §22).
 */
export interface AdapterCapabilities {
  /**
   * Status of the response the framework builds when the `/own/throw` handler throws its native
   * error type (Hono: `HTTPException`), or `null` when the framework has no such mechanism.
   */
  readonly thrownErrorStatus: number | null;
  /**
   * React Router (framework mode) only: the fixture's UI routes (`/`, `/login`, `/dashboard`,
   * `/dashboard/*`) also answer single-fetch `.data` requests; runs `scenarios/react-router-internals.ts` (C23).
   */
  readonly reactRouterSingleFetch?: boolean;
  /**
   * Next.js only: the fixture also serves the routes of `scenarios/next-internals.ts` (RSC and
   * prefetch requests, a Server Action with its own guard, a page guarded only on the server); C23.
   */
  readonly nextInternals?: boolean;
  /**
   * The framework itself answers some non-canonical paths (e.g. Next.js: `//dashboard`) with a
   * `308` to their canonical form before any middleware runs. The path scenarios then follow that
   * one redirect and require the protection on the canonical path; they never accept the page.
   */
  readonly canonicalRedirects?: boolean;
  /**
   * The fixture serves GET `/own/cache-control`: `200` text with the handler's own
   * `Cache-Control: public, max-age=600, s-maxage=600` and `Vary: Accept-Encoding` (C18).
   */
  readonly ownCacheControlRoute?: boolean;
  /**
   * The exact `Cache-Control` the framework itself writes on every Server Action response after
   * the adapter ran, where no adapter can change it (Next.js: `no-cache, no-store, max-age=0,
   * must-revalidate`, without `private`). It must contain `no-store`; the C18 invariant then
   * accepts it on Server Action responses only, and the C18 Server Action scenarios require it.
   * Absent: Server Action responses meet the full invariant (`private, no-store`).
   */
  readonly serverActionCacheControl?: string;
  /**
   * The fixture app is built in this process from `HarnessContext.lockstepOptions` as given, so an
   * object in them (a `revocation.store`) is the app's own: the revocation scenarios run
   * (`scenarios/revocation.ts`; they revoke on an instance sharing that store). An app in another
   * process gets JSON options, which cannot carry a store.
   */
  readonly inProcessOptions?: boolean;
}

/** What the suite hands the harness when it needs an app. */
export interface HarnessContext {
  /** The backend the app runs against (`supabase`, `token-backend`): listening on a loopback port, its clock frozen. */
  readonly backend: ContractBackendName;
  /**
   * What the fixture app passes to its adapter's `lockstep(…)`: the route table of the contract (see
   * README) plus per-scenario overrides, pointed at the backend — `{ supabaseUrl, supabaseKey, … }`
   * or `{ provider, … }`.
   */
  readonly lockstepOptions: LockstepSetup;
  /**
   * The same setup as plain JSON, for an app in another process: Supabase's options as they are, or
   * the engine options plus `tokenBackend` (the options of `createTokenBackendProvider`), which the
   * app turns into `{ provider: createTokenBackendProvider(tokenBackend), … }`.
   */
  readonly portableOptions: PortableSetup;
  /**
   * In-process apps pass these to Lockstep: `fetch` is the backend's in-process fetch, `now` reads
   * its clock. An out-of-process app cannot: it reaches the backend over HTTP and must implement
   * `RunningApp.setClock`.
   */
  readonly effects: Required<Pick<LockstepEffects, 'fetch' | 'now'>>;
}

/** A running fixture app. The suite only ever talks to it through `fetch`. */
export interface RunningApp {
  /** The origin requests are addressed to (e.g. `http://app.test` in-process, `http://127.0.0.1:3000` over HTTP). */
  readonly origin: string;
  /**
   * Answers one request exactly as the app would: redirects are returned, not followed
   * (`redirect: 'manual'` over HTTP); `Set-Cookie` headers must stay separate (`getSetCookie()`).
   */
  fetch(request: Request): Promise<Response>;
  /**
   * Makes the app's Lockstep clock read `epochMs` (the backend's frozen time). Required when the app
   * does not use `HarnessContext.effects.now`; the suite calls it after every clock change.
   */
  setClock?(epochMs: number): Promise<void>;
  close(): Promise<void>;
}

/** One adapter under test. */
export interface AdapterHarness {
  /** Shown in the suite's name only. */
  readonly name: string;
  readonly capabilities: AdapterCapabilities;
  /** The backends this harness runs against. @default every contract backend */
  readonly backends?: readonly ContractBackendName[];
  /** Builds and starts the fixture app (see README for its routes) against the backend. */
  start(context: HarnessContext): Promise<RunningApp>;
}
