/**
 * Billable active periods of instances: from when an instance becomes busy (or, optionally, from
 * when its INIT ends) until it has no request in flight, each period rounded as a provider bills it.
 * Concurrent requests on one instance share its period: the union of their in-flight intervals.
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

  constructor(rule: PeriodRule) {
    this.#rule = rule;
  }

  /** An instance was created at `timeMs`; it is ready after `initMs`. */
  start(serial: number, timeMs: number, initMs: number): void {
    this.#readyAt.set(serial, timeMs + initMs);
  }

  busy(serial: number, timeMs: number): void {
    this.#busyFrom.set(serial, timeMs);
  }

  /** The instance went idle at `timeMs`: the billed length of the period that ends (ms). */
  idle(serial: number, timeMs: number): number {
    let from = this.#busyFrom.get(serial);
    if (this.#rule.fromReady) {
      const ready = this.#readyAt.get(serial);
      if (!Number.isNaN(ready) && ready > from) from = ready;
    }
    return billedMs(Math.max(0, timeMs - from), this.#rule.minMs, this.#rule.stepMs);
  }
}
