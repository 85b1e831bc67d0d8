// Runs a Lua script by its SHA, loading it on NOSCRIPT, without adding commands to the caller's client.
import type { RedisClient } from './redis-store-options.js';
import type { LuaScript } from './lua-scripts.js';

/**
 * `EVALSHA`, and `EVAL` when the server does not know the script yet (first use, or after a
 * restart or `SCRIPT FLUSH`). `defineCommand` would do the same but mutates the caller's client.
 *
 * @example
 * const granted = await runScript(client, ACQUIRE_LOCK, [lockName, counterName], [ttlMs]);
 */
export async function runScript(client: Pick<RedisClient, 'evalsha' | 'eval'>, script: LuaScript, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, script.keyCount, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return client.eval(script.source, script.keyCount, ...keys, ...args);
  }
}
