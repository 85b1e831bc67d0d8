// The metric instruments, created once per telemetry instance.
import type { Counter, Histogram, Meter } from '@opentelemetry/api';
import { METRIC } from './attribute-names.js';

export interface Instruments {
  readonly decisions: Counter;
  readonly guardDecisions: Counter;
  readonly refreshes: Counter;
  readonly authDuration: Histogram;
  readonly unavailable: Counter;
  readonly storeFailures: Counter;
  readonly revocationStoreFailures: Counter;
}

export function createInstruments(meter: Meter): Instruments {
  return {
    decisions: meter.createCounter(METRIC.decisions, { description: 'Middleware decisions, by outcome, reason and route access.' }),
    guardDecisions: meter.createCounter(METRIC.guardDecisions, { description: 'Server guard decisions, by allowed and reason.' }),
    refreshes: meter.createCounter(METRIC.refreshes, { description: 'Sessions renewed, by how: upstream (this instance called the auth server), joined, or replayed (a spent token answered with its successor).' }),
    authDuration: meter.createHistogram(METRIC.authDuration, { unit: 's', description: 'Duration of auth-server calls, by operation and result.' }),
    unavailable: meter.createCounter(METRIC.unavailable, { description: 'Auth-server calls without a usable answer, by operation and cause.' }),
    storeFailures: meter.createCounter(METRIC.storeFailures, { description: 'Failures of the shared refresh store (coordination fell back to this process).' }),
    revocationStoreFailures: meter.createCounter(METRIC.revocationStoreFailures, { description: 'Times the revocation store fell out of date, by the policy that then applied (open: local view; closed: the auth server decides).' }),
  };
}
