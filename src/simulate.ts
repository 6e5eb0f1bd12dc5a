/**
 * One simulation: a trace replayed against a provider's platform model, metered by its billing model.
 * `simulateFile` streams a CSV; `simulateTrace` runs a trace already in memory.
 */
import { inputError } from './errors.js';
import type { SimulationConfig } from './config.js';
import { describeDistribution, makeSampler } from './model/distribution.js';
import { describeKeepAlive } from './model/keep-alive.js';
import { modelName, runTimeFactor } from './memory/model.js';
import { ObserverFanOut } from './model/observer.js';
import { Platform } from './model/platform.js';
import type { FunctionSpec, ModelSpec, PlatformSpec } from './model/spec.js';
import type { CostReport } from './pricing/cost.js';
import { getProvider } from './providers/registry.js';
import type { BillingMeter, InitModel, LoadedProvider, PlatformDefaults, ProviderSettings } from './providers/types.js';
import { MetricsCollector, type OutcomeStats } from './report/metrics.js';
import { HISTOGRAM_RELATIVE_ERROR } from './report/latency.js';
import { readTraceCsv, type ReadTraceOptions } from './traces/read-csv.js';
import { loadTrace } from './traces/load.js';
import type { Trace, TraceChunk, TraceInfo } from './traces/trace.js';
import { isoOf } from './traces/timestamp.js';
import { formatDurationMs } from './util/units.js';
import { defaultPricingDir } from './pricing/dir.js';

export const RESULT_SCHEMA = 'faasim.simulate/v1';

export interface TraceSummary {
  file: string;
  requests: number;
  functions: string[];
  spanMs: number;
  /** how the span was decided */
  spanSource: 'first-to-last request' | 'configured';
  firstIso: string | null;
  lastIso: string | null;
  meanRatePerS: number;
  /** most requests in one second (1-second buckets from the first request) */
  peakRatePerS: number;
  timestamps: string;
  order: TraceInfo['order'];
  asyncRequests: number;
  hasDurations: boolean;
  hasInit: boolean;
  skippedRows: number;
  skipReasons: string[];
}

export interface ConfigSummary {
  provider: string;
  providerLabel: string;
  region: string;
  arch: string;
  runtime: string;
  packageType: string;
  memoryMb: number;
  keepAlive: string;
  routing: string;
  perInstanceConcurrency: number;
  concurrencyLimit: number;
  scaling: string;
  provisioned: number;
  pings: string;
  init: string;
  duration: string;
  freeTier: boolean;
  initBilling: string;
  seed: number;
  priceSheet: string;
}

export interface FunctionResult {
  name: string;
  memoryMb: number;
  provisioned: number;
  reservedConcurrency: number | null;
  outcomes: OutcomeStats;
}

export interface SimulationResult {
  schema: typeof RESULT_SCHEMA;
  trace: TraceSummary;
  config: ConfigSummary;
  outcomes: OutcomeStats;
  functions: FunctionResult[];
  cost: CostReport;
  latencyAccuracy: { exact: boolean; relativeError: number };
  /** what the numbers rest on, one line each */
  assumptions: string[];
}

export interface SimulateOptions {
  /** folder with the price sheets (default: the package's pricing/) */
  pricingDir?: string;
}

/** Streams a CSV trace through one simulation. Functions are read in a first pass when the
 * configuration warms them (pings, provisioned, per-function settings), so that they are warm from
 * the first request. */
export async function simulateFile(file: string, readOptions: ReadTraceOptions & { sort?: boolean }, config: SimulationConfig, opts: SimulateOptions = {}): Promise<SimulationResult> {
  if (readOptions.sort) return simulateTrace(await loadTrace(file, readOptions), config, opts);
  const provider = getProvider(config.provider).load(opts.pricingDir ?? defaultPricingDir());
  let known: string[] = [];
  if (needsFunctionsUpfront(config)) {
    known = (await readTraceCsv(file, readOptions, () => {})).functionNames;
  }
  let run: Run | undefined;
  const info = await readTraceCsv(file, readOptions, (chunk, info) => {
    run ??= new Run(config, provider, known, info);
    run.feed(chunk, info);
  });
  return (run as Run).finish(info);
}

/** Runs a trace held in memory. */
export function simulateTrace(trace: Trace, config: SimulationConfig, opts: SimulateOptions = {}): SimulationResult {
  const provider = getProvider(config.provider).load(opts.pricingDir ?? defaultPricingDir());
  return simulateLoaded(trace, config, provider);
}

/** Runs a trace with a provider already loaded (sweeps reuse one). */
export function simulateLoaded(trace: Trace, config: SimulationConfig, provider: LoadedProvider): SimulationResult {
  const run = new Run(config, provider, trace.info.functionNames, trace.info);
  run.feed(trace.data, trace.info);
  return run.finish(trace.info);
}

function needsFunctionsUpfront(config: SimulationConfig): boolean {
  return config.pings !== null || config.provisioned > 0 || Object.keys(config.functions).length > 0;
}

function settingsOf(config: SimulationConfig): ProviderSettings {
  return {
    region: config.region,
    arch: config.arch,
    runtime: config.runtime,
    packageType: config.packageType,
    ephemeralStorageMb: config.ephemeralStorageMb,
    freeTier: config.freeTier,
    initBilling: config.initBilling,
  };
}

class Run {
  readonly #config: SimulationConfig;
  readonly #provider: LoadedProvider;
  readonly #settings: ProviderSettings;
  readonly #defaults: PlatformDefaults;
  readonly #platform: Platform;
  readonly #metrics: MetricsCollector;
  readonly #meter: BillingMeter;
  readonly #initModels = new Map<number, InitModel>();
  /** trace function index → platform function index */
  #fnMap: number[] = [];
  #hasDurations: boolean;
  #second = -Infinity;
  #inSecond = 0;
  #peakPerSecond = 0;

  constructor(config: SimulationConfig, provider: LoadedProvider, known: string[], info: TraceInfo) {
    this.#config = config;
    this.#provider = provider;
    this.#settings = settingsOf(config);
    this.#defaults = provider.platformDefaults(this.#settings);
    this.#hasDurations = info.columns.duration_ms !== null;
    if (!this.#hasDurations && config.duration === null) {
      const missing = Object.keys(config.functions).length === 0 || Object.values(config.functions).some((f) => f.duration === undefined);
      if (missing) {
        throw inputError('NO_DURATIONS', 'the trace has no duration_ms column and no run-time model is configured; give --duration (e.g. 120ms, 80ms..200ms, lognormal:100ms:900ms)', { file: info.file });
      }
    }
    for (const name of Object.keys(config.functions)) {
      if (known.length > 0 && !known.includes(name)) {
        throw inputError('UNKNOWN_FUNCTION', `settings are given for function "${name}", which the trace does not have (it has: ${known.join(', ')})`, { file: info.file });
      }
    }
    const platform: PlatformSpec = {
      perInstanceConcurrency: this.#defaults.perInstanceConcurrency,
      concurrencyLimit: config.concurrencyLimit ?? this.#defaults.concurrencyLimit,
      limitCounts: this.#defaults.limitCounts,
      scaling: this.#defaults.scaling,
      keepAlive: config.keepAlive ?? this.#defaults.keepAlive,
      routing: config.routing,
      asyncRetry: this.#defaults.asyncRetry,
    };
    const spec: ModelSpec = {
      platform,
      functions: known.map((name) => this.#functionSpec(name)),
      functionDefaults: (name) => this.#functionSpec(name),
      seed: config.seed,
    };
    this.#metrics = new MetricsCollector((fn) => this.#platform.functionSpec(fn).memoryMb);
    this.#meter = provider.createMeter(this.#settings, (fn) => this.#platform.functionSpec(fn).memoryMb);
    this.#platform = new Platform(spec, new ObserverFanOut([this.#metrics, this.#meter]));
  }

  #functionSpec(name: string): FunctionSpec {
    const c = this.#config;
    const o = c.functions[name] ?? {};
    const memoryMb = o.memoryMb ?? c.memoryMb;
    const d = this.#defaults;
    if (!(memoryMb >= d.memoryMinMb && memoryMb <= d.memoryMaxMb)) {
      throw inputError('MEMORY_OUT_OF_RANGE', `memory ${memoryMb} MB for ${name} is outside ${this.#provider.label}'s ${d.memoryMinMb}..${d.memoryMaxMb} MB`);
    }
    const initSpec = o.init ?? c.init;
    const durationSpec = o.duration ?? c.duration;
    const reserved = o.reservedConcurrency === undefined ? null : o.reservedConcurrency;
    const provisioned = o.provisioned ?? c.provisioned;
    if (reserved !== null && provisioned > reserved) {
      throw inputError('PROVISIONED_ABOVE_RESERVED', `function ${name}: ${provisioned} provisioned instances exceed its reserved concurrency of ${reserved}`);
    }
    return {
      name,
      memoryMb,
      reservedConcurrency: reserved,
      provisioned,
      pings: o.pings === undefined ? c.pings : o.pings,
      init: initSpec ? makeSampler(initSpec) : this.#initModel(memoryMb).sampler,
      duration: durationSpec ? makeSampler(durationSpec) : null,
      runTimeFactor: c.durationModel ? runTimeFactor(c.durationModel, memoryMb, c.arch).factor : 1,
    };
  }

  #initModel(memoryMb: number): InitModel {
    let m = this.#initModels.get(memoryMb);
    if (!m) {
      m = this.#provider.initModel(this.#settings, memoryMb);
      this.#initModels.set(memoryMb, m);
    }
    return m;
  }

  feed(chunk: TraceChunk, info: TraceInfo): void {
    const names = info.functionNames;
    while (this.#fnMap.length < names.length) this.#fnMap.push(this.#platform.functionIndex(names[this.#fnMap.length] as string));
    const platform = this.#platform;
    const fnMap = this.#fnMap;
    const { timeMs, fn, durationMs, initMs, isAsync, memoryUsedMb, cpuMs } = chunk;
    for (let i = 0; i < chunk.count; i++) {
      const t = timeMs[i] as number;
      const second = Math.floor(t / 1000);
      if (second !== this.#second) {
        this.#second = second;
        this.#inSecond = 0;
      }
      if (++this.#inSecond > this.#peakPerSecond) this.#peakPerSecond = this.#inSecond;
      platform.arrive(fnMap[fn[i] as number] as number, t, durationMs[i] as number, initMs[i] as number, isAsync[i] === 1, memoryUsedMb[i] as number, cpuMs[i] as number);
    }
  }

  finish(info: TraceInfo): SimulationResult {
    const c = this.#config;
    const observedSpan = info.lastMs - info.firstMs;
    if (c.spanMs !== null && c.spanMs < observedSpan) {
      throw inputError('SPAN_TOO_SHORT', `the span ${formatDurationMs(c.spanMs)} is shorter than the trace, which runs ${formatDurationMs(observedSpan)} from its first to its last request`, { file: info.file });
    }
    const spanMs = c.spanMs ?? observedSpan;
    if (!(spanMs > 0)) {
      throw inputError('ZERO_SPAN', `the trace's requests all have the same timestamp, so it covers no time; pass --span to say what period it covers (e.g. --span 1h)`, { file: info.file });
    }
    this.#platform.finish(info.firstMs + spanMs);
    const fnCount = this.#platform.functionCount;
    const functions: FunctionResult[] = [];
    for (let i = 0; i < fnCount; i++) {
      const s = this.#platform.functionSpec(i);
      functions.push({ name: s.name, memoryMb: s.memoryMb, provisioned: s.provisioned, reservedConcurrency: s.reservedConcurrency, outcomes: this.#metrics.stats(i) });
    }
    const outcomes = this.#metrics.stats();
    const cost = this.#meter.bill({
      spanMs,
      functions: functions.map((f) => ({ name: f.name, memoryMb: f.memoryMb, provisioned: f.provisioned })),
      userRequests: outcomes.requests,
    });
    return {
      schema: RESULT_SCHEMA,
      trace: this.#traceSummary(info, spanMs),
      config: this.#configSummary(cost),
      outcomes,
      functions,
      cost,
      latencyAccuracy: { exact: this.#metrics.latencyExact, relativeError: this.#metrics.latencyExact ? 0 : HISTOGRAM_RELATIVE_ERROR },
      assumptions: [...this.#defaults.provenance, ...cost.assumptions],
    };
  }

  #traceSummary(info: TraceInfo, spanMs: number): TraceSummary {
    const epoch = Number.isFinite(info.originEpochMs);
    let timestamps: string;
    if (info.timeFormat === 'iso') timestamps = 'ISO 8601 (no zone = UTC)';
    else if (epoch) timestamps = `read as epoch ${info.timeUnit} (${info.timeUnitSource === 'flag' ? '--time-unit' : 'inferred from their magnitude'})`;
    else timestamps = `read as relative ${info.timeUnit} (--time-unit)`;
    return {
      file: info.file,
      requests: info.rows,
      functions: info.functionNames,
      spanMs,
      spanSource: this.#config.spanMs === null ? 'first-to-last request' : 'configured',
      firstIso: epoch ? isoOf(info.originEpochMs + info.firstMs) : null,
      lastIso: epoch ? isoOf(info.originEpochMs + info.lastMs) : null,
      meanRatePerS: info.rows / (spanMs / 1000),
      peakRatePerS: this.#peakPerSecond,
      timestamps,
      order: info.order,
      asyncRequests: info.asyncRows,
      hasDurations: info.columns.duration_ms !== null,
      hasInit: info.columns.init_ms !== null,
      skippedRows: info.skippedRows,
      skipReasons: info.skipReasons,
    };
  }

  /** How the memory model scales run times, for the report (empty without one). */
  #scaling(): string {
    const m = this.#config.durationModel;
    if (!m || (m.curve.kind === 'none' && m.armSpeedFactor === 1)) return '';
    const f = runTimeFactor(m, this.#config.memoryMb, this.#config.arch);
    const at = m.measuredAtMb === null ? '' : ` measured at ${m.measuredAtMb} MB ${m.measuredArch},`;
    return `,${at} × ${Number(f.factor.toPrecision(6))} at ${this.#config.memoryMb} MB ${this.#config.arch} (${modelName(m)} model${f.extrapolated ? ', extrapolated' : ''})`;
  }

  #configSummary(cost: CostReport): ConfigSummary {
    const c = this.#config;
    const d = this.#defaults;
    const ka = c.keepAlive ?? d.keepAlive;
    const init = c.init ? describeDistribution(c.init) : this.#initModel(c.memoryMb).description;
    return {
      provider: this.#provider.id,
      providerLabel: this.#provider.label,
      region: cost.region,
      arch: c.arch,
      runtime: c.runtime,
      packageType: c.packageType,
      memoryMb: c.memoryMb,
      keepAlive: describeKeepAlive(ka) + (c.keepAlive ? '' : ' (provider default)'),
      routing: c.routing,
      perInstanceConcurrency: d.perInstanceConcurrency,
      concurrencyLimit: c.concurrencyLimit ?? d.concurrencyLimit,
      scaling: d.scaling ? `${d.scaling.burst} new instances per function, refilled at ${(d.scaling.perMs * 1000).toFixed(0)}/s` : 'unlimited',
      provisioned: c.provisioned,
      pings: c.pings
        ? `every ${formatDurationMs(c.pings.intervalMs)} × ${c.pings.concurrency}, ${formatDurationMs(c.pings.durationMs)} each${c.pings.phaseMs ? `, phase ${formatDurationMs(c.pings.phaseMs)}` : ''}`
        : 'none',
      init,
      duration: (this.#hasDurations ? 'from the trace (duration_ms)' : c.duration ? describeDistribution(c.duration) : 'per function') + this.#scaling(),
      freeTier: c.freeTier,
      initBilling: c.initBilling === 'current' ? 'INIT billed for every cold start (since 2025-08-01)' : 'rule before 2025-08-01 (INIT free for ZIP on managed runtimes)',
      seed: c.seed,
      priceSheet: this.#provider.sheetFile,
    };
  }
}
