// Entry @lockstep/demo-kit/events: the event log and the panel's texts, free of Node imports (a Next app bundles them into its proxy); re-exports only.
export { describeEvent } from './describe-event.js';
export { createEventLog, type EventLog, type LoggedEvent } from './event-log.js';
export { revocationNote } from './revocation-note.js';
