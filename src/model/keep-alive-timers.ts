/**
 * Keep-alive and expiry of idle instances: one pending check per idle instance, due when its idle
 * period reaches the spec's shortest window. The window's own length is drawn only if the idle
 * period lasts that long: drawing then rather than at every completion gives each idle period the
 * same distribution and saves a draw for every period that ends sooner, which on a busy function is
 * nearly all of them. A check left from an earlier idle period that fires early re-arms itself, so
 * most warm hits cost no queue operation at all.
 */
import type { EventTarget, Scheduler } from '../engine/types.js';
import type { Rng } from '../util/rng.js';
import type { Instance } from './instance.js';
import { KeepAliveDraw, type KeepAliveSpec } from './keep-alive.js';
import { LANE } from './lanes.js';

export class KeepAliveTimers {
  readonly #draw: KeepAliveDraw;
  readonly #rng: Rng;
  readonly #sim: Scheduler;
  /** fired with the instance's slot when a check is due */
  readonly #onCheck: EventTarget;

  constructor(spec: KeepAliveSpec, rng: Rng, sim: Scheduler, onCheck: EventTarget) {
    this.#draw = new KeepAliveDraw(spec);
    this.#rng = rng;
    this.#sim = sim;
    this.#onCheck = onCheck;
  }

  /** The instance went idle at `nowMs`: its keep-alive window starts. */
  arm(inst: Instance, nowMs: number): void {
    const minMs = this.#draw.minMs;
    if (minMs === Infinity) return;
    inst.idleSinceMs = nowMs;
    inst.expiresAtMs = NaN;
    const dueMs = nowMs + minMs;
    if (inst.timerId >= 0) {
      if (inst.timerAtMs <= dueMs) return;
      this.#sim.cancel(inst.timerId);
    }
    this.#armCheck(inst, dueMs);
  }

  /** The instance's check fired: it has none pending any more. */
  fired(inst: Instance): void {
    inst.timerId = NaN;
    inst.timerAtMs = NaN;
  }

  /**
   * At a check of an idle instance: true when its window is over (stop it); otherwise the window's
   * length is drawn if due (from `rng`: the instance's function's stream, default the run's) and a
   * check is armed for when it ends.
   */
  windowOver(inst: Instance, nowMs: number, rng: Rng = this.#rng): boolean {
    if (Number.isNaN(inst.expiresAtMs)) {
      // a check left from an earlier idle period: this one has not reached the shortest window yet
      const earliestMs = inst.idleSinceMs + this.#draw.minMs;
      if (earliestMs > nowMs) {
        this.#armCheck(inst, earliestMs);
        return false;
      }
      inst.expiresAtMs = inst.idleSinceMs + this.#draw.draw(rng);
    }
    if (inst.expiresAtMs > nowMs) {
      this.#armCheck(inst, inst.expiresAtMs);
      return false;
    }
    return true;
  }

  /** The instance stops: its pending check, if any, is cancelled. */
  cancel(inst: Instance): void {
    if (inst.timerId >= 0) this.#sim.cancel(inst.timerId);
    inst.timerId = NaN;
  }

  #armCheck(inst: Instance, atMs: number): void {
    inst.timerAtMs = atMs;
    inst.timerId = this.#sim.at(atMs, LANE.expire, this.#onCheck, inst.slot);
  }
}
