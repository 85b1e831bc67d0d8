// A ceiling on an awaited event: fails the test with a clear message instead of hanging it.

/**
 * Settles as `event` does, or rejects once `ceilingMs` passed without it. The ceiling only turns a
 * missing event into a readable failure: it is generous, never a guess at how long things take.
 *
 * @example
 * await within(waiting, 5000, 'the release to wake the waiter');
 */
export function within<T>(event: Promise<T>, ceilingMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ceiling = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`waited ${ceilingMs} ms for ${what}`)), ceilingMs);
  });
  return Promise.race([event, ceiling]).finally(() => clearTimeout(timer));
}
