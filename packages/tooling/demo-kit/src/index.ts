// Public entry of @lockstep/demo-kit: re-exports only. The stylesheet (./styles), the route table (./routes), the event log
// (./events), the MFA page's server parts (./assurance) and the e2e helpers (./testing) are also entries of their own.
export { startAuthBackend, type AuthBackend, type Clock, type DemoUser } from './auth-backend.js';
export { createDemoInstance, type DemoInstance } from './create-instance.js';
export { DEMO_DEFAULTS, type DemoOptions, type EmbeddedMockOptions, type SupabaseTarget } from './demo-options.js';
export { DEMO_APP_ROUTES, DEMO_REQUIREMENT_PAGES } from './demo-routes.js';
export { enrolTotp, totpFactors, verifiedTotpFactors, verifyTotp, type AuthProject, type FactorVerification, type TotpEnrolment, type TotpFactors } from './totp-factors.js';
export { describeEvent } from './describe-event.js';
export { createEventLog, type EventLog, type LoggedEvent } from './event-log.js';
export { launchDemo, type DemoDeps, type DemoListen, type RunningDemo } from './launch-demo.js';
export { readEnv, type ReadEnvOptions } from './read-env.js';
export { revocationNote } from './revocation-note.js';
export { SECURITY_PAGE_SCRIPT } from './security-script.js';
export { originFormTarget, refuseConnect, refuseTarget, requestUrl } from './request-target.js';
export { demoBanner, runDemoCli } from './run-cli.js';
