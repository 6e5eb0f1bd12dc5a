/**
 * Billable active periods of instances: from when an instance becomes busy (or, optionally, from
 * when its INIT ends) until it has no request in flight, each period rounded as a provider bills it.
 * Concurrent requests on one instance share its period: the union of their in-flight intervals.
 *
 * A request that starts on an instance while it is still inside the billed window of its previous
 * period (from the period's start to its end raised to the minimum and rounded up) continues that
 * period: the instance is already paid for that time, and the providers meter the instance, not the
 * execution (docs/providers.md). Closing the period at each idle would charge the minimum (Flex's
 * 1 s) or a rounding step (Cloud Run's 100 ms) again for every request inside one window, billing
 * more instance time than passes. Back to back (a start at the very instant the previous request
 * ended: the engine reports idle, then busy, at one timestamp) is the special case of this. A start
 * past the window opens a new period. So billed windows never overlap, and an instance bills at most
 * its busy time plus max(minimum, step) per period.
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
  /** end of the billed window of the instance's last period (NaN before its first idle) */
  readonly #windowEnd = new SerialColumn(NaN);
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
    // inside the window already billed (back to back included): the period goes on; NaN compares false
    if (timeMs <= this.#windowEnd.get(serial)) return;
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
    // never before the idle instant, which billedMs's float guard could undercut by 1e-9 of a step
    this.#windowEnd.set(serial, Math.max(timeMs, from + total));
    return added;
  }
}
