/**
 * What a bill looks like, whatever the provider: named cost lines for a 30-day month, their share
 * for the trace's own span, and the figures they rest on.
 */
import type { Figure, UnconfirmedFigure } from './figure.js';

/** A 30-day month, the period every monthly figure refers to. */
export const MONTH_MS = 30 * 86_400_000;

export interface CostLine {
  /** stable id: requests, duration, init, provisioned-capacity, ... */
  id: string;
  label: string;
  /** the billed quantity for the month, in `unit` (after rounding, before free tier) */
  quantity: number;
  unit: string;
  monthlyUsd: number;
  /** the month's cost scaled to the trace's span */
  spanUsd: number;
  note?: string;
}

export interface CostReport {
  currency: 'USD';
  provider: string;
  region: string;
  lines: CostLine[];
  monthlyUsd: number;
  spanUsd: number;
  /** monthly cost per million user requests in the trace */
  usdPerMillionRequests: number;
  /** 30 days / span: what span quantities are multiplied by */
  monthFactor: number;
  /** prices applied, with their sources */
  pricesUsed: { name: string; figure: Figure }[];
  /** figures the bill rests on that no primary source confirms */
  unconfirmed: UnconfirmedFigure[];
  /** rules and assumptions in one line each */
  assumptions: string[];
}

export interface Tier {
  /** cumulative upper bound of the tier, null = unbounded */
  upto: number | null;
  price: number;
}

/** Cost of `quantity` priced through ascending cumulative tiers. */
export function tieredCost(quantity: number, tiers: Tier[]): number {
  let cost = 0;
  let lower = 0;
  for (const t of tiers) {
    const upper = t.upto ?? Infinity;
    if (quantity <= lower) break;
    cost += (Math.min(quantity, upper) - lower) * t.price;
    lower = upper;
  }
  return cost;
}

/** Builds a line from a monthly cost; the span share follows from the month factor. */
export function line(
  id: string,
  label: string,
  quantity: number,
  unit: string,
  monthlyUsd: number,
  monthFactor: number,
  note?: string,
): CostLine {
  const l: CostLine = { id, label, quantity, unit, monthlyUsd, spanUsd: monthlyUsd / monthFactor };
  if (note !== undefined) l.note = note;
  return l;
}

/** The lines every bill shows, used or not: what a request and its run time cost. */
const ALWAYS_LISTED = new Set(['requests', 'duration']);

/** The note of a meter's free-tier line when --free-tier is off (the meters write it so). */
export const FREE_TIER_OFF_NOTE = 'off (--free-tier to apply it)';

/**
 * The report lists only the lines the run used (issue 11 §4): a line with no quantity and no cost
 * (the free tier off, no provisioned concurrency, no cold starts, no pings) is left out of every
 * format, JSON included, so that the table, Markdown, CSV and JSON agree. A free-tier line with the
 * free tier on stays at zero: its note says why nothing was credited (on Lambda, not for functions
 * with provisioned concurrency, as the pricing page's text says).
 */
function used(l: CostLine): boolean {
  return (
    ALWAYS_LISTED.has(l.id) ||
    l.quantity !== 0 ||
    l.monthlyUsd !== 0 ||
    (l.id === 'free-tier' && l.note !== FREE_TIER_OFF_NOTE)
  );
}

export function finishReport(
  base: Omit<CostReport, 'monthlyUsd' | 'spanUsd' | 'usdPerMillionRequests'>,
  monthlyUserRequests: number,
): CostReport {
  const monthlyUsd = base.lines.reduce((a, l) => a + l.monthlyUsd, 0);
  return {
    ...base,
    lines: base.lines.filter(used),
    monthlyUsd,
    spanUsd: monthlyUsd / base.monthFactor,
    usdPerMillionRequests: monthlyUserRequests > 0 ? (monthlyUsd / monthlyUserRequests) * 1e6 : NaN,
  };
}
