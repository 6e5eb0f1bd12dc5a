/**
 * From the points' simulation results to a sweep report: one summary row per point, the Pareto front
 * of monthly cost and p99 latency, and recommendations, each with its reason in one line.
 *
 * Two points cost "the same" when their monthly costs differ by less than a billionth of the larger
 * (plus $1e-12): bills that are equal on paper can differ in the last bits of a float, e.g. when the
 * free tier cancels them to zero, and such noise must not decide a recommendation.
 */
import { describeDurationModel, runTimeFactor } from '../memory/model.js';
import {
  powerTuningBaseCost,
  powerTuningPick,
  powerTuningPrice,
  type PowerTuningStrategy,
} from '../memory/power-tuning.js';
import { allProviders, findProvider } from '../providers/registry.js';
import { int, ms, num, pct } from '../report/format.js';
import { sweepMoney } from './money.js';
import type { SimulationResult } from '../simulate.js';
import { formatDurationMs } from '../util/units.js';
import {
  DEFAULT_CRITERIA,
  SWEEP_SCHEMA,
  type PointOutcome,
  type Recommendation,
  type RecommendationKind,
  type SweepCriteria,
  type SweepPoint,
  type SweepReport,
} from './types.js';

const MAIN_LINES = new Set(['requests', 'duration', 'init']);

export function summarizePoint(point: SweepPoint, r: SimulationResult): PointOutcome {
  const c = point.config;
  const line = (id: string): number => r.cost.lines.find((l) => l.id === id)?.monthlyUsd ?? 0;
  const other = r.cost.lines.filter((l) => !MAIN_LINES.has(l.id)).reduce((a, l) => a + l.monthlyUsd, 0);
  const o = r.outcomes;
  const f = c.durationModel
    ? runTimeFactor(c.durationModel, c.memoryMb, c.arch)
    : { factor: 1, extrapolated: false };
  const warmMean = o.latency.warm.count > 0 ? o.latency.warm.meanMs : o.latency.all.meanMs;
  const extra = Object.entries(point.settings)
    .filter(([k]) => k !== 'memory' && k !== 'arch')
    .map(([k, v]) => `${k} ${v}`);
  return {
    index: point.index,
    settings: point.settings,
    label: [`${int(c.memoryMb)} MB ${c.arch}`, ...extra].join(', '),
    memoryMb: c.memoryMb,
    arch: c.arch,
    runTimeFactor: f.factor,
    extrapolated: f.extrapolated,
    requests: o.requests,
    monthlyUsd: r.cost.monthlyUsd,
    usdPerMillionRequests: r.cost.usdPerMillionRequests,
    cost: { requests: line('requests'), duration: line('duration'), init: line('init'), other },
    coldStartRate: o.coldStartRate,
    servedCold: o.servedCold,
    throttled: o.throttledSync + o.asyncDropped,
    latency: {
      p50Ms: o.latency.all.p50Ms,
      p95Ms: o.latency.all.p95Ms,
      p99Ms: o.latency.all.p99Ms,
      meanMs: o.latency.all.meanMs,
      maxMs: o.latency.all.maxMs,
    },
    warmMeanMs: warmMean,
    peakConcurrency: o.peakConcurrency,
    init: r.config.init,
    pareto: false,
    ...feasibilityOf(r),
    powerTuning: {
      averagePrice: isPowerTuned(c.provider)
        ? powerTuningPrice(warmMean, c.memoryMb, powerTuningBaseCost()[c.arch])
        : NaN,
      averageDuration: warmMean,
    },
  };
}

/** Whether the point's configuration could run the trace, from what its simulation counted. */
function feasibilityOf(r: SimulationResult): { feasible: boolean; infeasible: string[] } {
  const infeasible: string[] = [];
  const t = r.overTimeout;
  if (t) {
    infeasible.push(
      `${int(t.requests)} request${t.requests === 1 ? ' runs' : 's run'} past ${r.config.providerLabel}'s timeout of ${formatDurationMs(t.timeoutMs)} at ${int(t.atMemoryMb)} MB (the longest ${formatDurationMs(t.longestRunMs)})`,
    );
  }
  const m = r.overMemory;
  if (m)
    infeasible.push(
      `${int(m.requests)} request${m.requests === 1 ? ' uses' : 's use'} more than ${int(m.atMemoryMb)} MB (up to ${int(m.largestUsedMb)} MB, memory_used_mb)`,
    );
  return { feasible: infeasible.length === 0, infeasible };
}

/** Marks points below --min-memory infeasible. */
function applyMinMemory(rows: PointOutcome[], minMemoryMb: number | null): void {
  if (minMemoryMb === null) return;
  for (const p of rows) {
    if (p.memoryMb < minMemoryMb) {
      p.infeasible.push(`${int(p.memoryMb)} MB is below --min-memory ${int(minMemoryMb)} MB`);
      p.feasible = false;
    }
  }
}

/**
 * Why no point can be recommended on memory, or null: with no duration model run time is the same at
 * every size, so the smallest size is always the cheapest and nothing the sweep says about memory
 * would be true of the function.
 */
function noDurationModelReason(points: readonly SweepPoint[]): string | null {
  const modelled = points.some((p) => p.config.durationModel && p.config.durationModel.curve.kind !== 'none');
  const sizes = new Set(points.map((p) => p.config.memoryMb));
  if (modelled || sizes.size < 2) return null;
  return 'no memory size is recommended: with no duration model (--duration-model none) run time is the same at every size, so the smallest size is always the cheapest; give a duration model (cpu-share:F, measured:FILE.csv or power-tuning:FILE.json, see docs/sweep.md)';
}

const COST_RELATIVE_TOLERANCE = 1e-9;
const COST_ABSOLUTE_TOLERANCE = 1e-12;

/** Equal monthly costs, within float noise (see above). */
export function sameCost(a: number, b: number): boolean {
  return (
    Math.abs(a - b) <= COST_RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)) + COST_ABSOLUTE_TOLERANCE
  );
}

/** Orders costs, treating costs within float noise as equal. */
export function compareCost(a: number, b: number): number {
  return sameCost(a, b) ? 0 : a - b;
}

/** p99 for comparisons: a point that served nothing is slowest. */
const p99Of = (p: PointOutcome): number => (Number.isNaN(p.latency.p99Ms) ? Infinity : p.latency.p99Ms);
const meanOf = (p: PointOutcome): number => (Number.isNaN(p.latency.meanMs) ? Infinity : p.latency.meanMs);

/** Sort order of a report: memory, then architecture, then grid order. */
function comparePoints(a: PointOutcome, b: PointOutcome): number {
  return (
    a.memoryMb - b.memoryMb || (a.arch === b.arch ? 0 : a.arch === 'x86_64' ? -1 : 1) || a.index - b.index
  );
}

/**
 * Marks the Pareto front of (monthly cost, p99) among the feasible points: a point is off it when
 * another is no worse in both and better in one; an infeasible point is never on it.
 */
export function markPareto(points: PointOutcome[]): void {
  for (const p of points) {
    p.pareto =
      p.feasible &&
      !points.some((q) => {
        if (!q.feasible) return false;
        const c = compareCost(q.monthlyUsd, p.monthlyUsd);
        return q !== p && c <= 0 && p99Of(q) <= p99Of(p) && (c < 0 || p99Of(q) < p99Of(p));
      });
  }
}

/** Lowest monthly cost; ties to the lower p99, then to the report order. */
export function cheapest(points: readonly PointOutcome[]): PointOutcome | undefined {
  return argmin(points, (a, b) => compareCost(a.monthlyUsd, b.monthlyUsd) || p99Of(a) - p99Of(b));
}

/** Lowest p99; ties to the lower cost, then to the report order. */
export function fastest(points: readonly PointOutcome[]): PointOutcome | undefined {
  return argmin(points, (a, b) => p99Of(a) - p99Of(b) || compareCost(a.monthlyUsd, b.monthlyUsd));
}

/** Power Tuning's balanced score: w·cost/maxCost + (1−w)·time/maxTime. */
export function balancedScores(
  points: readonly PointOutcome[],
  weight: number,
  metric: 'p99' | 'mean',
): number[] {
  const w = Math.min(Math.max(weight, 0), 1);
  const time = metric === 'p99' ? p99Of : meanOf;
  const finite = (xs: number[]): number[] => xs.filter(Number.isFinite);
  const maxCost = Math.max(...finite(points.map((p) => p.monthlyUsd)));
  const maxTime = Math.max(...finite(points.map(time)));
  // all (nearly) free: the cost term carries no information
  const costTerm = (x: number): number => (maxCost > COST_ABSOLUTE_TOLERANCE ? (w * x) / maxCost : 0);
  return points.map((p) => costTerm(p.monthlyUsd) + (maxTime > 0 ? ((1 - w) * time(p)) / maxTime : 0));
}

function argmin<T>(xs: readonly T[], cmp: (a: T, b: T) => number): T | undefined {
  let best: T | undefined;
  for (const x of xs) if (best === undefined || cmp(x, best) < 0) best = x;
  return best;
}

export interface AnalyzeInput {
  points: readonly SweepPoint[];
  /** results in the same order as points */
  results: readonly SimulationResult[];
  criteria?: Partial<SweepCriteria>;
  /** the swept dimensions, for the report (default: read from the points' settings) */
  dimensions?: { name: string; values: string[] }[];
  /** extra assumption lines */
  notes?: string[];
}

export function analyzeSweep(input: AnalyzeInput): SweepReport {
  const criteria: SweepCriteria = { ...DEFAULT_CRITERIA, ...input.criteria };
  const { points, results } = input;
  if (points.length === 0 || results.length !== points.length)
    throw new Error('analyzeSweep needs one result per point, and at least one point');
  const rows = points.map((p, i) => summarizePoint(p, results[i] as SimulationResult)).sort(comparePoints);
  applyMinMemory(rows, criteria.minMemoryMb);
  markPareto(rows);
  const feasible = rows.filter((r) => r.feasible);
  const withheld = noDurationModelReason(points);
  const first = results[0] as SimulationResult;
  const model = points[0]!.config.durationModel;
  const dims = input.dimensions ?? dimensionsOf(points);
  const assumptions = [...(input.notes ?? [])];
  if (rows.some((r) => r.extrapolated))
    assumptions.push(
      'points marked ~ lie outside the measured points of the duration model: their run times are extrapolated (--extrapolate)',
    );
  if (model && model.armSpeedFactor !== 1)
    assumptions.push(
      `arm64 speed factor ${model.armSpeedFactor}: arm64 run time = x86_64 run time / ${model.armSpeedFactor} (run times measured on ${model.measuredArch})`,
    );
  const powerTuningNote = powerTuningScope(results);
  if (powerTuningNote !== null) assumptions.push(powerTuningNote);
  for (const r of results) for (const a of r.assumptions) if (!assumptions.includes(a)) assumptions.push(a);
  return {
    schema: SWEEP_SCHEMA,
    trace: first.trace,
    grid: { size: points.length, dimensions: dims },
    durationModel: model ? describeDurationModel(model) : null,
    criteria,
    points: rows,
    recommendations:
      withheld !== null
        ? withhold(withheld, criteria)
        : feasible.length === 0
          ? withhold(noneFeasible(rows), criteria)
          : recommend(feasible, criteria, rows.length - feasible.length, sweepMoney(rows)),
    powerTuning: withheld !== null ? [] : powerTuningView(feasible, criteria.balancedWeight),
    latencyAccuracy: results.every((r) => r.latencyAccuracy.exact)
      ? { exact: true, relativeError: 0 }
      : { exact: false, relativeError: Math.max(...results.map((r) => r.latencyAccuracy.relativeError)) },
    assumptions,
  };
}

function dimensionsOf(points: readonly SweepPoint[]): { name: string; values: string[] }[] {
  const names: string[] = [];
  for (const p of points) for (const k of Object.keys(p.settings)) if (!names.includes(k)) names.push(k);
  return names.map((name) => ({ name, values: [...new Set(points.map((p) => p.settings[name] ?? ''))] }));
}

/** One recommendation of each kind asked for, none of them a point, each with the reason. */
function withhold(reason: string, criteria: SweepCriteria): Recommendation[] {
  const kinds: RecommendationKind[] = ['cheapest', 'fastest', 'balanced'];
  if (criteria.maxP99Ms !== null || criteria.maxColdStartRate !== null || criteria.maxMonthlyUsd !== null)
    kinds.push('constrained');
  return kinds.map((kind) => ({ kind, index: null, reason }));
}

function noneFeasible(rows: readonly PointOutcome[]): string {
  return `no point is feasible: ${rows.map((r) => `${r.label}: ${r.infeasible.join('; ')}`).join('; ')}`;
}

/** Picks among `rows`, which the caller has reduced to the feasible points. */
/** `usd` formats money as the report's table does (default: for these rows alone). */
export function recommend(
  rows: readonly PointOutcome[],
  criteria: SweepCriteria,
  infeasible = 0,
  usd = sweepMoney(rows),
): Recommendation[] {
  const out: Recommendation[] = [];
  const n = rows.length;
  const cheap = cheapest(rows) as PointOutcome;
  const tied = rows.filter((r) => r !== cheap && sameCost(r.monthlyUsd, cheap.monthlyUsd)).length;
  out.push({
    kind: 'cheapest',
    index: cheap.index,
    reason:
      `${cheap.label}: ${usd(cheap.monthlyUsd)} a month (${usd(cheap.usdPerMillionRequests)} per million requests), the lowest of ${n} ${infeasible > 0 ? 'feasible ' : ''}point${n === 1 ? '' : 's'}` +
      (infeasible > 0 ? ` (${infeasible} infeasible, not considered)` : '') +
      (tied > 0
        ? `; ${tied} other${tied === 1 ? ' costs' : 's cost'} the same, this one is the fastest of them (p99 ${ms(cheap.latency.p99Ms)})`
        : ''),
  });

  const fast = fastest(rows) as PointOutcome;
  const sameTime = rows.filter((r) => r !== fast && p99Of(r) === p99Of(fast)).length;
  const extra = sameCost(fast.monthlyUsd, cheap.monthlyUsd) ? 0 : fast.monthlyUsd / cheap.monthlyUsd - 1;
  out.push({
    kind: 'fastest',
    index: fast.index,
    reason:
      `${fast.label}: p99 ${ms(fast.latency.p99Ms)}, the lowest` +
      (sameTime > 0
        ? ` (tied with ${sameTime} other${sameTime === 1 ? '' : 's'}, the cheapest of them)`
        : '') +
      `; ${usd(fast.monthlyUsd)} a month, ${fast === cheap || extra === 0 ? 'as cheap as the cheapest' : `${pct(extra, 1)} more than the cheapest`}`,
  });

  const scores = balancedScores(rows, criteria.balancedWeight, criteria.balancedMetric);
  let bi = 0;
  for (let i = 1; i < rows.length; i++) {
    const d = (scores[i] as number) - (scores[bi] as number);
    if (d < 0 || (d === 0 && compareCost(rows[i]!.monthlyUsd, rows[bi]!.monthlyUsd) < 0)) bi = i;
  }
  const bal = rows[bi] as PointOutcome;
  const w = Math.min(Math.max(criteria.balancedWeight, 0), 1);
  const timeName = criteria.balancedMetric === 'p99' ? 'p99' : 'mean latency';
  const maxCost = Math.max(...rows.map((r) => r.monthlyUsd).filter(Number.isFinite));
  const maxTime = Math.max(
    ...rows.map(criteria.balancedMetric === 'p99' ? p99Of : meanOf).filter(Number.isFinite),
  );
  out.push({
    kind: 'balanced',
    index: bal.index,
    reason:
      `${bal.label}: lowest ${num(w, 2)} × cost/${usd(maxCost)} + ${num(1 - w, 2)} × ${timeName}/${ms(maxTime)} = ${num(scores[bi] as number, 3)} (Power Tuning's balanced score; ${usd(bal.monthlyUsd)} a month, ${timeName} ${ms(criteria.balancedMetric === 'p99' ? bal.latency.p99Ms : bal.latency.meanMs)})` +
      (sameCost(maxCost, 0) ? '; every point costs $0, so only time counts' : ''),
  });

  const cons: { text: string; ok: (r: PointOutcome) => boolean }[] = [];
  if (criteria.maxP99Ms !== null)
    cons.push({
      text: `p99 ≤ ${ms(criteria.maxP99Ms)}`,
      ok: (r) => p99Of(r) <= (criteria.maxP99Ms as number),
    });
  if (criteria.maxColdStartRate !== null)
    cons.push({
      text: `cold-start rate ≤ ${pct(criteria.maxColdStartRate)}`,
      ok: (r) => r.coldStartRate <= (criteria.maxColdStartRate as number),
    });
  if (criteria.maxMonthlyUsd !== null)
    cons.push({
      text: `cost ≤ ${usd(criteria.maxMonthlyUsd)} a month`,
      ok: (r) => compareCost(r.monthlyUsd, criteria.maxMonthlyUsd as number) <= 0,
    });
  if (cons.length > 0) {
    const all = cons.map((c) => c.text).join(' and ');
    const feasible = rows.filter((r) => cons.every((c) => c.ok(r)));
    const pick = cheapest(feasible);
    if (pick) {
      out.push({
        kind: 'constrained',
        index: pick.index,
        reason: `${pick.label}: ${usd(pick.monthlyUsd)} a month, the cheapest of ${feasible.length} of ${n} points with ${all} (p99 ${ms(pick.latency.p99Ms)}, cold starts ${pct(pick.coldStartRate)})`,
      });
    } else {
      const each = cons.map((c) => {
        const k = rows.filter(c.ok).length;
        return `${c.text}: ${k === 0 ? 'none' : `${k} of ${n}`}`;
      });
      const bestCold = argmin(rows, (a, b) => a.coldStartRate - b.coldStartRate) as PointOutcome;
      const hints: string[] = [];
      if (criteria.maxP99Ms !== null) hints.push(`lowest p99 ${ms(fast.latency.p99Ms)} at ${fast.label}`);
      if (criteria.maxColdStartRate !== null)
        hints.push(`lowest cold-start rate ${pct(bestCold.coldStartRate)} at ${bestCold.label}`);
      if (criteria.maxMonthlyUsd !== null)
        hints.push(`lowest cost ${usd(cheap.monthlyUsd)} at ${cheap.label}`);
      out.push({
        kind: 'constrained',
        index: null,
        reason: `no point meets ${all} (${each.join('; ')}); ${hints.join('; ')}`,
      });
    }
  }
  return out;
}

/** Power Tuning tunes and prices one platform (Provider.powerTuned): its picks mean something there only. */
function isPowerTuned(providerId: string): boolean {
  return findProvider(providerId)?.powerTuned === true;
}

/** Why Power Tuning's pick is absent or covers only some points (its price is Lambda's), or null when every point is Lambda. */
function powerTuningScope(results: readonly SimulationResult[]): string | null {
  const others = [
    ...new Set(results.filter((r) => !isPowerTuned(r.config.provider)).map((r) => r.config.providerLabel)),
  ];
  if (others.length === 0) return null;
  const lambda = allProviders().find((p) => p.powerTuned === true)?.label ?? 'the platform it tunes';
  if (results.every((r) => !isPowerTuned(r.config.provider))) {
    return `Power Tuning's pick is not shown: it prices with ${lambda}'s per-ms price, which means nothing for ${others.join(', ')}`;
  }
  return `Power Tuning's pick is among the ${lambda} points only: it prices with ${lambda}'s per-ms price`;
}

/**
 * What Power Tuning would pick on the same points with its own cost: ceil(mean warm run time) × its
 * per-ms price at 128 MB × MB/128, no request charge, no INIT, no tiers, and its mean duration. Only
 * AWS Lambda points have that price (NaN elsewhere), so only they are considered.
 */
export function powerTuningView(rows: readonly PointOutcome[], weight: number): SweepReport['powerTuning'] {
  const stats = rows
    .filter((r) => Number.isFinite(r.powerTuning.averagePrice))
    .map((r) => ({
      value: r.memoryMb,
      averagePrice: r.powerTuning.averagePrice,
      averageDuration: r.powerTuning.averageDuration,
      row: r,
    }));
  if (stats.length === 0) return [];
  return (['cost', 'speed', 'balanced'] as PowerTuningStrategy[]).map((strategy) => {
    const s = powerTuningPick(stats, strategy, weight);
    const r = s.row;
    const what =
      strategy === 'cost'
        ? `${num(s.averagePrice * 1e6, 4)} USD per million invocations, duration only`
        : strategy === 'speed'
          ? `mean ${ms(s.averageDuration)}`
          : `weight ${num(weight, 2)} on its cost and mean duration`;
    return { strategy, index: r.index, reason: `${r.label}: ${what}` };
  });
}
