// Resolves the `debug` option: on only when asked, and never in a production build unless forced.
import { LockstepError } from '../errors.js';
import { emit, type EventHandler } from '../events.js';

/**
 * `true` turns debug mode on outside production; `{ allowInProduction: true }` everywhere. In
 * production a plain `true` is ignored (with a `config.warning`) rather than refused: a flag left on
 * must not take a deployment down, and must not expose decisions either.
 */
export function resolveDebug(value: unknown, onEvent: EventHandler | undefined, nodeEnv: string | undefined = readNodeEnv()): boolean {
  if (value === undefined || value === false) return false;
  if (typeof value === 'object' && value !== null && (value as { allowInProduction?: unknown }).allowInProduction === true && Object.keys(value).length === 1) return true;
  if (value !== true) throw new LockstepError('ERR_CONFIG_INVALID', 'debug must be true, false or { allowInProduction: true }.');
  if (nodeEnv !== 'production') return true;
  emit(onEvent, { type: 'config.warning', code: 'debug_ignored_in_production' });
  return false;
}

/** `process.env.NODE_ENV` where the runtime has it (Node, bundlers that inline it); the core imports nothing from Node. */
function readNodeEnv(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.NODE_ENV;
}
