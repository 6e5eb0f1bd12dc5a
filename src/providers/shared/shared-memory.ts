/**
 * GB-ms of executions that share their instance's memory: each execution holds its memory over an
 * interval [start, start + billed time]; at each instant an instance bills the memory of all the
 * executions it holds then, summed (or, where each execution's memory is its whole process's, the
 * largest of them) and passed through `billedMb` (a provider's rounding and cap), once. So placement
 * (requests go where their memory fits next to the others') and billing count an instance's memory
 * the same way. Instances are independent.
 *
 * Executions on one instance must be added in order of their start. One whose end is not known when
 * it starts (its run stretches while it shares the instance's CPU) is opened, then closed when it
 * ends: no later start on its instance comes after its end, so nothing is billed past it before. State lives in typed arrays
 * with a free list, so adding an execution allocates nothing once the pool has grown.
 */
import { SerialColumn } from './serial-column.js';

export class SharedMemoryIntervals {
  readonly #billedMb: (heldMb: number) => number;
  readonly #largest: boolean;
  // pool of open intervals: end time, memory (MB, as observed), next in the instance's list
  #end = new Float64Array(256);
  #mem = new Float64Array(256);
  #next = new Int32Array(256).fill(-1);
  #free = -1;
  #used = 0;
  readonly #head = new SerialColumn(-1);
  readonly #lastMs = new SerialColumn(NaN);
  #maxSerial = -1;
  /** MB-ms billed so far, by the function index given with each instance */
  readonly mbMsByFn: number[] = [];
  readonly #fnOf = new SerialColumn(-1);

  /**
   * `billedMb`: the MB an instance bills while its executions hold `heldMb` together (> 0);
   * `largest`: they hold the largest of their memories (each is the process's), not the sum
   */
  constructor(billedMb: (heldMb: number) => number, largest = false) {
    this.#billedMb = billedMb;
    this.#largest = largest;
  }

  /** An execution on instance `serial` of function `fn` holds `memoryMb` over [startMs, startMs + billedMs]. */
  add(fn: number, serial: number, startMs: number, billedMs: number, memoryMb: number): void {
    this.open(fn, serial, startMs, memoryMb, startMs + billedMs);
  }

  /**
   * An execution on instance `serial` holds `memoryMb` from `startMs` until `endMs`, or, left
   * Infinity, until `close` gives its end. Returns its id for `close`.
   */
  open(fn: number, serial: number, startMs: number, memoryMb: number, endMs = Infinity): number {
    if (serial > this.#maxSerial) this.#maxSerial = serial;
    this.#fnOf.set(serial, fn);
    while (this.mbMsByFn.length <= fn) this.mbMsByFn.push(0);
    this.#advance(serial, startMs);
    const id = this.#alloc();
    this.#end[id] = endMs;
    this.#mem[id] = memoryMb;
    this.#next[id] = this.#head.get(serial);
    this.#head.set(serial, id);
    return id;
  }

  /** The end of an execution `open` left open: at or after the last start on its instance. */
  close(id: number, endMs: number): void {
    this.#end[id] = endMs;
  }

  /** Closes every open interval (call once, before reading mbMsByFn). */
  flush(): void {
    for (let s = 0; s <= this.#maxSerial; s++) if (this.#head.get(s) >= 0) this.#advance(s, Infinity);
  }

  /** Bills instance `serial` up to `t`: intervals ending by then close one by one, in order of end. */
  #advance(serial: number, t: number): void {
    let last = this.#lastMs.get(serial);
    const fn = this.#fnOf.get(serial);
    for (;;) {
      const head = this.#head.get(serial);
      if (head < 0) break;
      // the open interval that ends first, and the memory the open ones hold together
      let first = head;
      let heldMb = 0;
      for (let i = head; i >= 0; i = this.#next[i] as number) {
        if ((this.#end[i] as number) < (this.#end[first] as number)) first = i;
        const mb = this.#mem[i] as number;
        heldMb = this.#largest ? Math.max(heldMb, mb) : heldMb + mb;
      }
      const endFirst = this.#end[first] as number;
      const upTo = Math.min(endFirst, t);
      if (upTo > last)
        this.mbMsByFn[fn] = (this.mbMsByFn[fn] as number) + this.#billedMb(heldMb) * (upTo - last);
      if (upTo > last || Number.isNaN(last)) last = upTo;
      if (endFirst > t) break;
      this.#unlink(serial, first);
    }
    if (Number.isNaN(last) || t > last) last = t;
    this.#lastMs.set(serial, last);
  }

  #unlink(serial: number, id: number): void {
    let prev = -1;
    for (let i = this.#head.get(serial); i >= 0; prev = i, i = this.#next[i] as number) {
      if (i !== id) continue;
      const after = this.#next[i] as number;
      if (prev < 0) this.#head.set(serial, after);
      else this.#next[prev] = after;
      this.#next[i] = this.#free;
      this.#free = i;
      return;
    }
  }

  #alloc(): number {
    if (this.#free >= 0) {
      const id = this.#free;
      this.#free = this.#next[id] as number;
      return id;
    }
    if (this.#used === this.#end.length) {
      const n = this.#end.length * 2;
      const end = new Float64Array(n);
      end.set(this.#end);
      const mem = new Float64Array(n);
      mem.set(this.#mem);
      const next = new Int32Array(n).fill(-1);
      next.set(this.#next);
      this.#end = end;
      this.#mem = mem;
      this.#next = next;
    }
    return this.#used++;
  }
}
