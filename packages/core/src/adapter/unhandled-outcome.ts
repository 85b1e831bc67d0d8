// The default branch of an adapter's exhaustive switch over outcomes.
/**
 * Throws for an outcome kind the adapter does not know (a core newer than the adapter). The message
 * names only the tag: an outcome carries cookie values, which never go into a message.
 *
 * @example
 * default: return unhandledOutcome(outcome);
 */
export function unhandledOutcome(value: never): never {
  throw new TypeError(`Unhandled Lockstep outcome kind: ${String((value as { kind?: unknown } | null)?.kind)}`);
}
