// What an app process prints on stdout (one JSON line per event) and answers to a request.

/** A line on an app process's stdout. */
export type ProcessEvent =
  | { readonly event: 'listening'; readonly pid: number; readonly port: number }
  /** Printed just before the process calls the auth server's refresh grant. */
  | { readonly event: 'upstream-refresh'; readonly pid: number }
  /** The Redis store gave up on a command (the coordinator fell back in-process). */
  | { readonly event: 'store-error'; readonly pid: number; readonly code: string; readonly operation: string }
  /** Printed just before the process asks the auth server for the user (a `user`-mode check). */
  | { readonly event: 'upstream-user'; readonly pid: number }
  /** The revocation store's status changed (`revocation.store_unavailable` / `revocation.store_available`). */
  | { readonly event: 'revocation-status'; readonly pid: number; readonly status: 'unavailable' | 'available' };

/** An app process's answer: which process answered, and digests of the session it saw (never the tokens). */
export interface AppReply {
  readonly pid: number;
  readonly authenticated: boolean;
  readonly refreshed: boolean;
  /** Digest of the access and refresh tokens. */
  readonly session: string;
  /** Digest of the refresh token alone. */
  readonly refreshToken: string;
  /** The `Cookie` header the app passes downstream: the (possibly refreshed) session, for the next request. */
  readonly cookie: string;
}
