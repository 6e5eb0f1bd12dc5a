/**
 * The text CloudWatch tools print before a log message: `aws logs tail` prints
 * `2023-12-05T22:14:43.877000+00:00 2023/12/05/[$LATEST]e34e… MESSAGE`, `--format short` prints
 * `2023-12-05T22:14:43 MESSAGE`, and a log group may be named (`/aws/lambda/NAME`, or
 * `123456789012:/aws/lambda/NAME` as Logs Insights' @log has it). Tokens are separated by spaces or
 * tabs; the first that is an ISO 8601 time (no zone = UTC) or an epoch time in ms (11 to 14 digits)
 * is the log time; a `/aws/lambda/NAME` token names the function; others (the log stream) are ignored.
 * Read from bytes in place (the REPORT importer's hot path); `parseLogPrefix` serves string callers.
 */
import { codesOf } from '../ascii-bytes.js';
import { parseIsoBytes, type SplitTime } from '../timestamp.js';

export interface LogPrefix {
  /** log time in epoch ms (whole ms and fraction), NaN when the prefix has none */
  wholeMs: number;
  fracMs: number;
  /** function name from a log group, or null */
  group: string | null;
}

/** The prefix as parsePrefixBytes leaves it: the group as a byte range, named only when needed. */
export interface PrefixBytes {
  wholeMs: number;
  fracMs: number;
  /** the NAME of `/aws/lambda/NAME` as b[groupStart, groupEnd); groupStart < 0 when there is none */
  groupStart: number;
  groupEnd: number;
}

const split: SplitTime = { wholeMs: 0, fracMs: 0 };
const GROUP = '/aws/lambda/';
const GROUP_BYTES = Buffer.from(GROUP, 'latin1');

function groupAt(b: Uint8Array, g: number, j: number): boolean {
  if (g + GROUP_BYTES.length > j) return false;
  for (let k = 0; k < GROUP_BYTES.length; k++) if (b[g + k] !== GROUP_BYTES[k]) return false;
  return true;
}

/** True when b[j, ..) holds `mark` before `end`. */
function markAt(b: Uint8Array, j: number, mark: Uint8Array, end: number): boolean {
  if (j + mark.length > end) return false;
  for (let k = 1; k < mark.length; k++) if (b[j + k] !== mark[k]) return false;
  return true;
}

const NO_MARK = new Uint8Array(1);

/**
 * Reads the prefix b[start, end) into `out`; given a `mark`, the prefix ends at its first
 * occurrence if that comes before `end` (the REPORT importer finds the mark and reads the prefix
 * in one pass). Returns where the prefix ended (the mark's position, or `end`), or −1 − k when a
 * '\n' at k comes first: the line has no mark.
 */
export function parsePrefixBytes(
  b: Uint8Array,
  start: number,
  end: number,
  out: PrefixBytes,
  mark: Uint8Array = NO_MARK,
): number {
  out.wholeMs = NaN;
  out.fracMs = 0;
  out.groupStart = -1;
  out.groupEnd = -1;
  // without a mark, -1: no byte is -1
  const first = mark === NO_MARK ? -1 : (mark[0] as number);
  let i = start;
  while (i < end) {
    let c = b[i] as number;
    while (c === 32 || c === 9) {
      if (++i >= end) return end;
      c = b[i] as number;
    }
    let j = i;
    let colon = -1;
    while (j < end && c !== 32 && c !== 9) {
      if (c === first && markAt(b, j, mark, end)) {
        end = j;
        break;
      }
      if (c === 58) {
        if (colon < 0) colon = j;
      } else if (c === 10) return -1 - j;
      c = b[++j] as number;
    }
    if (j > i) token(b, i, j, colon, out);
    i = j;
  }
  return end;
}

/** The token b[i, j): the log time if it is the first time, the group if it is the first group. */
function token(b: Uint8Array, i: number, j: number, colon: number, out: PrefixBytes): void {
  if (Number.isNaN(out.wholeMs)) {
    if (j - i >= 11 && j - i <= 14) out.wholeMs = epochMsAt(b, i, j);
    if (Number.isNaN(out.wholeMs) && b[i + 4] === 45 && parseIsoBytes(b, i, j, split)) {
      out.wholeMs = split.wholeMs;
      out.fracMs = split.fracMs;
    }
  }
  if (out.groupStart < 0) {
    // `/aws/lambda/NAME` or `ACCOUNT:/aws/lambda/NAME`
    const g = b[i] === 47 ? i : colon >= 0 ? colon + 1 : -1;
    if (g >= 0 && groupAt(b, g, j)) {
      // NAME without a trailing `:` or `:*` (the name of a log group ARN)
      let e = j;
      if (b[e - 1] === 42 && b[e - 2] === 58 && e - 2 >= g + GROUP.length) e -= 2;
      else if (b[e - 1] === 58 && e - 1 >= g + GROUP.length) e -= 1;
      if (e > g + GROUP.length) {
        out.groupStart = g + GROUP.length;
        out.groupEnd = e;
      }
    }
  }
}

/** The epoch ms b[i, j) spells in digits only (11 to 14 of them: an exact integer), else NaN. */
function epochMsAt(b: Uint8Array, i: number, j: number): number {
  let v = 0;
  for (let k = i; k < j; k++) {
    const d = (b[k] as number) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

const bytesOut: PrefixBytes = { wholeMs: NaN, fracMs: 0, groupStart: -1, groupEnd: -1 };

/** Reads the prefix s[start, end) into `out`. */
export function parseLogPrefix(s: string, start: number, end: number, out: LogPrefix): void {
  parsePrefixBytes(codesOf(s, start, end), 0, end - start, bytesOut);
  out.wholeMs = bytesOut.wholeMs;
  out.fracMs = bytesOut.fracMs;
  out.group =
    bytesOut.groupStart < 0 ? null : s.slice(start + bytesOut.groupStart, start + bytesOut.groupEnd);
}

/** NAME from `/aws/lambda/NAME` (with or without an account prefix, `:*` or `:`), else null. */
export function lambdaGroupName(text: string): string | null {
  const k = text.indexOf(GROUP);
  if (k < 0) return null;
  const name = text.slice(k + GROUP.length).replace(/:\*?$/, '');
  return name === '' ? null : name;
}
