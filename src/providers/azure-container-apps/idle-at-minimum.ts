/**
 * Replica time a Container Apps revision bills at the idle rates: minimum replicas with no request
 * in flight, counted only while the revision runs no replica above its minimum ("When a revision is
 * scaled above the minimum replica count, all of its running replicas are charged ... at the active
 * rate"). Clipped to the simulated window as WindowLevel is.
 */
export class IdleAtMinimum {
  /** replicas above the minimum (the model's on-demand instances) alive now */
  #aboveMin = 0;
  #minAlive = 0;
  #minBusy = 0;
  /** idle replica-ms inside the window */
  idleMs = 0;
  #lastMs = NaN;
  #startMs = -Infinity;
  #endMs = Infinity;

  windowStart(timeMs: number): void {
    this.#startMs = timeMs;
  }

  windowEnd(timeMs: number): void {
    this.#advance(timeMs);
    this.#endMs = timeMs;
  }

  change(timeMs: number, dAboveMin: number, dMinAlive: number, dMinBusy: number): void {
    this.#advance(timeMs);
    this.#aboveMin += dAboveMin;
    this.#minAlive += dMinAlive;
    this.#minBusy += dMinBusy;
  }

  #advance(timeMs: number): void {
    const t = Math.min(Math.max(timeMs, this.#startMs), this.#endMs);
    if (!Number.isNaN(this.#lastMs) && t > this.#lastMs && this.#aboveMin === 0)
      this.idleMs += (this.#minAlive - this.#minBusy) * (t - this.#lastMs);
    if (Number.isNaN(this.#lastMs) || t > this.#lastMs) this.#lastMs = t;
  }
}
