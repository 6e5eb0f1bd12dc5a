/**
 * Number(text) for the plain decimals traces are made of ("1767225600003.618", "92.41", "120"),
 * about twice as fast: Number() on a string is a call into the runtime, and a trace has two or three
 * numbers a row.
 *
 * Exact, not approximate: digits with at most one '.', whose digits form an integer m < 2^53 and
 * that have e ≤ 22 digits after the point, are m / 10^e, where m and 10^e are exact doubles, so the
 * one division is correctly rounded — the same double Number() gives (Clinger's fast path). Other
 * decimal text (a sign, an exponent, too many digits) goes to Number() itself.
 *
 * Only decimal notation is a number in a trace: `[+-]digits[.digits][e[+-]digits]` (either side of
 * the point may be empty, not both). Number() would also take "0x10", "0b11", "0o7", "Infinity" and
 * surrounding spaces; those are NaN here, so a cell holding them is refused as not a number.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function strictNumber(text: string): number {
  return DECIMAL.test(text) ? Number(text) : NaN;
}

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

export function parseDecimal(text: string): number {
  const n = text.length;
  let m = 0;
  let i = 0;
  let c = 0;
  for (; i < n; i++) {
    c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    m = m * 10 + c;
  }
  let e = 0;
  if (i < n) {
    if (c !== -2) return strictNumber(text); // not '.'
    const start = ++i;
    for (; i < n; i++) {
      c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return strictNumber(text);
      m = m * 10 + c;
    }
    e = n - start;
    if (start === 1 && e === 0) return strictNumber(text); // "."
  } else if (n === 0) {
    return strictNumber(text); // "" is 0 for Number()
  }
  // once m passes 2^53 it stays above it, however inexact the later digits made it
  if (m > 9007199254740991 || e > 22) return Number(text);
  return e === 0 ? m : m / (POW10[e] as number);
}
