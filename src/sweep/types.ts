/** A sweep: a grid of configurations, each a full simulation of the whole trace, then compared. */
import type { SimulationConfig } from '../config.js';
import type { DurationModelDescription } from '../memory/model.js';
import type { TraceSummary } from '../simulate.js';
import type { Architecture } from '../providers/types.js';
import type { FigurePatch } from '../pricing/figure.js';

export const SWEEP_SCHEMA = 'faasim.sweep/v1';

export interface SweepPoint {
  /** position in the grid, in expansion order */
  index: number;
  /** the swept settings of this point as text, keyed by setting name: { memory: '512', arch: 'arm64' } */
  settings: Record<string, string>;
  config: SimulationConfig;
  /** figure values replaced in the price sheets for this point (a sensitivity rerun); absent: none */
  patches?: readonly FigurePatch[];
}

export interface SweepCriteria {
  /** w in Power Tuning's balanced score w·cost/maxCost + (1−w)·time/maxTime */
  balancedWeight: number;
  /** time in the balanced score: p99 latency, or mean latency (Power Tuning uses a mean) */
  balancedMetric: 'p99' | 'mean';
  maxP99Ms: number | null;
  /** fraction, 0.01 = 1% */
  maxColdStartRate: number | null;
  /** monthly USD */
  maxMonthlyUsd: number | null;
  /** the least memory the function needs (--min-memory), where the trace does not say what it uses */
  minMemoryMb: number | null;
}

export const DEFAULT_CRITERIA: SweepCriteria = {
  balancedWeight: 0.5,
  balancedMetric: 'p99',
  maxP99Ms: null,
  maxColdStartRate: null,
  maxMonthlyUsd: null,
  minMemoryMb: null,
};

export interface PointOutcome {
  index: number;
  settings: Record<string, string>;
  /** short label: "1,024 MB x86_64", plus other swept settings */
  label: string;
  memoryMb: number;
  arch: Architecture;
  /** run time multiplier the duration model gave this point (1 = as observed) */
  runTimeFactor: number;
  /** the duration model extrapolated beyond its measured points here */
  extrapolated: boolean;
  requests: number;
  monthlyUsd: number;
  usdPerMillionRequests: number;
  /** main monthly cost lines in USD; other = every remaining line (provisioned, pings, storage, free tier) */
  cost: { requests: number; duration: number; init: number; other: number };
  coldStartRate: number;
  servedCold: number;
  /** sync requests throttled and async events dropped */
  throttled: number;
  latency: { p50Ms: number; p95Ms: number; p99Ms: number; meanMs: number; maxMs: number };
  /** mean latency of warm requests (what Power Tuning's trimmed mean mostly measures) */
  warmMeanMs: number;
  peakConcurrency: number;
  /** the INIT model used at this point */
  init: string;
  /** on the Pareto front of monthly cost and p99 among the feasible points: no other is at least as cheap and as fast, and better in one */
  pareto: boolean;
  /** the configuration can run the trace: no request past the timeout, none over its memory, not below --min-memory */
  feasible: boolean;
  /** why not, one line each (empty when feasible) */
  infeasible: string[];
  /** what Power Tuning would report for this point: ceil(warm mean) × its per-ms price (AWS Lambda points only, else NaN: null in JSON), and the warm mean */
  powerTuning: { averagePrice: number; averageDuration: number };
}

export type RecommendationKind = 'cheapest' | 'fastest' | 'balanced' | 'constrained';

export interface Recommendation {
  kind: RecommendationKind;
  /** PointOutcome.index of the pick, null when no point qualifies */
  index: number | null;
  /** one line */
  reason: string;
}

export interface SweepReport {
  schema: typeof SWEEP_SCHEMA;
  trace: TraceSummary;
  grid: { size: number; dimensions: { name: string; values: string[] }[] };
  durationModel: DurationModelDescription | null;
  criteria: SweepCriteria;
  /** sorted by memory, then architecture, then grid order */
  points: PointOutcome[];
  recommendations: Recommendation[];
  /** Power Tuning's picks on the same points with its own cost formula (duration only, warm mean): among the AWS Lambda points, empty without any */
  powerTuning: { strategy: 'cost' | 'speed' | 'balanced'; index: number; reason: string }[];
  latencyAccuracy: { exact: boolean; relativeError: number };
  assumptions: string[];
  /** present with --replicates N > 1: each point's headline figures over N seeds (src/certainty/) */
  replicates?: SweepReplicates;
}

/** a mean over seeds and its 95 % confidence interval */
export interface SweepInterval {
  mean: number;
  low: number;
  high: number;
  n: number;
}

export interface SweepReplicates {
  /** seeds per point: each point's seed, +1, …, +n−1 */
  n: number;
  confidence: 0.95;
  method: string;
  /** in the order of `points`; `index` is PointOutcome.index; the point's own row is its first seed's run */
  points: {
    index: number;
    coldStartRate: SweepInterval;
    throttled: SweepInterval;
    p99Ms: SweepInterval;
    monthlyUsd: SweepInterval;
  }[];
}
