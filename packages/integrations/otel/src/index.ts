// Public entry of @lockstep/otel.
export { lockstepTelemetry, type LockstepTelemetry, type LockstepTelemetryOptions } from './lockstep-telemetry.js';
export { ATTR as LOCKSTEP_ATTRIBUTES, METRIC as LOCKSTEP_METRICS, SPAN as LOCKSTEP_SPANS } from './attribute-names.js';
