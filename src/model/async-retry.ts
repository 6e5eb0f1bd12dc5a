/**
 * Async retries: an event that could not be placed is retried after a wait that doubles from
 * `firstDelayMs` up to `maxDelayMs`, until a retry would come later than `maxEventAgeMs` after its
 * first arrival; then it is dropped. The platform re-dispatches an event when its retry fires.
 */
import type { EventTarget, Scheduler } from '../engine/types.js';
import { LANE } from './lanes.js';
import { ParkedRequests } from './parked-requests.js';
import type { AsyncRetrySpec } from './spec.js';

export class AsyncRetries {
  /** the events waiting for their retry; `tag` is the attempt the retry will be (1 for the first) */
  readonly requests = new ParkedRequests();
  readonly #spec: AsyncRetrySpec;
  readonly #sim: Scheduler;
  /** fired with the event's id when its retry is due */
  readonly #onRetry: EventTarget;

  constructor(spec: AsyncRetrySpec, sim: Scheduler, onRetry: EventTarget) {
    this.#spec = spec;
    this.#sim = sim;
    this.#onRetry = onRetry;
  }

  /** The wait before retrying an event throttled on its `attempt`-th try (0: its first arrival). */
  delayMs(attempt: number): number {
    const r = this.#spec;
    return Math.min(r.firstDelayMs * 2 ** attempt, r.maxDelayMs);
  }

  /**
   * Parks an event throttled at `nowMs` and schedules its retry; false, parking nothing, when the
   * retry would make it older than its maximum age (the caller drops it).
   */
  schedule(
    nowMs: number,
    fn: number,
    flags: number,
    arrivalMs: number,
    runMs: number,
    initMs: number,
    memoryUsedMb: number,
    cpuMs: number,
    attempt: number,
    responseBytes = NaN,
  ): boolean {
    const delay = this.delayMs(attempt);
    if (nowMs + delay - arrivalMs > this.#spec.maxEventAgeMs) return false;
    const id = this.requests.park(
      fn,
      flags,
      arrivalMs,
      runMs,
      initMs,
      memoryUsedMb,
      cpuMs,
      attempt + 1,
      responseBytes,
    );
    this.#sim.at(nowMs + delay, LANE.retry, this.#onRetry, id);
    return true;
  }
}
