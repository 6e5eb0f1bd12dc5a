/**
 * A number per instance, indexed by the instance's serial (0, 1, 2, … in creation order), in a
 * typed array that doubles as instances are created. Meters keep per-instance state here without
 * allocating per event.
 */
export class SerialColumn {
  #values: Float64Array;
  readonly #fill: number;

  constructor(fill = NaN, capacity = 256) {
    this.#fill = fill;
    this.#values = new Float64Array(capacity).fill(fill);
  }

  get(serial: number): number {
    return serial < this.#values.length ? (this.#values[serial] as number) : this.#fill;
  }

  set(serial: number, value: number): void {
    if (serial >= this.#values.length) {
      let n = this.#values.length * 2;
      while (n <= serial) n *= 2;
      const grown = new Float64Array(n).fill(this.#fill);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[serial] = value;
  }

  add(serial: number, delta: number): void {
    this.set(serial, this.get(serial) + delta);
  }
}
