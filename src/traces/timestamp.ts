/**
 * Timestamps in traces: ISO 8601 (with or without a zone; without one means UTC) or numbers in
 * seconds, milliseconds or microseconds. Parsed by hand because Date.parse reads zone-less times as
 * local time and drops digits past the millisecond.
 */
import { codesOf } from './ascii-bytes.js';

export type TimeUnit = 's' | 'ms' | 'us';
export const TIME_UNIT_MS: Record<TimeUnit, number> = { s: 1000, ms: 1, us: 0.001 };

/** Epoch time split in whole milliseconds and a fraction, so microseconds survive subtraction. */
export interface SplitTime {
  wholeMs: number;
  fracMs: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The n-digit number at b[from..], or -1 when a byte is not a digit or lies at or past `to`. */
function digits(b: Uint8Array, from: number, n: number, to: number): number {
  if (from + n > to) return -1;
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const c = (b[i] as number) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Parses YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH[:MM]] into `out`; returns false if the text is
 * not such a timestamp or names an impossible date.
 */
export function parseIsoTimestamp(s: string, out: SplitTime): boolean {
  return parseIsoBytes(codesOf(s, 0, s.length), 0, s.length, out);
}

/** parseIsoTimestamp on the text b[from, to): the importers read it in place, without a string. */
export function parseIsoBytes(b: Uint8Array, from: number, to: number, out: SplitTime): boolean {
  const n = to - from;
  if (n < 10 || b[from + 4] !== 45 || b[from + 7] !== 45) return false;
  const year = digits(b, from, 4, to);
  const month = digits(b, from + 5, 2, to);
  const day = digits(b, from + 8, 2, to);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return false;
  let hour = 0,
    minute = 0,
    second = 0,
    fracMs = 0;
  let i = from + 10;
  let c = b[i] as number;
  // 'T', ' ' or 't'
  if (i < to && (c === 84 || c === 32 || c === 116)) {
    hour = digits(b, i + 1, 2, to);
    if (i + 3 >= to || b[i + 3] !== 58) return false;
    minute = digits(b, i + 4, 2, to);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return false;
    i += 6;
    if (i < to && b[i] === 58) {
      second = digits(b, i + 1, 2, to);
      if (second < 0 || second > 59) return false;
      i += 3;
      c = b[i] as number;
      // '.' or ','
      if (i < to && (c === 46 || c === 44)) {
        let scale = 100;
        let j = i + 1;
        for (; j < to; j++) {
          const d = (b[j] as number) - 48;
          if (d < 0 || d > 9) break;
          fracMs += d * scale;
          scale /= 10;
        }
        if (j === i + 1) return false;
        i = j;
      }
    }
  }
  let offsetMin = 0;
  if (i < to) {
    c = b[i] as number;
    // 'Z' or 'z', last
    if ((c === 90 || c === 122) && i === to - 1) {
      i++;
    } else if (c === 43 || c === 45) {
      const oh = digits(b, i + 1, 2, to);
      let om = 0;
      let end = i + 3;
      if (end < to) {
        if (b[end] === 58) end++;
        om = digits(b, end, 2, to);
        end += 2;
      }
      if (oh < 0 || oh > 23 || om < 0 || om > 59 || end !== to) return false;
      offsetMin = (oh * 60 + om) * (c === 43 ? 1 : -1);
      i = to;
    } else {
      return false;
    }
  }
  if (i !== to) return false;
  const days = daysFromCivil(year, month, day);
  out.wholeMs = ((days * 24 + hour) * 60 + minute - offsetMin) * 60_000 + second * 1000;
  out.fracMs = fracMs;
  return true;
}

/**
 * Infers the unit of numeric epoch timestamps from the first value's magnitude: today's epoch is
 * about 1.8e9 s, 1.8e12 ms or 1.8e15 µs. Small numbers (relative times) are ambiguous: undefined.
 */
export function inferTimeUnit(first: number): TimeUnit | undefined {
  const a = Math.abs(first);
  if (a >= 1e14 && a < 1e17) return 'us';
  if (a >= 1e11 && a < 1e14) return 'ms';
  if (a >= 1e8 && a < 1e11) return 's';
  return undefined;
}

/** ISO 8601 text of an epoch ms value, with millisecond precision. */
export function isoOf(epochMs: number): string {
  return Number.isFinite(epochMs) ? new Date(epochMs).toISOString() : String(epochMs);
}

/** The refusal of --time-unit on a trace whose timestamps are ISO 8601 (the per-request reader's too). */
export function timeUnitOnIso(unit: string, first: string): string {
  return `--time-unit ${unit} says how to read numeric timestamps; this trace's are ISO 8601 ("${first}"): drop --time-unit`;
}
