/**
 * A record splitter for the plain subset of CSV: no quote characters and no carriage returns, so
 * every '\n' ends a record and every ',' ends a field. On that subset it yields exactly the records
 * csv-parse yields with the options read-csv.ts gives it (relax_column_count, skip_empty_lines off,
 * bom): test/traces/plain-csv.test.ts checks this on random inputs cut at random byte boundaries.
 *
 * Why it exists: csv-parse reads 0.5–0.7 M rows/s on the benchmark machine, most of a run's time,
 * because it steps through every byte in JavaScript to track quoting. A trace that has no quotes and
 * no '\r' needs none of that: indexOf finds the separators natively. The reader now splits such
 * input on its bytes (csv/byte-records.ts), faster still; this string split is its reference
 * (`parser: 'strings'`), and the tests hold the two and csv-parse to the same results.
 */

const NL = 10;
const QUOTE = 34;
const CR = 13;

/** True when `buf` can be split here: it holds neither '"' nor '\r'. */
export function isPlainChunk(buf: Buffer): boolean {
  return buf.indexOf(QUOTE) < 0 && buf.indexOf(CR) < 0;
}

export class PlainCsvSplitter {
  /** bytes after the last '\n' seen: the start of a record still being read */
  #carry: Buffer | null = null;
  #atStart = true;

  /**
   * Splits the complete lines of `buf` (after any carried bytes) into records. Text is decoded only
   * up to the last '\n', so a multi-byte character cut by a chunk boundary is decoded whole later.
   */
  push(buf: Buffer, onRecord: (rec: string[]) => void): void {
    const data = this.#carry === null ? buf : Buffer.concat([this.#carry, buf]);
    const lastNl = data.lastIndexOf(NL);
    if (lastNl < 0) {
      this.#carry = Buffer.from(data);
      return;
    }
    splitLines(this.#text(data.toString('utf8', 0, lastNl)), onRecord);
    // copied: the stream may reuse the chunk's memory
    this.#carry = lastNl + 1 < data.length ? Buffer.from(data.subarray(lastNl + 1)) : null;
  }

  /** The last record, when the input does not end with '\n'. */
  end(onRecord: (rec: string[]) => void): void {
    const rest = this.#carry;
    this.#carry = null;
    if (rest === null || rest.length === 0) return;
    const text = this.#text(rest.toString('utf8'));
    if (text.length > 0) onRecord(text.split(','));
  }

  /** The text as csv-parse's `bom` option sees it: a byte order mark opening the input is dropped. */
  #text(text: string): string {
    if (!this.#atStart) return text;
    this.#atStart = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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
}

/**
 * Records of `text`, complete lines separated by '\n' (the last one's '\n' already removed). One
 * array is refilled for every record: the reader reads each record before the next and keeps none.
 */
function splitLines(text: string, onRecord: (rec: string[]) => void): void {
  const rec: string[] = [];
  const n = text.length;
  let start = 0;
  // the next ',' at or after `start` (n when none): kept across lines, so a line without a comma
  // does not search on through the lines after it
  let comma = -1;
  for (;;) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = n;
    let fields = 0;
    for (;;) {
      if (comma < start) {
        comma = text.indexOf(',', start);
        if (comma < 0) comma = n;
      }
      if (comma >= nl) break;
      rec[fields++] = text.slice(start, comma);
      start = comma + 1;
    }
    rec[fields++] = text.slice(start, nl);
    rec.length = fields;
    onRecord(rec);
    if (nl === n) return;
    start = nl + 1;
  }
}
