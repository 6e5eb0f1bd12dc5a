/**
 * The text CloudWatch tools print before a log message: `aws logs tail` prints
 * `2023-12-05T22:14:43.877000+00:00 2023/12/05/[$LATEST]e34e… MESSAGE`, `--format short` prints
 * `2023-12-05T22:14:43 MESSAGE`, and a log group may be named (`/aws/lambda/NAME`, or
 * `123456789012:/aws/lambda/NAME` as Logs Insights' @log has it). Tokens are separated by spaces or
 * tabs; the first that is an ISO 8601 time (no zone = UTC) or an epoch time in ms (11 to 14 digits)
 * is the log time; a `/aws/lambda/NAME` token names the function; others (the log stream) are ignored.
 */
import { parseIsoTimestamp, type SplitTime } from '../timestamp.js';

export interface LogPrefix {
  /** log time in epoch ms (whole ms and fraction), NaN when the prefix has none */
  wholeMs: number;
  fracMs: number;
  /** function name from a log group, or null */
  group: string | null;
}

const split: SplitTime = { wholeMs: 0, fracMs: 0 };
const GROUP = '/aws/lambda/';

/** Reads the prefix text[start, end) into `out`. */
export function parseLogPrefix(s: string, start: number, end: number, out: LogPrefix): void {
  out.wholeMs = NaN;
  out.fracMs = 0;
  out.group = null;
  let i = start;
  while (i < end) {
    let c = s.charCodeAt(i);
    while (i < end && (c === 32 || c === 9)) c = s.charCodeAt(++i);
    if (i >= end) break;
    let j = i;
    let digitsOnly = true;
    let colon = -1;
    while (j < end && c !== 32 && c !== 9) {
      if (c < 48 || c > 57) {
        digitsOnly = false;
        if (c === 58 && colon < 0) colon = j;
      }
      c = s.charCodeAt(++j);
    }
    if (Number.isNaN(out.wholeMs)) {
      if (digitsOnly && j - i >= 11 && j - i <= 14) out.wholeMs = Number(s.slice(i, j));
      else if (s.charCodeAt(i + 4) === 45 && parseIsoTimestamp(s.slice(i, j), split)) {
        out.wholeMs = split.wholeMs;
        out.fracMs = split.fracMs;
      }
    }
    if (out.group === null) {
      // `/aws/lambda/NAME` or `ACCOUNT:/aws/lambda/NAME`
      const g = s.charCodeAt(i) === 47 ? i : colon + 1;
      if (g > 0 && g < j && s.startsWith(GROUP, g)) out.group = lambdaGroupName(s.slice(g, j));
    }
    i = j;
  }
}

/** NAME from `/aws/lambda/NAME` (with or without an account prefix, `:*` or `:`), else null. */
export function lambdaGroupName(text: string): string | null {
  const k = text.indexOf(GROUP);
  if (k < 0) return null;
  const name = text.slice(k + GROUP.length).replace(/:\*?$/, '');
  return name === '' ? null : name;
}
