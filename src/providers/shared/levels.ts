/**
 * Time-weighted levels inside the simulated window: how many instances were alive (or busy) and
 * for how long. Events before the window (provisioned instances initialised ahead of it) count from
 * its start; events after it (work finishing past the end) do not count.
 */
export class WindowLevel {
  level = 0;
  /** level × ms accumulated inside the window */
  areaMs = 0;
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

  change(timeMs: number, delta: number): void {
    this.#advance(timeMs);
    this.level += delta;
  }

  #advance(timeMs: number): void {
    const t = Math.min(Math.max(timeMs, this.#startMs), this.#endMs);
    if (!Number.isNaN(this.#lastMs) && t > this.#lastMs) this.areaMs += this.level * (t - this.#lastMs);
    if (Number.isNaN(this.#lastMs) || t > this.#lastMs) this.#lastMs = t;
  }
}
