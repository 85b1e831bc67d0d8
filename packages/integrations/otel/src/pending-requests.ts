// What a request's events left for its span: the auth-server calls and the marks seen before its decision event.
import type { Attributes } from '@opentelemetry/api';
import type { LockstepEvent } from '@lockstep/core';

/** An auth-server call, with its end time as the event arrived (it is emitted when the call returns). */
export interface PendingCall {
  readonly event: Extract<LockstepEvent, { type: 'auth.call' }>;
  readonly endedAt: number;
  cause?: string;
  detail?: string;
}

export interface SpanMark {
  readonly name: string;
  readonly attributes: Attributes;
  readonly at: number;
}

export interface PendingRequest {
  readonly calls: PendingCall[];
  readonly marks: SpanMark[];
}

/**
 * Requests in flight by id, oldest first. Bounded: a request whose decision never comes (an app
 * that drops it mid-way) is forgotten once `capacity` newer ones are pending, so memory stays flat.
 */
export class PendingRequests {
  readonly #byId = new Map<string, PendingRequest>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get(requestId: string): PendingRequest {
    let pending = this.#byId.get(requestId);
    if (pending === undefined) {
      pending = { calls: [], marks: [] };
      this.#byId.set(requestId, pending);
      if (this.#byId.size > this.#capacity) {
        const oldest = this.#byId.keys().next().value;
        if (oldest !== undefined) this.#byId.delete(oldest);
      }
    }
    return pending;
  }

  /** Removes and returns what the request left (an empty record when nothing did). */
  take(requestId: string): PendingRequest {
    const pending = this.#byId.get(requestId) ?? { calls: [], marks: [] };
    this.#byId.delete(requestId);
    return pending;
  }

  get size(): number {
    return this.#byId.size;
  }
}
