/**
 * The simulations behind `faasim compare`: one trace run under strategy after strategy, memoised by
 * what a strategy sets. Its own module so that the break-even and the optimiser, which drive it,
 * and the comparison, which calls them, form no import cycle.
 */
import type { SimulationConfig } from '../config.js';
import type { OutcomeStats } from '../metrics/metrics.js';
import type { LoadedProvider } from '../providers/types.js';
import {
  provisionedCeiling,
  settingsOf,
  simulateReplay,
  type ProvisionedCeiling,
  type SimulationResult,
} from '../simulate.js';
import { asReplayable, type ReplayableTrace } from '../traces/replay.js';
import type { Trace } from '../traces/trace.js';
import { applyStrategy, type Strategy } from './strategy.js';

/** One simulation the comparison ran, for the trade-off chart. */
export interface Tried {
  family: Strategy['family'];
  setting: string;
  monthlyUsd: number;
  coldStartRate: number;
  p99Ms: number;
}

/** Simulations of several configurations at once (the worker pool), results in the same order. */
export type RunMany = (
  configs: SimulationConfig[],
  onDone?: (done: number) => void,
) => Promise<SimulationResult[]>;

/** Runs simulations of one trace, memoised by strategy, and records each for the chart. */
export class StrategyRunner {
  readonly #cache = new Map<string, SimulationResult>();
  #ceiling: ProvisionedCeiling | null | undefined;
  readonly tried: Tried[] = [];
  /** told the number of simulations after each new one (progress) */
  onSimulated: ((simulations: number) => void) | null = null;
  /** held in memory, or streamed from a spool on every run (traces/replay.ts) */
  readonly trace: ReplayableTrace;
  constructor(
    trace: Trace | ReplayableTrace,
    readonly base: SimulationConfig,
    readonly provider: LoadedProvider,
    readonly onlyFunction: string | null,
  ) {
    this.trace = asReplayable(trace);
  }

  /** Simulates a strategy once; strategies that set the same things share one run. */
  run(s: Strategy): SimulationResult {
    return (
      this.#cache.get(s.description) ??
      this.#record(s, simulateReplay(this.trace, this.configOf(s), this.provider))
    );
  }

  /** The configuration a strategy runs: the base with the strategy applied. */
  configOf(s: Strategy): SimulationConfig {
    return applyStrategy(this.base, s, this.onlyFunction);
  }

  #record(s: Strategy, r: SimulationResult): SimulationResult {
    this.#cache.set(s.description, r);
    this.onSimulated?.(this.#cache.size);
    const o = this.outcomes(r);
    this.tried.push({
      family: s.family,
      setting: s.name,
      monthlyUsd: r.cost.monthlyUsd,
      coldStartRate: o.coldStartRate,
      p99Ms: o.latency.all.p99Ms,
    });
    return r;
  }

  /**
   * Runs the strategies not simulated yet with `runMany` (the CLI passes the worker pool), and keeps
   * their results in the order given, as run() one after another would: the report is the same.
   */
  async prefetch(strategies: readonly Strategy[], runMany: RunMany): Promise<void> {
    const todo: Strategy[] = [];
    for (const s of strategies)
      if (!this.#cache.has(s.description) && !todo.some((t) => t.description === s.description)) todo.push(s);
    if (todo.length === 0) return;
    const results = await runMany(todo.map((s) => this.configOf(s)));
    todo.forEach((s, i) => this.#record(s, results[i] as SimulationResult));
  }

  /** The strategies simulated so far, by description. */
  ran(): Set<string> {
    return new Set(this.#cache.keys());
  }

  /** Outcomes of the function the strategies apply to, or of all. */
  outcomes(r: SimulationResult): OutcomeStats {
    if (this.onlyFunction === null) return r.outcomes;
    const f = r.functions.find((x) => x.name === this.onlyFunction);
    return f ? f.outcomes : r.outcomes;
  }

  /**
   * The highest provisioned level the base configuration allows the function(s) strategies apply to
   * (their caps on instances, the account's concurrency limit), or null: searches stay at or below it.
   */
  get provisionedCeiling(): ProvisionedCeiling | null {
    if (this.#ceiling === undefined)
      this.#ceiling = provisionedCeiling(
        this.base,
        this.provider,
        this.trace.info.functionNames,
        this.onlyFunction,
      );
    return this.#ceiling;
  }

  /** The level the platform always keeps (Managed Instances' 3; 0 on most): levels below it run at it. */
  get provisionedFloor(): number {
    return this.provider.platformDefaults(settingsOf(this.base)).minProvisioned ?? 0;
  }

  get simulations(): number {
    return this.#cache.size;
  }
}
