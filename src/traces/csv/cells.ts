/**
 * The fields of one CSV record as the row decoder reads them: from strings (csv-parse's records,
 * plain-csv.ts's split) or in place from the bytes of a read (byte-records.ts). Both answer every
 * question with the same value: the byte form reads plain digits, ISO times and known function
 * names without making a string, and decodes the field to ask the string form anything else.
 */
import { parseDecimal } from '../decimal.js';
import { parseIsoBytes, parseIsoTimestamp, type SplitTime } from '../timestamp.js';

/** Function names by first sight: the decoder's index, shared by both forms. */
export interface FunctionNames {
  /** the index of `name`, added when new; −2 for a name refused (not valid UTF-8) */
  indexOf(name: string): number;
}

export interface Cells {
  /** fields in the record */
  readonly count: number;
  /** a blank line: one field, empty or only spaces (what trim() removes), as the README says */
  blank(): boolean;
  /** every field, as text (the header) */
  toArray(): string[];
  /** field i as text */
  raw(i: number): string;
  /** field i without the spaces around it */
  trimmed(i: number): string;
  /** trimmed(i) === '' */
  empty(i: number): boolean;
  /** parseDecimal(trimmed(i)): NaN for empty or non-decimal text */
  number(i: number): number;
  /** parseIsoTimestamp(trimmed(i), out) */
  iso(i: number, out: SplitTime): boolean;
  /** the index of the function named by trimmed(i), −1 when it is empty, −2 when refused */
  fn(i: number, names: FunctionNames): number;
}

/**
 * s.trim(), without the call when s neither starts nor ends with a control character, a space or a
 * non-ASCII character: every character trim() removes is one of those. Most cells need no trimming.
 */
export function trimmed(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(n - 1);
  return a > 32 && a < 127 && b > 32 && b < 127 ? s : s.trim();
}

/** A record as strings. */
export class StringCells implements Cells {
  rec: string[] = [];
  get count(): number {
    return this.rec.length;
  }
  blank(): boolean {
    return this.rec.length === 1 && this.trimmed(0) === '';
  }
  toArray(): string[] {
    return this.rec;
  }
  raw(i: number): string {
    return this.rec[i] as string;
  }
  trimmed(i: number): string {
    return trimmed(this.rec[i] as string);
  }
  empty(i: number): boolean {
    return this.trimmed(i) === '';
  }
  number(i: number): number {
    return parseDecimal(this.trimmed(i));
  }
  iso(i: number, out: SplitTime): boolean {
    return parseIsoTimestamp(this.trimmed(i), out);
  }
  fn(i: number, names: FunctionNames): number {
    const name = this.trimmed(i);
    return name === '' ? -1 : names.indexOf(name);
  }
}

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

/** True when byte c needs no trimming at a field's edge (printable ASCII, not a space). */
const solid = (c: number): boolean => c > 32 && c < 127;

/**
 * A record as byte ranges of `buf` (fields [starts[k], ends[k])), refilled for every record. Known
 * function names are found by a hash of their bytes, checked byte for byte against the name's
 * first bytes, kept in a pool: a name is decoded once, when first seen.
 */
export class ByteCells implements Cells {
  buf: Buffer = Buffer.alloc(0);
  count = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  readonly #byHash = new Map<number, number>();
  #pool = new Uint8Array(1 << 12);
  #poolUsed = 0;
  #nameAt = new Int32Array(64);
  #nameLen = new Int32Array(64);

  /** Adds the field [start, end) (the splitter's). */
  push(start: number, end: number): void {
    const k = this.count++;
    if (k === this.starts.length) {
      const s = new Int32Array(k * 2);
      s.set(this.starts);
      this.starts = s;
      const e = new Int32Array(k * 2);
      e.set(this.ends);
      this.ends = e;
    }
    this.starts[k] = start;
    this.ends[k] = end;
  }

  blank(): boolean {
    return this.count === 1 && this.empty(0);
  }
  toArray(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.raw(i));
    return out;
  }
  raw(i: number): string {
    return this.buf.toString('utf8', this.starts[i], this.ends[i]);
  }
  trimmed(i: number): string {
    return trimmed(this.raw(i));
  }
  /** True when field i has no spaces or non-ASCII at its edges (then its bytes are its trimmed text). */
  #solid(s: number, e: number): boolean {
    return solid(this.buf[s] as number) && solid(this.buf[e - 1] as number);
  }
  empty(i: number): boolean {
    const s = this.starts[i] as number;
    const e = this.ends[i] as number;
    if (s === e) return true;
    return this.#solid(s, e) ? false : this.trimmed(i) === '';
  }
  number(i: number): number {
    const b = this.buf;
    const s = this.starts[i] as number;
    const e = this.ends[i] as number;
    // digits[.digits] with m < 2^53 and f ≤ 22: m / 10^f, the same arithmetic as parseDecimal's (decimal.ts)
    let m = 0;
    let k = s;
    for (; k < e; k++) {
      const c = (b[k] as number) - 48;
      if (c < 0 || c > 9) break;
      m = m * 10 + c;
    }
    const whole = k - s;
    let f = 0;
    if (k < e) {
      if (b[k] !== 46 || whole === 0) return parseDecimal(this.trimmed(i));
      const from = ++k;
      for (; k < e; k++) {
        const c = (b[k] as number) - 48;
        if (c < 0 || c > 9) return parseDecimal(this.trimmed(i));
        m = m * 10 + c;
      }
      f = k - from;
    }
    if (whole === 0 || m > 9007199254740991 || f > 22) return parseDecimal(this.trimmed(i));
    return f === 0 ? m : m / (POW10[f] as number);
  }
  iso(i: number, out: SplitTime): boolean {
    const s = this.starts[i] as number;
    const e = this.ends[i] as number;
    // non-ASCII bytes fail the byte parse as their characters fail the string one
    if (s < e && this.#solid(s, e)) return parseIsoBytes(this.buf, s, e, out);
    return parseIsoTimestamp(this.trimmed(i), out);
  }
  fn(i: number, names: FunctionNames): number {
    const b = this.buf;
    const s = this.starts[i] as number;
    const e = this.ends[i] as number;
    if (s === e) return -1;
    if (!this.#solid(s, e)) {
      const name = this.trimmed(i);
      return name === '' ? -1 : names.indexOf(name);
    }
    let h = 0x811c9dc5;
    for (let k = s; k < e; k++) h = Math.imul(h ^ (b[k] as number), 0x01000193);
    const known = this.#byHash.get(h);
    if (known !== undefined && this.#sameName(known, s, e)) return known;
    const idx = names.indexOf(b.toString('utf8', s, e));
    if (known === undefined && idx >= 0) this.#keep(h, idx, s, e);
    return idx;
  }
  #sameName(idx: number, s: number, e: number): boolean {
    const n = e - s;
    if (this.#nameLen[idx] !== n) return false;
    const at = this.#nameAt[idx] as number;
    const pool = this.#pool;
    const b = this.buf;
    for (let k = 0; k < n; k++) if (pool[at + k] !== b[s + k]) return false;
    return true;
  }
  #keep(h: number, idx: number, s: number, e: number): void {
    const n = e - s;
    if (idx >= this.#nameAt.length) {
      const size = Math.max(idx + 1, this.#nameAt.length * 2);
      const at = new Int32Array(size);
      at.set(this.#nameAt);
      this.#nameAt = at;
      const len = new Int32Array(size);
      len.set(this.#nameLen);
      this.#nameLen = len;
    }
    if (this.#poolUsed + n > this.#pool.length) {
      const pool = new Uint8Array(Math.max(this.#poolUsed + n, this.#pool.length * 2));
      pool.set(this.#pool.subarray(0, this.#poolUsed));
      this.#pool = pool;
    }
    this.#pool.set(this.buf.subarray(s, e), this.#poolUsed);
    this.#nameAt[idx] = this.#poolUsed;
    this.#nameLen[idx] = n;
    this.#poolUsed += n;
    this.#byHash.set(h, idx);
  }
}
