/**
 * The fields of a Lambda REPORT line, whatever the era and separators:
 * `REPORT RequestId: ID\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 80 MB[\tInit Duration: 230.5 ms]…`
 * (before 2020-12 billing was per 100 ms and a space stood before the tab after `Billed Duration`).
 * Each field is found by its name after the previous one, within the line, so tabs, spaces and
 * trailing fields (Restore Duration, XRAY TraceId) do not matter. Parsed by hand on the text of the
 * whole read, without a string per line or per number: this is the importer's hot path.
 */
export const REPORT_MARK = 'REPORT RequestId:';

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
let cursor = 0;

/**
 * The number at `i` followed by `unit`; BAD otherwise. Moves `cursor` past it. Digits m with e after
 * the point are m / 10^e, exact as Number() reads it while m < 2^53 (see decimal.ts).
 */
function numberAt(s: string, i: number, end: number, unit: string): number {
  while (i < end && s.charCodeAt(i) === 32) i++;
  let m = 0;
  let digits = 0;
  let e = 0;
  let c = s.charCodeAt(i) - 48;
  while (c >= 0 && c <= 9 && i < end) {
    m = m * 10 + c;
    digits++;
    c = s.charCodeAt(++i) - 48;
  }
  if (c === -2 && i < end) {
    c = s.charCodeAt(++i) - 48;
    while (c >= 0 && c <= 9 && i < end) {
      m = m * 10 + c;
      digits++;
      e++;
      c = s.charCodeAt(++i) - 48;
    }
  }
  if (digits === 0 || digits > 15) return BAD;
  while (i < end && s.charCodeAt(i) === 32) i++;
  if (i + unit.length > end || !s.startsWith(unit, i)) return BAD;
  cursor = i + unit.length;
  return e === 0 ? m : m / (POW10[e] as number);
}

function field(s: string, key: string, unit: string, from: number, end: number): number {
  const k = s.indexOf(key, from);
  if (k < 0 || k + key.length > end) return MISSING;
  return numberAt(s, k + key.length, end, unit);
}

/**
 * Reads the fields of the REPORT line text[.., end) whose mark is at `at` into `out`. Returns null,
 * or what was expected and not found.
 */
export function parseReportFields(s: string, at: number, end: number, out: ReportFields): string | null {
  cursor = at + REPORT_MARK.length;
  let v = field(s, 'Duration: ', 'ms', cursor, end);
  if (v < 0) return expected(s, 'Duration: ', ' ms', v, end);
  out.durationMs = v;
  v = field(s, 'Billed Duration: ', 'ms', cursor, end);
  if (v < 0) return expected(s, 'Billed Duration: ', ' ms', v, end);
  out.billedMs = v;
  v = field(s, 'Memory Size: ', 'MB', cursor, end);
  if (v < 0) return expected(s, 'Memory Size: ', ' MB', v, end);
  out.memorySizeMb = v;
  v = field(s, 'Max Memory Used: ', 'MB', cursor, end);
  if (v < 0) return expected(s, 'Max Memory Used: ', ' MB', v, end);
  out.maxMemoryUsedMb = v;
  // Init Duration, when there, comes next: look there only, not through the rest of the line
  let i = cursor;
  while (i < end && (s.charCodeAt(i) === 9 || s.charCodeAt(i) === 32)) i++;
  out.initMs = NaN;
  if (s.startsWith('Init Duration:', i) && i + 14 <= end) {
    v = numberAt(s, i + 14, end, 'ms');
    if (v < 0) return expected(s, 'Init Duration: ', ' ms', v, end);
    out.initMs = v;
  }
  return null;
}

function expected(s: string, key: string, unit: string, v: number, end: number): string {
  if (v === MISSING) return `"${key}N${unit}"`;
  const k = s.indexOf(key.trim(), cursor - 40 > 0 ? cursor - 40 : 0);
  const found = k >= 0 && k < end ? s.slice(k, Math.min(end, k + key.length + 16)).replace(/\t/g, ' ').trim() : '';
  return `"${key}N${unit}" (found "${found}")`;
}
