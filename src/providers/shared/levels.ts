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

/**
 * A meter's records per function (or app), made on first use, whose window levels follow the billing
 * window: a record first used after the window opened starts its levels at the window's start, as
 * those made before it did.
 */
/** What follows the billing window: a WindowLevel, or a level built on one. */
export interface Windowed {
  windowStart(timeMs: number): void;
  windowEnd(timeMs: number): void;
}

export class WindowedRecords<T> {
  readonly #make: () => T;
  readonly #levels: (record: T) => readonly Windowed[];
  readonly #records: T[] = [];
  #windowStartMs = NaN;

  constructor(make: () => T, levels: (record: T) => readonly Windowed[]) {
    this.#make = make;
    this.#levels = levels;
  }

  /** the records made so far, by index */
  get all(): readonly T[] {
    return this.#records;
  }

  at(i: number): T {
    while (this.#records.length <= i) {
      const r = this.#make();
      if (!Number.isNaN(this.#windowStartMs))
        for (const l of this.#levels(r)) l.windowStart(this.#windowStartMs);
      this.#records.push(r);
    }
    return this.#records[i] as T;
  }

  windowStart(timeMs: number): void {
    this.#windowStartMs = timeMs;
    for (const r of this.#records) for (const l of this.#levels(r)) l.windowStart(timeMs);
  }

  windowEnd(timeMs: number): void {
    for (const r of this.#records) for (const l of this.#levels(r)) l.windowEnd(timeMs);
  }
}
