/**
 * Keep-alive and expiry of idle instances: one pending check per idle instance, due when its idle
 * period reaches the spec's shortest window. The window's own length is drawn only if the idle
 * period lasts that long: drawing then rather than at every completion gives each idle period the
 * same distribution and saves a draw for every period that ends sooner, which on a busy function is
 * nearly all of them. A check left from an earlier idle period that fires early re-arms itself, so
 * most warm hits cost no queue operation at all.
 *
 * The state lives here by instance slot, a record of RECORD numbers in one Float64Array, not on the
 * Instance: a check that finds its instance busy, or its window not over, reads one cache line and
 * never touches the instance object (whose number fields are each a separate heap box). With 100 k
 * functions a check fires minutes after anything touched its instance, so each of those was a miss.
 */
import type { EventTarget, Scheduler } from '../engine/types.js';
import type { Rng } from '../util/rng.js';
import { KeepAliveDraw, type KeepAliveSpec } from './keep-alive.js';
import { LANE } from './lanes.js';

/** pending check's handle, NaN for none */
const TIMER_ID = 0;
/** when the pending check is due, NaN for none */
const TIMER_AT = 1;
/** when the current idle period began; NaN while the instance has requests in flight (or has not gone idle yet) */
const IDLE_SINCE = 2;
/** when the keep-alive window of the current idle period ends; NaN until drawn */
const EXPIRES_AT = 3;
const RECORD = 4;

export class KeepAliveTimers {
  readonly #draw: KeepAliveDraw;
  readonly #rng: Rng;
  readonly #sim: Scheduler;
  /** fired with the instance's slot when a check is due */
  readonly #onCheck: EventTarget;
  /** records by slot (see RECORD) */
  #v = new Float64Array(0);

  constructor(spec: KeepAliveSpec, rng: Rng, sim: Scheduler, onCheck: EventTarget) {
    this.#draw = new KeepAliveDraw(spec);
    this.#rng = rng;
    this.#sim = sim;
    this.#onCheck = onCheck;
  }

  /** A new instance in `slot` (a slot is reused after its instance stops): busy or starting, no check pending. */
  reset(slot: number): void {
    const r = slot * RECORD;
    if (r >= this.#v.length) {
      const v = new Float64Array(Math.max(2 * this.#v.length, 64 * RECORD, r + RECORD));
      v.set(this.#v);
      this.#v = v;
    }
    const v = this.#v;
    v[r + TIMER_ID] = NaN;
    v[r + TIMER_AT] = NaN;
    v[r + IDLE_SINCE] = NaN;
    v[r + EXPIRES_AT] = NaN;
  }

  /** The instance in `slot` went idle at `nowMs`: its keep-alive window starts. */
  arm(slot: number, nowMs: number): void {
    const minMs = this.#draw.minMs;
    if (minMs === Infinity) return;
    const v = this.#v;
    const r = slot * RECORD;
    v[r + IDLE_SINCE] = nowMs;
    v[r + EXPIRES_AT] = NaN;
    const dueMs = nowMs + minMs;
    const timerId = v[r + TIMER_ID] as number;
    if (timerId >= 0) {
      if ((v[r + TIMER_AT] as number) <= dueMs) return;
      this.#sim.cancel(timerId);
    }
    this.#armCheck(slot, dueMs);
  }

  /** The instance in `slot` took a request after being idle: no idle period runs until it is idle again. */
  busy(slot: number): void {
    this.#v[slot * RECORD + IDLE_SINCE] = NaN;
  }

  /** Whether the instance in `slot` has requests in flight (as far as keep-alive knows: since its last arm). */
  isBusy(slot: number): boolean {
    return Number.isNaN(this.#v[slot * RECORD + IDLE_SINCE] as number);
  }

  /** Whether a check is pending for the instance in `slot`. */
  hasCheck(slot: number): boolean {
    return (this.#v[slot * RECORD + TIMER_ID] as number) >= 0;
  }

  /** The check of the instance in `slot` fired: it has none pending any more. */
  fired(slot: number): void {
    const r = slot * RECORD;
    this.#v[r + TIMER_ID] = NaN;
    this.#v[r + TIMER_AT] = NaN;
  }

  /**
   * At a check of an idle instance: true when its window is over (stop it); otherwise the window's
   * length is drawn if due (from `streamOf(slot)`: the instance's function's stream; the run's without it) and a
   * check is armed for when it ends.
   */
  windowOver(slot: number, nowMs: number, streamOf?: (slot: number) => Rng): boolean {
    const v = this.#v;
    const r = slot * RECORD;
    const idleSinceMs = v[r + IDLE_SINCE] as number;
    let expiresAtMs = v[r + EXPIRES_AT] as number;
    if (Number.isNaN(expiresAtMs)) {
      // a check left from an earlier idle period: this one has not reached the shortest window yet
      const earliestMs = idleSinceMs + this.#draw.minMs;
      if (earliestMs > nowMs) {
        this.#armCheck(slot, earliestMs);
        return false;
      }
      // the stream is looked up only for a draw: most checks end before one is due
      expiresAtMs = idleSinceMs + this.#draw.draw(streamOf === undefined ? this.#rng : streamOf(slot));
      v[r + EXPIRES_AT] = expiresAtMs;
    }
    if (expiresAtMs > nowMs) {
      this.#armCheck(slot, expiresAtMs);
      return false;
    }
    return true;
  }

  /** The instance in `slot` stops: its pending check, if any, is cancelled. */
  cancel(slot: number): void {
    const r = slot * RECORD;
    const timerId = this.#v[r + TIMER_ID] as number;
    if (timerId >= 0) this.#sim.cancel(timerId);
    this.#v[r + TIMER_ID] = NaN;
  }

  #armCheck(slot: number, atMs: number): void {
    const r = slot * RECORD;
    this.#v[r + TIMER_AT] = atMs;
    this.#v[r + TIMER_ID] = this.#sim.at(atMs, LANE.expire, this.#onCheck, slot);
  }
}
