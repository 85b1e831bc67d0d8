// The attribute and instrument names this package writes: one place, so the docs and the tests agree.

export const ATTR = {
  requestId: 'lockstep.request_id',
  rule: 'lockstep.rule',
  access: 'lockstep.access',
  verifyMode: 'lockstep.verify_mode',
  cached: 'lockstep.cached',
  session: 'lockstep.session',
  outcome: 'lockstep.outcome',
  reason: 'lockstep.reason',
  allowed: 'lockstep.allowed',
  via: 'lockstep.refresh.via',
  operation: 'lockstep.auth.operation',
  result: 'lockstep.auth.result',
  cause: 'lockstep.auth.cause',
  detail: 'lockstep.auth.detail',
  storeCode: 'lockstep.store.code',
  storePolicy: 'lockstep.revocation.policy',
  httpStatus: 'http.response.status_code',
} as const;

export const SPAN = {
  handle: 'lockstep.handle',
  guard: 'lockstep.guard',
  /** `lockstep.auth.refresh`, `lockstep.auth.user`, `lockstep.auth.jwks`, `lockstep.auth.logout`. */
  authCall: (operation: string) => `lockstep.auth.${operation}`,
} as const;

export const METRIC = {
  decisions: 'lockstep.decisions',
  guardDecisions: 'lockstep.guard.decisions',
  refreshes: 'lockstep.session.refreshes',
  authDuration: 'lockstep.auth.duration',
  unavailable: 'lockstep.auth.unavailable',
  storeFailures: 'lockstep.refresh_store.failures',
  revocationStoreFailures: 'lockstep.revocation_store.failures',
} as const;
