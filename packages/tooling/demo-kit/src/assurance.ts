// Entry @lockstep/demo-kit/assurance: the TOTP enrolment calls the demos' MFA page needs, free of Node imports (a Next app bundles it); re-exports only.
export { factorError } from './factor-error.js';
export { enrolTotp, totpFactors, verifiedTotpFactors, verifyTotp, type AuthProject, type FactorVerification, type TotpEnrolment, type TotpFactors } from './totp-factors.js';
