// The `Lockstep-Debug` response header (debug mode): a request's decision in one line, no secrets.
import type { RequestDecision } from '../events.js';
import type { HeaderEntry } from '../outcome.js';

export const DEBUG_HEADER = 'Lockstep-Debug';

/**
 * `rule="rules[1] /admin/**"; access=protected; verify=user; session=refreshed; outcome=continue; reason=authenticated; request=…`.
 * Everything in it is configuration or a stable code; the rule label is quoted and cut to printable
 * ASCII, as a header value must be.
 *
 * @example
 * formatDebugText(decision, requestId); // 'rule="rules[0] /" ; access=public; …'
 */
export function formatDebugText(decision: RequestDecision, requestId: string): string {
  const parts = [
    `rule=${quoted(decision.rule)}`,
    `access=${decision.access}`,
    `verify=${decision.verify}`,
    `session=${decision.session}`,
    `outcome=${decision.outcome}${decision.status === 0 ? '' : ` ${String(decision.status)}`}`,
    `reason=${decision.reason}`,
    `request=${requestId}`,
  ];
  return parts.join('; ');
}

export function debugHeader(decision: RequestDecision, requestId: string): HeaderEntry {
  return [DEBUG_HEADER, formatDebugText(decision, requestId)];
}

function quoted(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, (char) => `\\${char}`);
  return `"${printable.length > 200 ? `${printable.slice(0, 199)}~` : printable}"`;
}
