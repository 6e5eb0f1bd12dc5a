/**
 * The log replayed with the fitted model: the same requests (times, run times, and the INIT of those
 * the log says were cold) through the simulator, its cold starts counted per hour next to the log's.
 */
import { DEFAULT_CONFIG, type SimulationConfig } from '../config.js';
import type { DistributionSpec } from '../model/distribution.js';
import type { KeepAliveSpec } from '../model/keep-alive.js';
import { INV, NullObserver } from '../model/observer.js';
import { simulateTrace } from '../simulate.js';
import type { Trace } from '../traces/trace.js';
import { chiSquareSurvival } from './stats.js';

const HOUR_MS = 3_600_000;
/** Hours are pooled until the simulated count reaches this, as a chi-square test needs. */
const MIN_EXPECTED = 5;

export interface ReplayOptions {
  provider: string;
  seed: number;
  /** simulations averaged (their seeds seed, seed + 1, ...): a keep-alive range draws at random */
  replays: number;
  pricingDir?: string;
}

export interface ReplayResult {
  replays: number;
  hours: number;
  /** requests compared: all but each function's first */
  requests: number;
  observedColdStarts: number;
  /** mean over the replays */
  simulatedColdStarts: number;
  observedPerHour: number[];
  simulatedPerHour: number[];
  /** Pearson chi-square over hours pooled so each expects ≥ 5 simulated cold starts; null with fewer than 2 pools */
  chiSquare: { statistic: number; df: number; pValue: number; pools: number } | null;
}

/** Cold starts per hour, each function's first request left out (see `replay`). */
class ColdByHour extends NullObserver {
  readonly #seen = new Set<number>();
  constructor(
    readonly counts: Float64Array,
    readonly originMs: number,
  ) {
    super();
  }
  override onInvocation(fn: number, flags: number, arrivalMs: number): void {
    if ((flags & INV.ping) !== 0) return;
    if (!this.#seen.has(fn)) {
      this.#seen.add(fn);
      return;
    }
    if ((flags & INV.cold) === 0) return;
    const h = Math.min(this.counts.length - 1, Math.floor((arrivalMs - this.originMs) / HOUR_MS));
    this.counts[h] = (this.counts[h] as number) + 1;
  }
}

export function replayConfig(
  keepAlive: KeepAliveSpec,
  init: DistributionSpec | null,
  perFunctionInit: Record<string, DistributionSpec>,
  hasDurations: boolean,
  opts: ReplayOptions,
): SimulationConfig {
  const functions: SimulationConfig['functions'] = {};
  for (const [name, spec] of Object.entries(perFunctionInit)) functions[name] = { init: spec };
  return {
    ...DEFAULT_CONFIG,
    provider: opts.provider,
    keepAlive,
    init,
    // gaps were measured with run time 0 where the log has none; the replay does the same
    duration: hasDurations ? null : { kind: 'constant', ms: 0 },
    functions,
    seed: opts.seed,
  };
}

/**
 * Each function's first request is left out of both counts: the simulation starts with no instance,
 * so it is always cold there, while in the log an instance may have been warm from before the log began.
 */
export function replay(trace: Trace, config: SimulationConfig, opts: ReplayOptions): ReplayResult {
  const { data, info } = trace;
  const seen = new Uint8Array(info.functionNames.length);
  const origin = info.firstMs;
  const hours = Math.max(1, Math.ceil((info.lastMs - origin + 1) / HOUR_MS));
  const observed = new Float64Array(hours);
  let observedTotal = 0;
  let compared = 0;
  for (let i = 0; i < data.count; i++) {
    const f = data.fn[i] as number;
    if (seen[f] === 0) {
      seen[f] = 1;
      continue;
    }
    compared++;
    if (data.isCold[i] !== 1) continue;
    const h = Math.min(hours - 1, Math.floor(((data.timeMs[i] as number) - origin) / HOUR_MS));
    observed[h] = (observed[h] as number) + 1;
    observedTotal++;
  }
  const simulated = new Float64Array(hours);
  for (let r = 0; r < opts.replays; r++) {
    const counter = new ColdByHour(new Float64Array(hours), origin);
    simulateTrace(
      trace,
      { ...config, seed: opts.seed + r },
      { observers: [counter], ...(opts.pricingDir ? { pricingDir: opts.pricingDir } : {}) },
    );
    for (let h = 0; h < hours; h++)
      simulated[h] = (simulated[h] as number) + (counter.counts[h] as number) / opts.replays;
  }
  let simulatedTotal = 0;
  for (const v of simulated) simulatedTotal += v;
  return {
    replays: opts.replays,
    hours,
    requests: compared,
    observedColdStarts: observedTotal,
    simulatedColdStarts: simulatedTotal,
    observedPerHour: Array.from(observed),
    simulatedPerHour: Array.from(simulated, (v) => Math.round(v * 1000) / 1000),
    chiSquare: chiSquare(observed, simulated),
  };
}

/**
 * Σ (O − E)² / E over pools of consecutive hours, each pool closed once its E reaches 5 (the last
 * pool takes any remainder). df = pools − 1, as for counts compared with a model's.
 */
export function chiSquare(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
): ReplayResult['chiSquare'] {
  const pools: { o: number; e: number }[] = [];
  let o = 0,
    e = 0;
  for (let h = 0; h < observed.length; h++) {
    o += observed[h] as number;
    e += expected[h] as number;
    if (e >= MIN_EXPECTED) {
      pools.push({ o, e });
      o = 0;
      e = 0;
    }
  }
  if (o > 0 || e > 0) {
    const last = pools[pools.length - 1];
    if (last) {
      last.o += o;
      last.e += e;
    } else pools.push({ o, e });
  }
  if (pools.length < 2) return null;
  let stat = 0;
  for (const p of pools) stat += ((p.o - p.e) * (p.o - p.e)) / p.e;
  const df = pools.length - 1;
  return { statistic: stat, df, pValue: chiSquareSurvival(stat, df), pools: pools.length };
}
