// Entry @lockstep/demo-kit/assurance: what the demos' MFA page needs on the server, free of Node imports (a Next app bundles it); re-exports only.
export { captureProvider, type IssuedSessions } from './issued-session.js';
export { enrolTotp, totpFactors, verifiedTotpFactors, verifyTotp, type AuthProject, type FactorVerification, type TotpEnrolment, type TotpFactors } from './totp-factors.js';
