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

  /**
   * The records after the window closed, for a shard of a simulate (BillingMeter.exportState): the
   * `stride` numbers `read` gives of each record, record i's at i × stride. A bill reads only these.
   */
  exportFields(stride: number, read: (record: T) => readonly number[]): RecordsState {
    const values = new Float64Array(this.#records.length * stride);
    this.#records.forEach((r, i) => {
      const v = read(r);
      if (v.length !== stride) throw new Error(`a record gave ${v.length} numbers, not ${stride}`);
      values.set(v, i * stride);
    });
    return { count: this.#records.length, values };
  }

  /**
   * Takes shards' records (BillingMeter.importStates): shard record k becomes record `global[k]`,
   * made here as on first use, and `write` puts its numbers back (`values` from `at` on).
   */
  importFields(
    parts: readonly { state: RecordsState; global: readonly number[] }[],
    stride: number,
    write: (record: T, values: Float64Array, at: number) => void,
  ): void {
    for (const { state, global } of parts)
      for (let k = 0; k < state.count; k++) write(this.at(global[k] as number), state.values, k * stride);
  }
}

/** What WindowedRecords.exportFields gives: `count` records of a fixed number of values each. */
export interface RecordsState {
  count: number;
  values: Float64Array;
}

/** A meter's record that gives the numbers its bill reads and takes them back (a shard's state). */
export interface FieldRecord {
  fields(): number[];
  setFields(values: Float64Array, at: number): void;
}

/** BillingMeter.exportState of a meter whose usage is one WindowedRecords of `stride` fields each. */
export function recordsState<T extends FieldRecord>(
  records: WindowedRecords<T>,
  stride: number,
): { usage: RecordsState } {
  return { usage: records.exportFields(stride, (r) => r.fields()) };
}

/** BillingMeter.importStates of such a meter: each shard's records go back whole to their functions. */
export function importRecordsStates<T extends FieldRecord>(
  records: WindowedRecords<T>,
  stride: number,
  parts: readonly { state: Record<string, unknown>; global: readonly number[] }[],
): void {
  records.importFields(
    parts.map(({ state, global }) => ({ state: state.usage as RecordsState, global })),
    stride,
    (r, v, at) => r.setFields(v, at),
  );
}
