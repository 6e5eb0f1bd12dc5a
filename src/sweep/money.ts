/**
 * Money for sweep reports, one way across a report (issue 12 §0: "$341.80, $629.00, $2.90", not
 * "$341.8, $629, $2.9"): grouped, with one number of decimals for every amount of the report (see
 * moneyColumns), so that amounts line up and compare.
 */
import type { PointOutcome } from './types.js';

/** Free-tier credits leave float noise such as -1e-18 where the bill is zero. */
const ZERO_USD = 5e-13;

const MAX_DECIMALS = 8;

/**
 * A formatter for every amount of one table: two decimals, or more when the smallest non-zero
 * amount needs them to show two significant digits (a toy trace's $0.00078 request charge next to
 * its $10.70 bill), the same count for all.
 */
export function moneyColumns(amounts: readonly number[]): (x: number) => string {
  let smallest = Infinity;
  for (const a of amounts)
    if (Number.isFinite(a) && Math.abs(a) >= ZERO_USD) smallest = Math.min(smallest, Math.abs(a));
  const decimals =
    smallest >= 0.1 || smallest === Infinity
      ? 2
      : Math.min(MAX_DECIMALS, Math.max(2, 1 - Math.floor(Math.log10(smallest))));
  const f = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return (x) => {
    if (!Number.isFinite(x)) return '–';
    if (Math.abs(x) < ZERO_USD) return `$${f.format(0)}`;
    return `${x < 0 ? '-' : ''}$${f.format(Math.abs(x))}`;
  };
}

/** The one money format of a sweep report: its table, recommendations and chart. */
export function sweepMoney(points: readonly PointOutcome[]): (x: number) => string {
  return moneyColumns(
    points.flatMap((p) => [
      p.monthlyUsd,
      p.cost.requests,
      p.cost.duration,
      p.cost.init,
      p.cost.other,
      p.usdPerMillionRequests,
    ]),
  );
}
