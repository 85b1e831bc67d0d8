// Serializes MFA factor rows into GoTrue's JSON shape (`models.Factor`).
import { toTimestamp } from './ids.js';
import type { FactorRecord } from './records.js';

/** The factor object of `GET /user`'s `factors` and the admin factor endpoints. */
export function toFactorJson(factor: FactorRecord): Record<string, unknown> {
  return {
    id: factor.id,
    created_at: toTimestamp(factor.createdAt),
    updated_at: toTimestamp(factor.updatedAt),
    status: factor.status,
    ...(factor.friendlyName === '' ? {} : { friendly_name: factor.friendlyName }),
    factor_type: factor.factorType,
    phone: factor.phone === '' ? null : factor.phone,
    last_challenged_at: factor.lastChallengedAt === null ? null : toTimestamp(factor.lastChallengedAt),
  };
}
