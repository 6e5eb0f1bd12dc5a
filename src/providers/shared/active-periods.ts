/**
 * Billable active periods of instances: from when an instance becomes busy (or, optionally, from
 * when its INIT ends) until it has no request in flight, each period rounded as a provider bills it.
 * Concurrent requests on one instance share its period: the union of their in-flight intervals.
 *
 * A request that starts on an instance at the very instant the previous one ended continues the
 * period: the instance never stopped executing. The engine processes a completion before an arrival
 * at the same time, so the instance reports idle and then busy again at one timestamp; closing the
 * period there would charge the minimum again for every back-to-back request (Flex's 1 s).
 * Because idle() must answer when the instance goes idle, a period that resumes is billed
 * incrementally: each idle() returns the billed length of the period so far less what earlier
 * idle() calls of the same period already returned, so the sum is the whole period rounded once.
 */
import { billedMs } from './rounding.js';
import { SerialColumn } from './serial-column.js';

export interface PeriodRule {
  /** a period is billed at least this long */
  minMs: number;
  /** then rounded up to a multiple of this */
  stepMs: number;
  /** true: the period starts when the instance is ready (INIT excluded); false: when it becomes busy */
  fromReady: boolean;
}

export class ActivePeriods {
  readonly #rule: PeriodRule;
  readonly #readyAt = new SerialColumn(NaN);
  readonly #busyFrom = new SerialColumn(NaN);
  /** when the instance last went idle (NaN while busy or never idle) */
  readonly #idleAt = new SerialColumn(NaN);
  /** billed ms already returned for the period in progress */
  readonly #billedSoFar = new SerialColumn(0);

  constructor(rule: PeriodRule) {
    this.#rule = rule;
  }

  /** An instance was created at `timeMs`; it is ready after `initMs`. */
  start(serial: number, timeMs: number, initMs: number): void {
    this.#readyAt.set(serial, timeMs + initMs);
  }

  busy(serial: number, timeMs: number): void {
    if (this.#idleAt.get(serial) === timeMs) return; // back to back: the period goes on
    this.#busyFrom.set(serial, timeMs);
    this.#billedSoFar.set(serial, 0);
  }

  /** The instance went idle at `timeMs`: the billed ms this adds to its period (see above). */
  idle(serial: number, timeMs: number): number {
    let from = this.#busyFrom.get(serial);
    if (this.#rule.fromReady) {
      const ready = this.#readyAt.get(serial);
      if (!Number.isNaN(ready) && ready > from) from = ready;
    }
    const total = billedMs(Math.max(0, timeMs - from), this.#rule.minMs, this.#rule.stepMs);
    const added = total - this.#billedSoFar.get(serial);
    this.#billedSoFar.set(serial, total);
    this.#idleAt.set(serial, timeMs);
    return added;
  }
}
