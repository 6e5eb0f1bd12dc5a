/**
 * Replica time a Container Apps revision bills at the idle rates: minimum replicas with no request
 * in flight, counted only while the revision runs no replica above its minimum ("When a revision is
 * scaled above the minimum replica count, all of its running replicas are charged ... at the active
 * rate"). A WindowLevel (clipped to the simulated window) of that idle count.
 */
import { WindowLevel } from '../shared/levels.js';

export class IdleAtMinimum {
  /** replicas above the minimum (the model's on-demand instances) alive now */
  #aboveMin = 0;
  #minAlive = 0;
  #minBusy = 0;
  readonly #idle = new WindowLevel();

  /** idle replica-ms inside the window */
  get idleMs(): number {
    return this.#idle.areaMs;
  }

  windowStart(timeMs: number): void {
    this.#idle.windowStart(timeMs);
  }

  windowEnd(timeMs: number): void {
    this.#idle.windowEnd(timeMs);
  }

  change(timeMs: number, dAboveMin: number, dMinAlive: number, dMinBusy: number): void {
    this.#aboveMin += dAboveMin;
    this.#minAlive += dMinAlive;
    this.#minBusy += dMinBusy;
    const idle = this.#aboveMin === 0 ? this.#minAlive - this.#minBusy : 0;
    this.#idle.change(timeMs, idle - this.#idle.level);
  }
}
