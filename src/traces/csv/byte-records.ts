/**
 * The plain-CSV split of plain-csv.ts (no '"', no '\r': every '\n' ends a record, every ',' a
 * field), done on the bytes of each read: a record is a set of byte ranges (cells.ts's ByteCells),
 * decoded to text only where the row decoder needs text. No string per read, per line or per field,
 * and no copy of the read: a line cut by the end of a read is completed with the head of the next.
 * test/traces/csv-bytes.test.ts checks that it gives the string split's chunks on random input.
 */
import { ByteCells } from './cells.js';

const NL = 10;
const COMMA = 44;

export class ByteRecordSplitter {
  readonly cells = new ByteCells();
  /** bytes after the last '\n' seen: the start of a record still being read */
  #carry: Buffer | null = null;
  #atStart = true;

  /** Splits the complete lines of `buf` (after any carried bytes) into records. */
  push(buf: Buffer, onRecord: (cells: ByteCells) => void): void {
    const last = buf.lastIndexOf(NL);
    if (last < 0) {
      this.#carry = this.#carry === null ? Buffer.from(buf) : Buffer.concat([this.#carry, buf]);
      return;
    }
    let from = 0;
    if (this.#carry !== null) {
      // the line cut at the end of the last read, completed by the head of this one
      from = buf.indexOf(NL) + 1;
      const line = Buffer.concat([this.#carry, buf.subarray(0, from)]);
      this.#carry = null;
      this.#split(line, 0, line.length, onRecord);
    }
    if (from <= last) this.#split(buf, from, last + 1, onRecord);
    // copied: the stream may reuse the chunk's memory
    this.#carry = last + 1 < buf.length ? Buffer.from(buf.subarray(last + 1)) : null;
  }

  /** The last record, when the input does not end with '\n'. */
  end(onRecord: (cells: ByteCells) => void): void {
    const rest = this.#carry;
    this.#carry = null;
    if (rest === null || rest.length === 0) return;
    const from = this.#skipBom(rest, 0, rest.length);
    if (from === rest.length) return;
    // the record as a line of its own
    const line = Buffer.alloc(rest.length - from + 1, NL);
    rest.copy(line, 0, from);
    this.#split(line, 0, line.length, onRecord);
  }

  /** Bytes of the line being read (its end not yet seen). */
  get carryBytes(): number {
    return this.#carry === null ? 0 : this.#carry.length;
  }

  /** Bytes read but not yet split (to hand over to csv-parse when the input stops being plain). */
  takeCarry(): Buffer | null {
    const rest = this.#carry;
    this.#carry = null;
    return rest;
  }

  /** A byte order mark opening the input is dropped, as csv-parse's `bom` option drops it. */
  #skipBom(b: Buffer, from: number, to: number): number {
    if (!this.#atStart) return from;
    this.#atStart = false;
    return to - from >= 3 && b[from] === 0xef && b[from + 1] === 0xbb && b[from + 2] === 0xbf
      ? from + 3
      : from;
  }

  /** Records of b[from, to), whole lines each ending with '\n'. */
  #split(b: Buffer, from: number, to: number, onRecord: (cells: ByteCells) => void): void {
    const cells = this.cells;
    cells.buf = b;
    cells.count = 0;
    let start = this.#skipBom(b, from, to);
    for (let k = start; k < to; k++) {
      const c = b[k];
      if (c === COMMA) {
        cells.push(start, k);
        start = k + 1;
      } else if (c === NL) {
        cells.push(start, k);
        onRecord(cells);
        cells.count = 0;
        start = k + 1;
      }
    }
  }
}
