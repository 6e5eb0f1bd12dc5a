/** Number formatting for reports: fixed, grouped, never locale-dependent. */

const grouped = (digits: number) =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const INT = grouped(0);
const F1 = grouped(1);
const F2 = grouped(2);

export function int(x: number): string {
  return Number.isFinite(x) ? INT.format(x) : '–';
}

export function num(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return '–';
  return digits === 1 ? F1.format(x) : digits === 2 ? F2.format(x) : grouped(digits).format(x);
}

export function usd(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const abs = Math.abs(x);
  // sub-cent amounts keep three significant digits, written out in full ($0.000000532, not $5.32e-7)
  const s = abs !== 0 && abs < 0.01 ? `$${subCent(abs)}` : `$${F2.format(abs)}`;
  return x < 0 ? `-${s}` : s;
}

/** Free-tier credits leave float noise such as -1e-18 where a bill is zero. */
const ZERO_USD = 5e-13;
const CENT = 0.01;
const ZERO_CELL = `$${F2.format(0)}`;

/**
 * One format for a column of money (issue 12 §0: "$341.80, $629.00, $2.90"), from every amount the
 * column shows:
 * - a column with an amount of a cent or more is in cents, grouped ($1,234.50); an amount too small
 *   to show in cents, but not zero, is "<$0.01" (it is not nothing; JSON and CSV keep it exact);
 * - a column whose every amount is below a cent (a toy trace's span) gives them all the decimals
 *   that show three significant digits of its smallest non-zero amount ($0.00113, $0.0000202 →
 *   $0.0011300, $0.0000202);
 * - zero (and a credit's float noise) is $0.00 in every column.
 */
export function usdColumn(amounts: readonly number[]): (x: number) => string {
  let largest = 0;
  let smallest = Infinity;
  for (const a of amounts) {
    const abs = Math.abs(a);
    if (!Number.isFinite(abs) || abs < ZERO_USD) continue;
    largest = Math.max(largest, abs);
    smallest = Math.min(smallest, abs);
  }
  const cents = largest >= CENT || smallest === Infinity;
  const f = cents ? F2 : grouped(Math.min(20, 2 - Math.floor(Math.log10(smallest))));
  return (x) => {
    if (!Number.isFinite(x)) return '–';
    const abs = Math.abs(x);
    // nothing is $0.00 in every column: a sub-cent column's digits ($0.0000000) would read as an
    // amount rounded away
    if (abs < ZERO_USD) return ZERO_CELL;
    const sign = x < 0 ? '-' : '';
    // half a cent and more rounds to $0.01 in cents
    if (cents && abs < CENT / 2) return `${sign}<$0.01`;
    return `${sign}$${f.format(abs)}`;
  };
}

function subCent(abs: number): string {
  const p = abs.toPrecision(3);
  return p.includes('e') ? abs.toFixed(Math.min(20, 2 - Math.floor(Math.log10(abs)))) : p;
}

/**
 * A fraction as a percentage with `digits` decimals, or more where those would round a non-zero
 * rate to 0% or a rate short of 1 to 100% (issue 12 §0: 141 cold starts in 20.8 M requests are
 * 0.0007%, not "0.00%").
 */
export function pct(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return '–';
  const v = x * 100;
  // decimals enough to show the leading digit of a small rate, or of a rate's distance from 100%
  const lead = (y: number): number => (y > 0 && y < 1 ? -Math.floor(Math.log10(y)) : 0);
  const d = Math.min(MAX_PCT_DIGITS, Math.max(digits, lead(Math.abs(v)), v < 100 ? lead(100 - v) : 0));
  return `${grouped(d).format(v)}%`;
}

const MAX_PCT_DIGITS = 10;

export function ms(x: number): string {
  if (!Number.isFinite(x)) return '–';
  return x >= 100 ? `${INT.format(x)} ms` : `${F1.format(x)} ms`;
}

/** Quantities with their unit, compact for large numbers. */
export function qty(x: number, unit: string): string {
  if (!Number.isFinite(x)) return '–';
  const n = Math.abs(x) >= 1000 || Number.isInteger(x) ? INT.format(x) : F2.format(x);
  return `${n} ${unit}`;
}

/** A mean request rate: a sparse trace's in requests an hour (12 over a day: 0.490 req/h, not "0.000 req/s"). */
export function meanRate(perS: number): string {
  return perS > 0 && perS < 0.01 ? `${num(perS * 3600, 3)} req/h` : `${num(perS, 3)} req/s`;
}
