// The app's Lockstep events, as the suite sees them: each app posts its `onEvent` events to a loopback
// sink, so an app in another process (and an Edge middleware) reports exactly as an in-process one.
import type { EventHandler, LockstepEvent } from '@lockstep/core';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The JSON field of `PortableSetup` that carries the sink's URL to an app in another process. */
export const EVENT_SINK_OPTION = 'eventSink';

/** A loopback server that collects the events apps post to `url`. */
export interface EventSink {
  readonly url: string;
  /** The events received so far, in arrival order. */
  events(): readonly LockstepEvent[];
  /** Resolves with the events once `ready` holds of them; fails after `timeoutMs` (below the test timeout, so the failure names `what` and lists the events). */
  waitFor(ready: (events: readonly LockstepEvent[]) => boolean, what: string, timeoutMs?: number): Promise<readonly LockstepEvent[]>;
  close(): Promise<void>;
}

/**
 * An `onEvent` hook that posts each event, as JSON, to the sink. Fire and forget: a lost post fails
 * the scenario waiting for it, never the request.
 *
 * @example
 * const onEvent = postingEvents(options.eventSink); // in an app started with portable options
 */
export function postingEvents(url: string): EventHandler {
  return (event) => {
    void fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) }).then(
      (response) => response.body?.cancel(),
      () => undefined,
    );
  };
}

/** Starts a sink on 127.0.0.1, port 0. */
export async function startEventSink(): Promise<EventSink> {
  const received: LockstepEvent[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as LockstepEvent);
      } catch {
        // Not an event: ignored (the scenario then misses what it waits for, and says so).
      }
      res.writeHead(204).end();
      waiters.forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/events`,
    events: () => [...received],
    waitFor(ready, what, timeoutMs = 4_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!ready(received)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve([...received]);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`contract suite: no ${what} within ${String(timeoutMs)} ms; events: ${received.map((event) => `${event.type} (${event.requestId ?? 'no id'})`).join(', ') || 'none'}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `setup`'s part of `AppOverrides.eventSink`: the `onEvent` hook that posts to it. */
export function sinkHook(overrides: { readonly eventSink?: string }): { onEvent?: EventHandler } {
  return overrides.eventSink === undefined ? {} : { onEvent: postingEvents(overrides.eventSink) };
}

/** `portableSetup`'s part: the URL as the `eventSink` JSON field. */
export function sinkField(overrides: { readonly eventSink?: string }): { eventSink?: string } {
  return overrides.eventSink === undefined ? {} : { [EVENT_SINK_OPTION]: overrides.eventSink };
}
