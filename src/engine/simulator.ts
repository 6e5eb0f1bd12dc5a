/**
 * The discrete-event kernel: a clock and an event queue ordered by (time, lane, sequence).
 * It knows nothing but time. Whatever happens at an event is the target's business.
 */
import { EventQueue } from './event-queue.js';
import type { EventTarget, Scheduler, TimerId } from './types.js';

export class Simulator implements Scheduler {
  #nowMs: number;
  readonly #queue = new EventQueue();
  #fired = 0;
  readonly #setNow = (timeMs: number): void => {
    this.#nowMs = timeMs;
  };

  constructor(startMs = 0) {
    if (!Number.isFinite(startMs)) throw new RangeError(`start time must be finite, got ${startMs}`);
    this.#nowMs = startMs;
  }

  get nowMs(): number {
    return this.#nowMs;
  }

  /** Events fired so far. */
  get firedCount(): number {
    return this.#fired;
  }

  /** Events waiting to fire (not cancelled). */
  get pendingCount(): number {
    return this.#queue.liveCount;
  }

  at(timeMs: number, lane: number, target: EventTarget, arg: number): TimerId {
    this.#check(timeMs, lane);
    return this.#queue.push(timeMs, lane, target, arg);
  }

  post(timeMs: number, lane: number, target: EventTarget, arg: number): void {
    this.#check(timeMs, lane);
    this.#queue.post(timeMs, lane, target, arg);
  }

  #check(timeMs: number, lane: number): void {
    // NaN fails both comparisons, so test for it explicitly.
    if (!(timeMs >= this.#nowMs) || timeMs === Infinity) {
      throw new RangeError(`cannot schedule an event at ${timeMs} ms: the clock reads ${this.#nowMs} ms`);
    }
    if (!Number.isInteger(lane) || lane < 0 || lane > 254)
      throw new RangeError(`lane must be an integer 0..254, got ${lane}`);
  }

  cancel(id: TimerId): void {
    this.#queue.cancel(id);
  }

  /**
   * Fires every event that sorts before an external event at (`timeMs`, `lane`): all events earlier
   * than `timeMs`, and those at `timeMs` in a lower lane. The clock then reads `timeMs`.
   * External events (trace arrivals) are fed this way instead of through the queue, so a trace of
   * any length never sits in the heap.
   */
  advanceBefore(timeMs: number, lane: number): void {
    if (!(timeMs >= this.#nowMs)) {
      throw new RangeError(`cannot advance to ${timeMs} ms: the clock already reads ${this.#nowMs} ms`);
    }
    const queue = this.#queue;
    for (;;) {
      const target = queue.popBefore(timeMs, lane);
      if (target === null) break;
      const t = queue.poppedTimeMs;
      this.#nowMs = t;
      this.#fired++;
      target.fire(queue.poppedArg, t);
    }
    this.#nowMs = timeMs;
  }

  /** Fires events up to and including `untilMs` (all of them by default). */
  run(untilMs = Infinity): void {
    const queue = this.#queue;
    for (;;) {
      // lane Infinity: every event at untilMs too
      const target = queue.popBefore(untilMs, Infinity);
      if (target === null) break;
      const t = queue.poppedTimeMs;
      this.#nowMs = t;
      this.#fired++;
      target.fire(queue.poppedArg, t);
    }
    if (untilMs !== Infinity && untilMs > this.#nowMs) this.#nowMs = untilMs;
  }

  /** Fires the next event; false if there is none. */
  step(): boolean {
    const fired = this.#queue.popAndFire(this.#setNow);
    if (fired) this.#fired++;
    return fired;
  }
}
