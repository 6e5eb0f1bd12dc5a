/**
 * The fields of a Lambda REPORT line, whatever the era and separators:
 * `REPORT RequestId: ID\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB[\tInit Duration: 230.5 ms]…`
 * (before 2020-12 billing was per 100 ms and a space stood before the tab after `Billed Duration`).
 * Each field is found by its name after the previous one, within the line, so tabs, spaces and
 * trailing fields (Restore Duration, XRAY TraceId) do not matter. Parsed on the bytes of the read,
 * without a string per line or per number: this is the REPORT importer's hot path. Readers holding
 * a string (Logs Insights' @message) go through `parseReportFields`, which reads the same bytes.
 */
import { codesOf } from '../ascii-bytes.js';

export const REPORT_MARK = 'REPORT RequestId:';
/** REPORT_MARK as bytes, for Buffer.indexOf */
export const REPORT_MARK_BYTES = Buffer.from(REPORT_MARK, 'latin1');

export interface ReportFields {
  durationMs: number;
  billedMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** NaN when the line has no Init Duration (a warm start) */
  initMs: number;
}

const MISSING = -1;
const BAD = -2;
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const bytes = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const DURATION = bytes('Duration: ');
const BILLED = bytes('Billed Duration: ');
const MEMORY_SIZE = bytes('Memory Size: ');
const MAX_MEMORY = bytes('Max Memory Used: ');
const INIT = bytes('Init Duration:');
const MS = bytes('ms');
const MB = bytes('MB');

/** where the last field read ended (the next is looked for from there) */
let cursor = 0;
/** the field the last failed parse expected, and whether it was MISSING or BAD */
let failedKey = '';
let failedUnit = '';
let failedHow = MISSING;

/** True when b[i, i + word.length) is `word` and ends by `end`. */
function wordAt(b: Uint8Array, i: number, word: Uint8Array, end: number): boolean {
  const n = word.length;
  if (i + n > end) return false;
  for (let k = 0; k < n; k++) if (b[i + k] !== word[k]) return false;
  return true;
}

/**
 * The number at `i` followed by `unit`; BAD otherwise. Moves `cursor` past it. Digits m with e after
 * the point are m / 10^e, exact as Number() reads it while m < 2^53 (see decimal.ts).
 */
function numberAt(b: Uint8Array, i: number, end: number, unit: Uint8Array): number {
  while (i < end && b[i] === 32) i++;
  let m = 0;
  let digits = 0;
  let e = 0;
  let c = i < end ? (b[i] as number) - 48 : -48;
  while (c >= 0 && c <= 9) {
    m = m * 10 + c;
    digits++;
    c = ++i < end ? (b[i] as number) - 48 : -48;
  }
  if (c === -2) {
    c = ++i < end ? (b[i] as number) - 48 : -48;
    while (c >= 0 && c <= 9) {
      m = m * 10 + c;
      digits++;
      e++;
      c = ++i < end ? (b[i] as number) - 48 : -48;
    }
  }
  if (digits === 0 || digits > 15) return BAD;
  while (i < end && b[i] === 32) i++;
  if (!wordAt(b, i, unit, end)) return BAD;
  cursor = i + unit.length;
  return e === 0 ? m : m / (POW10[e] as number);
}

/**
 * The number after the first `key` in b[from, end), MISSING when there is none. A '\n' ends the
 * search too: the importer parses a line before it has looked for the line's end.
 */
function field(b: Uint8Array, key: Uint8Array, unit: Uint8Array, from: number, end: number): number {
  const first = key[0] as number;
  const last = end - key.length;
  for (let k = from; k <= last; k++) {
    const c = b[k];
    if (c === first) {
      if (wordAt(b, k, key, end)) return numberAt(b, k + key.length, end, unit);
    } else if (c === 10) return MISSING;
  }
  return MISSING;
}

function fail(key: string, unit: string, how: number): false {
  failedKey = key;
  failedUnit = unit;
  failedHow = how;
  return false;
}

/** Where the last parse ended: just after the last field it read. */
export function reportCursor(): number {
  return cursor;
}

/**
 * Reads the fields of the REPORT line b[.., end) whose mark is at `at` into `out`. Returns false
 * when a field is missing or malformed; `reportExpected` then says which. `end` may lie past the
 * line's '\n': fields are looked for up to the first '\n' (numbers and units stop at it anyway).
 */
export function parseReportBytes(b: Uint8Array, at: number, end: number, out: ReportFields): boolean {
  cursor = at + REPORT_MARK.length;
  let v = field(b, DURATION, MS, cursor, end);
  if (v < 0) return fail('Duration: ', ' ms', v);
  out.durationMs = v;
  v = field(b, BILLED, MS, cursor, end);
  if (v < 0) return fail('Billed Duration: ', ' ms', v);
  out.billedMs = v;
  v = field(b, MEMORY_SIZE, MB, cursor, end);
  if (v < 0) return fail('Memory Size: ', ' MB', v);
  out.memorySizeMb = v;
  v = field(b, MAX_MEMORY, MB, cursor, end);
  if (v < 0) return fail('Max Memory Used: ', ' MB', v);
  out.maxMemoryUsedMb = v;
  // Init Duration, when there, comes next: look there only, not through the rest of the line
  let i = cursor;
  while (i < end && (b[i] === 9 || b[i] === 32)) i++;
  out.initMs = NaN;
  if (wordAt(b, i, INIT, end)) {
    v = numberAt(b, i + INIT.length, end, MS);
    if (v < 0) return fail('Init Duration: ', ' ms', v);
    out.initMs = v;
  }
  return true;
}

/**
 * What the last failed parseReportBytes expected, quoting what stood there instead. `text` is the
 * line's text from byte `offset` of what was parsed, to the line's end (`end` in text's indexes).
 */
export function reportExpected(text: string, offset: number, end = text.length): string {
  const key = failedKey;
  const unit = failedUnit;
  if (failedHow === MISSING) return `"${key}N${unit}"`;
  const from = cursor - offset - 40;
  const k = text.indexOf(key.trim(), from > 0 ? from : 0);
  const found =
    k >= 0 && k < end
      ? text
          .slice(k, Math.min(end, k + key.length + 16))
          .replace(/\t/g, ' ')
          .trim()
      : '';
  return `"${key}N${unit}" (found "${found}")`;
}

/**
 * parseReportBytes on the string s[.., end) whose mark is at `at`. Returns null, or what was
 * expected and not found.
 */
export function parseReportFields(s: string, at: number, end: number, out: ReportFields): string | null {
  return parseReportBytes(codesOf(s, at, end), 0, end - at, out) ? null : reportExpected(s, -at, end);
}
