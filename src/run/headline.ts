/**
 * The five figures a pull-request comment and a CI gate look at (issue 13 §4): monthly cost, cost
 * per million requests, cold-start rate, throttles and p99. One definition, so the Markdown headline,
 * the baseline deltas and --fail-if all mean the same thing by "throttles" or "p99".
 */
// the figures a result holds, not the result type: result.ts takes `Headline` from here for its baseline
import type { OutcomeStats } from '../metrics/metrics.js';
import type { CostReport } from '../pricing/cost.js';

export interface Headline {
  monthlyUsd: number;
  usdPerMillionRequests: number;
  /** servedCold / requests, a fraction */
  coldStartRate: number;
  /** user requests not served: sync 429s plus async events dropped after their maximum age (as `faasim compare` counts them) */
  throttles: number;
  /** p99 of every user request's latency (warm and cold), ms */
  p99Ms: number;
}

export function headlineOf(r: { cost: CostReport; outcomes: OutcomeStats }): Headline {
  return {
    monthlyUsd: r.cost.monthlyUsd,
    usdPerMillionRequests: r.cost.usdPerMillionRequests,
    coldStartRate: r.outcomes.coldStartRate,
    throttles: r.outcomes.throttledSync + r.outcomes.asyncDropped,
    p99Ms: r.outcomes.latency.all.p99Ms,
  };
}

/** The figures deltas are shown for, in a fixed order, with how each is written. */
export const HEADLINE_METRICS = [
  { key: 'monthlyUsd', label: 'monthly cost', unit: 'USD' },
  { key: 'usdPerMillionRequests', label: 'cost per million requests', unit: 'USD' },
  { key: 'coldStartRate', label: 'cold-start rate', unit: 'fraction' },
  { key: 'throttles', label: 'throttles', unit: 'requests' },
  { key: 'p99Ms', label: 'p99 latency', unit: 'ms' },
] as const satisfies readonly { key: keyof Headline; label: string; unit: string }[];
