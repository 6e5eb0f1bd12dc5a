/**
 * One kind of latency (warm, cold, async delay or queue wait) of every function, without an object
 * per function. With 100 k functions a LatencyRecorder per function and kind cost about 250 bytes
 * each (the object, its three boxed doubles, a plain array and its elements) and 600 k objects for
 * the GC to trace, for the ten samples each held. Here a function's list is a record of four
 * integers in a block of Int32Array (first and last sample, count, recorder) and its exact samples
 * are linked in shared blocks of values and next-indices; blocks are never copied as they grow, so
 * no page is touched twice.
 *
 * The figures are those of a LatencyRecorder fed the same samples: a list keeps its samples exactly
 * on the same terms (its limit and the collector's shared budget), and where a recorder would turn
 * into a histogram, or once the function has `handoff` samples (a busy function: an object of its
 * own costs little next to its samples, and adds to it need no walk along the list), the list hands
 * its samples to a real LatencyRecorder (`fromExact`), which goes on from there. Sum, min and max are folded from the samples in the order they came when asked for,
 * as the recorder folded them while adding, so means agree to the bit.
 */
import { ExactBudget, LatencyRecorder, type RecorderState } from './latency.js';

/** functions per record block (4,096: 256 KB) */
const FN_BITS = 12;
const FN_MASK = (1 << FN_BITS) - 1;
/** a function's record: its first and last sample's index, count, recorder + 1 (0: none) */
const HEAD = 0;
const TAIL = 1;
const N = 2;
const BIG = 3;
const W = 4;
/**
 * Samples after which a function's list goes to a recorder of its own: a list's sample costs 12
 * bytes, a recorder's 8 and the recorder ~250, so past about 64 the recorder is no dearer; and the
 * walk that hands over the samples stays short (at 100 k samples it cost as much as adding them).
 */
const HANDOFF_SAMPLES = 64;
/** samples per sample block (65,536: 768 KB of values and next-indices) */
const S_BITS = 16;
const S_MASK = (1 << S_BITS) - 1;

export class LatencyLists {
  readonly #exactLimit: number;
  readonly #handoff: number;
  /** shared by the collector's lists; null: each function's list has a budget of its own (exactLimit) */
  readonly #budget: ExactBudget | null;
  readonly #records: Int32Array[] = [];
  readonly #values: Float64Array[] = [];
  readonly #next: Int32Array[] = [];
  #samples = 0;
  /** functions whose samples went to a LatencyRecorder (past the exact limit, or taken from a shard) */
  readonly #big: LatencyRecorder[] = [];

  /** `handoff`: samples after which a function's list goes to a LatencyRecorder (tests set it low). */
  constructor(exactLimit: number, budget: ExactBudget | null, handoff = HANDOFF_SAMPLES) {
    this.#exactLimit = exactLimit;
    this.#budget = budget;
    this.#handoff = handoff;
  }

  /** The block holding function `fn`'s record, made on first use. */
  #block(fn: number): Int32Array {
    const b = this.#records[fn >>> FN_BITS];
    if (b !== undefined) return b;
    const made = new Int32Array((FN_MASK + 1) * W);
    this.#records[fn >>> FN_BITS] = made;
    return made;
  }

  add(fn: number, ms: number): void {
    // kept small so that V8 inlines it into the collector's onInvocation: a busy function's samples
    // go straight to its recorder, the rest of the work is #append's
    const r = this.#records[fn >>> FN_BITS];
    if (r !== undefined) {
      const big = r[(fn & FN_MASK) * W + BIG] as number;
      if (big > 0) {
        (this.#big[big - 1] as LatencyRecorder).add(ms);
        return;
      }
    }
    this.#append(fn, ms);
  }

  /** Adds a sample to a function's list, or hands the list to a recorder of its own (see the class). */
  #append(fn: number, ms: number): void {
    const r = this.#block(fn);
    const f = (fn & FN_MASK) * W;
    const n = r[f + N] as number;
    const budget = this.#budget;
    if (n >= this.#handoff || n >= this.#exactLimit || (budget !== null && budget.remaining <= 0)) {
      // the recorder then takes this sample as it would have: kept exactly, or its exact samples go
      // to a histogram which takes this one
      const rec = this.#recorderOf(r, f, budget ?? new ExactBudget(this.#exactLimit - n));
      rec.add(ms);
      r[f + BIG] = this.#big.push(rec);
      return;
    }
    r[f + N] = n + 1;
    if (budget !== null) budget.remaining--;
    const s = this.#samples++;
    const blk = s >>> S_BITS;
    if (blk === this.#values.length) {
      this.#values.push(new Float64Array(S_MASK + 1));
      this.#next.push(new Int32Array(S_MASK + 1));
    }
    (this.#values[blk] as Float64Array)[s & S_MASK] = ms;
    if (n === 0) r[f + HEAD] = s;
    else {
      const t = r[f + TAIL] as number;
      (this.#next[t >>> S_BITS] as Int32Array)[t & S_MASK] = s;
    }
    r[f + TAIL] = s;
  }

  /**
   * The recorder that a function's exact samples (record at `f` of `r`) added one by one would be:
   * their sum, min and max folded in the order they came, as LatencyRecorder.add folds them.
   */
  #recorderOf(r: Int32Array, f: number, budget: ExactBudget): LatencyRecorder {
    const n = r[f + N] as number;
    // pushed, not preallocated: new Array(n) of 100 k is a dictionary-mode array, slow to fill and read
    const samples: number[] = [];
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    let s = r[f + HEAD] as number;
    for (let i = 0; i < n; i++) {
      const ms = (this.#values[s >>> S_BITS] as Float64Array)[s & S_MASK] as number;
      samples.push(ms);
      sum += ms;
      if (ms < min) min = ms;
      if (ms > max) max = ms;
      s = (this.#next[s >>> S_BITS] as Int32Array)[s & S_MASK] as number;
    }
    return LatencyRecorder.fromExact(samples, sum, min, max, this.#exactLimit, budget);
  }

  /** The LatencyRecorder of `fn`'s samples (one made for the call while they are exact), null without any. */
  recorder(fn: number): LatencyRecorder | null {
    const r = this.#records[fn >>> FN_BITS];
    if (r === undefined) return null;
    const f = (fn & FN_MASK) * W;
    const big = r[f + BIG] as number;
    if (big > 0) return this.#big[big - 1] as LatencyRecorder;
    if (r[f + N] === 0) return null;
    return this.#recorderOf(r, f, new ExactBudget(0));
  }

  /** Adds `fn`'s samples to `into`, as `into.merge` of its recorder would, without making one. */
  mergeInto(into: LatencyRecorder, fn: number): void {
    const r = this.#records[fn >>> FN_BITS];
    if (r === undefined) return;
    const f = (fn & FN_MASK) * W;
    const big = r[f + BIG] as number;
    if (big > 0) {
      into.merge(this.#big[big - 1] as LatencyRecorder);
      return;
    }
    const n = r[f + N] as number;
    let s = r[f + HEAD] as number;
    for (let i = 0; i < n; i++) {
      into.add((this.#values[s >>> S_BITS] as Float64Array)[s & S_MASK] as number);
      s = (this.#next[s >>> S_BITS] as Int32Array)[s & S_MASK] as number;
    }
  }

  /** How many samples `fn` has, and whether all are kept exactly. */
  count(fn: number): number {
    const r = this.#records[fn >>> FN_BITS];
    if (r === undefined) return 0;
    const f = (fn & FN_MASK) * W;
    const big = r[f + BIG] as number;
    return big > 0 ? (this.#big[big - 1] as LatencyRecorder).count : (r[f + N] as number);
  }

  exact(fn: number): boolean {
    const r = this.#records[fn >>> FN_BITS];
    if (r === undefined) return true;
    const big = r[(fn & FN_MASK) * W + BIG] as number;
    return big === 0 || (this.#big[big - 1] as LatencyRecorder).exact;
  }

  /** `fn`'s samples as LatencyRecorder.exportState gives them, null without any. */
  exportState(fn: number): RecorderState | null {
    return this.recorder(fn)?.exportState() ?? null;
  }

  /** Gives `fn` the samples of a recorder's state (a shard's; it takes no more samples after). */
  importState(fn: number, s: RecorderState, exactLimit: number): void {
    const r = this.#block(fn);
    r[(fn & FN_MASK) * W + BIG] = this.#big.push(LatencyRecorder.fromState(s, exactLimit));
  }
}
