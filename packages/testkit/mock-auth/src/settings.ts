// Runtime settings that tests may change while the mock runs (token lifetime, reuse interval...).
import type { ResolvedOptions } from './options.js';

/** Settings read on every request; changed through the controls. */
export interface MockAuthSettings {
  tokenLifetimeSeconds: number;
  reuseIntervalSeconds: number;
  refreshTokenRotation: boolean;
  autoconfirm: boolean;
  requireApiKey: boolean;
  sessionTimeboxSeconds: number | null;
  inactivityTimeoutSeconds: number | null;
  disableSignup: boolean;
  anonymousSignIns: boolean;
  secureEmailChange: boolean;
  passwordChangeRequiresReauthentication: boolean;
  manualLinking: boolean;
  phoneEnabled: boolean;
  phoneAutoconfirm: boolean;
  mfaTotpEnabled: boolean;
  mfaPhoneEnabled: boolean;
  mfaMaxEnrolledFactors: number;
  mfaMaxVerifiedFactors: number;
}

/** The initial settings, from the resolved options. */
export function initialSettings(options: ResolvedOptions): MockAuthSettings {
  return {
    tokenLifetimeSeconds: options.tokenLifetimeSeconds,
    reuseIntervalSeconds: options.reuseIntervalSeconds,
    refreshTokenRotation: options.refreshTokenRotation,
    autoconfirm: options.autoconfirm,
    requireApiKey: options.requireApiKey,
    sessionTimeboxSeconds: options.sessionTimeboxSeconds,
    inactivityTimeoutSeconds: options.inactivityTimeoutSeconds,
    disableSignup: options.disableSignup,
    anonymousSignIns: options.anonymousSignIns,
    secureEmailChange: options.secureEmailChange,
    passwordChangeRequiresReauthentication: options.passwordChangeRequiresReauthentication,
    manualLinking: options.manualLinking,
    phoneEnabled: options.phoneEnabled,
    phoneAutoconfirm: options.phoneAutoconfirm,
    mfaTotpEnabled: options.mfaTotpEnabled,
    mfaPhoneEnabled: options.mfaPhoneEnabled,
    mfaMaxEnrolledFactors: options.mfaMaxEnrolledFactors,
    mfaMaxVerifiedFactors: options.mfaMaxVerifiedFactors,
  };
}

/** Validates a partial settings update; returns an error message or `null`. */
export function checkSettingsPatch(patch: Partial<MockAuthSettings>): string | null {
  if (patch.tokenLifetimeSeconds !== undefined && !(patch.tokenLifetimeSeconds > 0)) return 'tokenLifetimeSeconds must be > 0';
  if (patch.reuseIntervalSeconds !== undefined && !(patch.reuseIntervalSeconds >= 0)) return 'reuseIntervalSeconds must be >= 0';
  for (const key of ['mfaMaxEnrolledFactors', 'mfaMaxVerifiedFactors'] as const) {
    const value = patch[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) return `${key} must be an integer >= 1`;
  }
  return null;
}
