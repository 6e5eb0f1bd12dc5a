/**
 * Fixed-size records of numbers, one per function (or any dense index), in blocks of Float64Array:
 * record i is at `recordOffset(i, stride)` in `blocks[i >>> RECORD_BLOCK_BITS]`. A single array
 * doubled as records were added copied every record at each doubling into fresh pages; at 100 k
 * functions those copies (and the page faults of the new arrays, dear on a virtual machine) cost
 * more than the records' own updates. Blocks are never copied or moved, so a record touches its
 * pages once.
 */

/** records per block: 1,024 (256 KB at 32 numbers a record) */
export const RECORD_BLOCK_BITS = 10;
const MASK = (1 << RECORD_BLOCK_BITS) - 1;

/** Where record i starts in its block. */
export function recordOffset(i: number, stride: number): number {
  return (i & MASK) * stride;
}

export class RecordBlocks {
  readonly stride: number;
  /** what a new record holds (a number per field) */
  readonly #fresh: Float64Array;
  readonly blocks: Float64Array[] = [];
  /** records made: every index below it has one */
  count = 0;

  /** `fresh`: a new record's values by field, where not 0 (`{ [LAST_MS]: NaN }`). */
  constructor(stride: number, fresh: Readonly<Record<number, number>> = {}) {
    this.stride = stride;
    this.#fresh = new Float64Array(stride);
    for (const [field, x] of Object.entries(fresh)) this.#fresh[Number(field)] = x;
  }

  /** The block holding record i; records up to i are made on first use. */
  block(i: number): Float64Array {
    if (i >= this.count) this.extend(i + 1);
    return this.blocks[i >>> RECORD_BLOCK_BITS] as Float64Array;
  }

  /** Makes records up to index `count − 1`. */
  extend(count: number): void {
    const stride = this.stride;
    for (let k = this.count; k < count; k++) {
      const b = k >>> RECORD_BLOCK_BITS;
      let blk = this.blocks[b];
      if (blk === undefined) {
        blk = new Float64Array((MASK + 1) * stride);
        this.blocks[b] = blk;
      }
      blk.set(this.#fresh, (k & MASK) * stride);
    }
    if (count > this.count) this.count = count;
  }

  /** Field `field` of record i (which must exist). */
  get(i: number, field: number): number {
    return (this.blocks[i >>> RECORD_BLOCK_BITS] as Float64Array)[(i & MASK) * this.stride + field] as number;
  }

  /** Records 0 .. count − 1 copied into one array, record i at i × stride. */
  toArray(): Float64Array {
    const out = new Float64Array(this.count * this.stride);
    for (let b = 0; b * (MASK + 1) < this.count; b++) {
      const n = Math.min(MASK + 1, this.count - b * (MASK + 1));
      out.set((this.blocks[b] as Float64Array).subarray(0, n * this.stride), b * (MASK + 1) * this.stride);
    }
    return out;
  }

  /** Record i takes the `stride` numbers of `src` from `at` on (made first if needed). */
  put(i: number, src: Float64Array, at: number): void {
    this.block(i).set(src.subarray(at, at + this.stride), recordOffset(i, this.stride));
  }
}
