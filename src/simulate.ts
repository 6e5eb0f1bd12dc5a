/**
 * One simulation: a trace replayed against a provider's platform model, metered by its billing model.
 * `simulateFile` streams a CSV; `simulateTrace` runs a trace already in memory.
 */
import { inputError } from './errors.js';
import type { FunctionOverrides, SimulationConfig } from './config.js';
import { describeDistribution, makeSampler } from './model/distribution.js';
import { describeKeepAlive } from './model/keep-alive.js';
import { modelName, runTimeFactor, runTimeMapOf } from './memory/model.js';
import type { DurationModelSpec } from './memory/types.js';
import { ObserverFanOut } from './model/observer.js';
import { Platform } from './model/platform.js';
import type { FunctionSpec, ModelSpec, PingSpec, PlatformSpec, ProvisionedControl } from './model/spec.js';
import type { CostReport } from './pricing/cost.js';
import { getProvider } from './providers/registry.js';
import { figuresUsed, provenanceUsed } from './providers/dependencies.js';
import type { Architecture, BillingMeter, Dependency, InitModel, LoadedProvider, PlatformDefaults, ProviderSettings } from './providers/types.js';
import { MetricsCollector, type LatencySummary, type OutcomeStats } from './report/metrics.js';
import { HISTOGRAM_RELATIVE_ERROR } from './report/latency.js';
import type { ReadTraceOptions } from './traces/read-csv.js';
import type { ReadMode } from './traces/read-pipelined.js';
import { readTrace } from './traces/read.js';
import { loadTrace } from './traces/load.js';
import type { Trace, TraceChunk, TraceInfo } from './traces/trace.js';
import { isoOf } from './traces/timestamp.js';
import { formatDurationMs } from './util/units.js';
import { defaultPricingDir, packageRoot } from './pricing/dir.js';
import { isAbsolute, relative } from 'node:path';

export const RESULT_SCHEMA = 'faasim.simulate/v1';

/** Spans shorter than this cannot be projected to a month meaningfully. */
const MIN_SPAN_MS = 1;
/** Below this span, the report warns that monthly figures are a long extrapolation. */
const SHORT_SPAN_MS = 3_600_000;

export interface TraceSummary {
  file: string;
  requests: number;
  functions: string[];
  spanMs: number;
  /** how the span was decided */
  spanSource: 'first-to-last request' | 'configured' | 'whole minutes counted';
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
  /** how the provisioned level changes: fixed, a schedule, or target tracking */
  provisionedControl: string;
  pings: string;
  init: string;
  duration: string;
  freeTier: boolean;
  initBilling: string;
  seed: number;
  priceSheet: string;
  /** per-function settings that differ from the above, one line per function */
  functionSettings: string[];
  // Present only for providers that map or qualify these (absent for AWS Lambda).
  /** why the memory differs from --memory, or how it is used */
  memoryNote?: string;
  /** what the bill is based on (memory, CPU, requests) */
  memoryBasis?: string;
  /** each function's maximum instance count */
  maxInstancesPerFunction?: number;
  /** how long a sync request over a limit may wait for capacity before a 429 */
  queueTimeoutMs?: number;
  /** what the platform calls provisioned instances */
  provisionedName?: string;
  /** pre-warmed buffer instances kept while a function is busy (Azure Premium) */
  prewarmed?: number;
  /** the ephemeral storage setting, where the platform has one (AWS Lambda) */
  ephemeralStorage?: string;
}

export interface FunctionResult {
  name: string;
  memoryMb: number;
  provisioned: number;
  reservedConcurrency: number | null;
  outcomes: OutcomeStats;
}

/** Sync requests that waited for capacity; only on platforms with a queue timeout. */
export interface QueueingSummary {
  timeoutMs: number;
  servedAfterWait: number;
  rejectedAfterWait: number;
  wait: LatencySummary;
}

export interface SimulationResult {
  schema: typeof RESULT_SCHEMA;
  trace: TraceSummary;
  config: ConfigSummary;
  outcomes: OutcomeStats;
  /** present only when the platform queues sync requests over its limits */
  queueing?: QueueingSummary;
  functions: FunctionResult[];
  cost: CostReport;
  latencyAccuracy: { exact: boolean; relativeError: number };
  /** what the numbers rest on, one line each */
  assumptions: string[];
}

export interface SimulateOptions {
  /** folder with the price sheets (default: the package's pricing/) */
  pricingDir?: string;
  /**
   * How simulateFile reads a streamed CSV: 'auto' (default) parses on a worker thread, overlapped
   * with the simulation, when the file is large enough and the compiled worker exists; results are
   * the same either way.
   */
  readMode?: ReadMode;
}

/** Streams a CSV trace through one simulation. Functions are read in a first pass when the
 * configuration warms them (pings, provisioned, per-function settings), so that they are warm from
 * the first request. */
export async function simulateFile(file: string, readOptions: ReadTraceOptions & { sort?: boolean }, config: SimulationConfig, opts: SimulateOptions = {}): Promise<SimulationResult> {
  const read = { ...readOptions, spreadSeed: config.seed };
  if (readOptions.sort) return simulateTrace(await loadTrace(file, read), config, opts);
  const provider = getProvider(config.provider).load(opts.pricingDir ?? defaultPricingDir());
  let known: string[] = [];
  if (needsFunctionsUpfront(config) || (provider.platformDefaults(settingsOf(config)).minProvisioned ?? 0) > 0) {
    known = (await readTrace(file, read, () => {})).functionNames;
  }
  let run: Run | undefined;
  const info = await readTrace(file, read, (chunk, info) => {
    run ??= new Run(config, provider, known, info);
    run.feed(chunk, info);
  }, opts.readMode ?? 'auto');
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

/** one decimal, for notes */
function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** "1,000/s", or "1 every 30 s" for rates below one a second */
function refillRate(perMs: number): string {
  const perS = perMs * 1000;
  return perS >= 1 ? `${Math.round(perS).toLocaleString('en-US')}/s` : `1 every ${Number((1 / perS).toPrecision(4))} s`;
}

function needsFunctionsUpfront(config: SimulationConfig): boolean {
  return config.pings.length > 0 || config.provisioned > 0 || config.provisionedControl !== null || Object.keys(config.functions).length > 0;
}

/** The provider-facing settings of a configuration. */
export function settingsOf(config: SimulationConfig): ProviderSettings {
  const s: ProviderSettings = {
    region: config.region,
    arch: config.arch,
    runtime: config.runtime,
    packageType: config.packageType,
    ephemeralStorageMb: config.ephemeralStorageMb,
    freeTier: config.freeTier,
    initBilling: config.initBilling,
    memoryMb: config.memoryMb,
  };
  if (config.perInstanceConcurrency != null) s.perInstanceConcurrency = config.perInstanceConcurrency;
  if (config.observedMemoryMb != null) s.observedMemoryMb = config.observedMemoryMb;
  if (config.cpuFraction != null) s.cpuFraction = config.cpuFraction;
  if (config.billingMode != null) s.billingMode = config.billingMode;
  return s;
}

/** A note when the user asked for arm64 on a platform that offers no choice of architecture. */
export function archNotes(defaults: PlatformDefaults, arch: Architecture, label: string): string[] {
  return defaults.archSelectable === false && arch === 'arm64' ? [`--arch arm64: ${label} offers no choice of architecture; not used`] : [];
}

/**
 * What a platform calls the instances it keeps ready (Lambda's provisioned concurrency, Azure's
 * always-ready instances, Google's minimum instances) and a function's cap on instances: Lambda's
 * reserved concurrency caps requests in flight; elsewhere the cap counts live instances.
 */
export function capacityTerms(d: PlatformDefaults): { provisioned: string; cap: string } {
  return { provisioned: d.provisionedName ?? 'provisioned instances', cap: d.limitCounts === 'alive-instances' ? 'maximum instances' : 'reserved concurrency' };
}

/** A function's cap on instances (null: none of its own, it shares the account's), and where it comes from. */
export function functionCap(config: SimulationConfig, d: PlatformDefaults, name: string): { cap: number | null; from: 'function' | 'flag' | 'default' } {
  const own = config.functions[name]?.reservedConcurrency;
  if (own !== undefined) return { cap: own, from: 'function' };
  if (config.maxInstances != null) return { cap: config.maxInstances, from: 'flag' };
  return { cap: d.maxInstancesPerFunction ?? null, from: 'default' };
}

/** The level of provisioned instances a function has before any control moves it: its own, else the run's, at least the platform's minimum. */
export function provisionedLevelOf(config: SimulationConfig, d: PlatformDefaults, name: string): number {
  return Math.max(config.functions[name]?.provisioned ?? config.provisioned, d.minProvisioned ?? 0);
}

/** The highest provisioned level a configuration allows, and what sets it, in words ("the account's concurrency limit of 5"). */
export interface ProvisionedCeiling {
  level: number;
  reason: string;
}

/**
 * The highest level of provisioned instances `config` lets `only` have (or, when null, every function
 * of `functionNames` at one level, as a keep-warm strategy sets them) without a setting a run refuses
 * (Run's capacity checks): at most each such function's cap on instances, and with every function's
 * provisioned instances together within the account's concurrency limit. 0 on a platform without
 * provisioned instances; null when nothing bounds it.
 */
export function provisionedCeiling(config: SimulationConfig, provider: LoadedProvider, functionNames: readonly string[], only: string | null): ProvisionedCeiling | null {
  const d = provider.platformDefaults(settingsOf(config));
  if (d.provisionedSupported === false) return { level: 0, reason: `${provider.label} keeps no instances ready ahead of requests` };
  const terms = capacityTerms(d);
  const targets = only === null ? functionNames : [only];
  let ceiling: ProvisionedCeiling | null = null;
  const bound = (level: number, reason: string): void => {
    if (ceiling === null || level < ceiling.level) ceiling = { level: Math.max(0, level), reason };
  };
  for (const name of targets) {
    const { cap, from } = functionCap(config, d, name);
    if (cap === null) continue;
    bound(cap, from === 'function' ? `${name}'s ${terms.cap} of ${cap}` : from === 'flag' ? `--max-instances ${cap}` : `${provider.label}'s ${terms.cap} of ${cap} per function`);
  }
  const limit = config.concurrencyLimit ?? d.concurrencyLimit;
  if (Number.isFinite(limit) && targets.length > 0) {
    const others = only === null ? 0 : functionNames.filter((n) => n !== only).reduce((a, n) => a + provisionedLevelOf(config, d, n), 0);
    const shared = targets.length > 1 ? `, shared by ${targets.length} functions` : '';
    const taken = others > 0 ? `, ${others} of it taken by the other functions' ${terms.provisioned}` : '';
    bound(Math.floor((limit - others) / targets.length), `the account's concurrency limit of ${limit}${shared}${taken}`);
  }
  return ceiling;
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
  readonly #perInstanceConcurrency: number;
  readonly #queueTimeoutMs: number;
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
    this.#perInstanceConcurrency = this.#resolvePerInstanceConcurrency();
    this.#queueTimeoutMs = this.#resolveQueueTimeout();
    const platform: PlatformSpec = {
      perInstanceConcurrency: this.#perInstanceConcurrency,
      concurrencyLimit: config.concurrencyLimit ?? this.#defaults.concurrencyLimit,
      limitCounts: this.#defaults.limitCounts,
      scaling: this.#defaults.scaling,
      keepAlive: config.keepAlive ?? this.#defaults.keepAlive,
      routing: config.routing,
      asyncRetry: this.#defaults.asyncRetry,
    };
    if (this.#queueTimeoutMs > 0) platform.queueTimeoutMs = this.#queueTimeoutMs;
    if (this.#defaults.asyncScaling) platform.asyncScaling = this.#defaults.asyncScaling;
    const prewarmed = this.#resolvePrewarmed();
    if (prewarmed > 0) platform.prewarmed = prewarmed;
    const spec: ModelSpec = {
      platform,
      functions: known.map((name) => this.#functionSpec(name)),
      functionDefaults: (name) => this.#functionSpec(name),
      seed: config.seed,
      // cron schedules read wall-clock time; relative traces start at the epoch
      epochOffsetMs: Number.isFinite(info.originEpochMs) ? info.originEpochMs : 0,
    };
    this.#checkCapacitySettings(platform.concurrencyLimit, spec.functions);
    this.#metrics = new MetricsCollector((fn) => this.#platform.functionSpec(fn).memoryMb, undefined, this.#defaults.maxRunMs ?? Infinity);
    this.#meter = provider.createMeter(this.#settings, (fn) => this.#platform.functionSpec(fn).memoryMb);
    this.#platform = new Platform(spec, new ObserverFanOut([this.#metrics, this.#meter]));
  }

  /** Settings the platform would refuse: caps above its limits, reservations above the account's. */
  #checkCapacitySettings(concurrencyLimit: number, functions: FunctionSpec[]): void {
    const c = this.#config;
    const d = this.#defaults;
    const label = this.#provider.label;
    const limit = d.maxInstancesLimit;
    if (limit !== undefined) {
      if (c.maxInstances != null && c.maxInstances > limit) {
        throw inputError('MAX_INSTANCES_LIMIT', `--max-instances ${c.maxInstances} is above ${label}'s limit of ${limit} instances per function`);
      }
      for (const [name, o] of Object.entries(c.functions)) {
        if (o.reservedConcurrency != null && o.reservedConcurrency > limit) {
          throw inputError('MAX_INSTANCES_LIMIT', `function ${name}: reservedConcurrency ${o.reservedConcurrency} is above ${label}'s limit of ${limit} instances per function`);
        }
      }
    }
    if (!Number.isFinite(concurrencyLimit)) return;
    const terms = capacityTerms(d);
    const reserved = Object.values(c.functions).reduce((a, o) => a + (o.reservedConcurrency ?? 0), 0);
    if (reserved > concurrencyLimit) {
      throw inputError('RESERVED_ABOVE_LIMIT', `the functions' ${terms.cap} add${terms.cap.endsWith('s') ? '' : 's'} up to ${reserved}, above the account's concurrency limit of ${concurrencyLimit}`);
    }
    const provisioned = functions.reduce((a, f) => a + f.provisioned, 0);
    if (provisioned > concurrencyLimit) {
      throw inputError('PROVISIONED_ABOVE_LIMIT', `${provisioned} ${terms.provisioned} in all (${functions.length} function${functions.length === 1 ? '' : 's'}) exceed the account's concurrency limit of ${concurrencyLimit}`);
    }
  }

  #resolvePrewarmed(): number {
    const wanted = this.#config.prewarmed;
    const d = this.#defaults.prewarmed;
    if (wanted == null) return d?.default ?? 0;
    if (!d) throw inputError('NO_PREWARMED', `${this.#provider.label} keeps no pre-warmed instances; --prewarmed is for azure-premium`);
    if (!(Number.isInteger(wanted) && wanted >= 0 && wanted <= d.max)) {
      throw inputError('PREWARMED', `--prewarmed ${wanted} must be a whole number of instances from 0 to ${d.max}`);
    }
    return wanted;
  }

  #resolvePerInstanceConcurrency(): number {
    const d = this.#defaults;
    const wanted = this.#config.perInstanceConcurrency;
    if (wanted == null) return d.perInstanceConcurrency;
    const max = d.maxPerInstanceConcurrency ?? d.perInstanceConcurrency;
    if (!(Number.isInteger(wanted) && wanted >= 1 && wanted <= max)) {
      throw inputError('PER_INSTANCE_CONCURRENCY', max === 1
        ? `${this.#provider.label} serves one request per instance here; --per-instance-concurrency ${wanted} is not possible`
        : `${this.#provider.label} serves 1..${max} requests per instance here; --per-instance-concurrency ${wanted} is not possible`);
    }
    return wanted;
  }

  /** The provider's queue timeout for sync requests over a limit: max(minimum, multiple × mean INIT). */
  #resolveQueueTimeout(): number {
    const q = this.#defaults.syncQueue;
    if (!q) return 0;
    const c = this.#config;
    const meanInit = c.init ? makeSampler(c.init).meanMs : this.#initModel(this.#memoryFor(c.memoryMb).memoryMb).sampler.meanMs;
    return Math.max(q.minMs, q.initMultiple * meanInit);
  }

  #memoryFor(requestedMb: number): { memoryMb: number; note: string | null } {
    const map = this.#defaults.mapMemory;
    return map ? map(requestedMb) : { memoryMb: requestedMb, note: null };
  }

  #functionSpec(name: string): FunctionSpec {
    const c = this.#config;
    const o = c.functions[name] ?? {};
    const memoryMb = this.#memoryFor(o.memoryMb ?? c.memoryMb).memoryMb;
    const d = this.#defaults;
    if (!(memoryMb >= d.memoryMinMb && memoryMb <= d.memoryMaxMb)) {
      throw inputError('MEMORY_OUT_OF_RANGE', `memory ${memoryMb} MB for ${name} is outside ${this.#provider.label}'s ${d.memoryMinMb}..${d.memoryMaxMb} MB`);
    }
    const initSpec = o.init ?? c.init;
    const durationSpec = o.duration ?? c.duration;
    const { cap: reserved, from } = functionCap(c, d, name);
    const provisioned = provisionedLevelOf(c, d, name);
    if (provisioned > 0 && d.provisionedSupported === false) {
      const where = o.provisioned !== undefined && o.provisioned > 0 ? `function ${name}'s provisioned setting` : '--provisioned';
      throw inputError('NO_PROVISIONED', `${this.#provider.label} keeps no instances ready ahead of requests (what other platforms call provisioned, always-ready or minimum instances); remove ${where}`);
    }
    const provisionedControl = o.provisionedControl !== undefined ? o.provisionedControl : o.provisioned !== undefined ? null : c.provisionedControl;
    // the highest level the function is ever set to: its starting level, or what its schedule or
    // auto-scaling can raise it to
    const highest = Math.max(
      provisioned,
      provisionedControl?.kind === 'auto' ? provisionedControl.maxLevel : 0,
      provisionedControl?.kind === 'schedule' ? Math.max(0, ...provisionedControl.actions.map((a) => a.level)) : 0,
    );
    if (highest > 0 && d.provisionedSupported === false) {
      throw inputError('NO_PROVISIONED', `${this.#provider.label} keeps no instances ready ahead of requests (what other platforms call provisioned, always-ready or minimum instances); remove --provisioned`);
    }
    if (reserved !== null && highest > reserved) {
      const terms = capacityTerms(d);
      const plan = d.maxInstancesLimit !== undefined && d.maxInstancesLimit <= reserved;
      const source = from !== 'default' ? '' : plan ? `, ${this.#provider.label}'s limit` : `, ${this.#provider.label}'s default (--max-instances sets it)`;
      const how = highest === provisioned ? '' : provisionedControl?.kind === 'auto' ? ' (the most its auto-scaling may set)' : ' (the most its schedule sets)';
      throw inputError('PROVISIONED_ABOVE_RESERVED', `function ${name}: ${highest} ${terms.provisioned}${how} exceed its ${terms.cap} of ${reserved}${source}`);
    }
    const spec: FunctionSpec = {
      name,
      memoryMb,
      reservedConcurrency: reserved,
      provisioned,
      provisionedControl,
      pings: o.pings === undefined ? c.pings : o.pings,
      init: initSpec ? makeSampler(initSpec) : this.#initModel(memoryMb).sampler,
      duration: durationSpec ? makeSampler(durationSpec) : null,
      runTimeFactor: c.durationModel ? runTimeFactor(c.durationModel, memoryMb, this.#modelArch(c.durationModel)).factor : 1,
    };
    const tails = c.durationModel ? runTimeMapOf(c.durationModel, memoryMb, this.#modelArch(c.durationModel)) : null;
    if (tails?.map) spec.runTimeMap = tails.map;
    return spec;
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
    // The window opens at the trace's start: its first request, or a count trace's first minute.
    if (!this.#platform.started) this.#platform.start(info.firstMs);
    const names = info.functionNames;
    while (this.#fnMap.length < names.length) this.#fnMap.push(this.#platform.functionIndex(names[this.#fnMap.length] as string));
    // Requests per 1-second bucket (from the first request), for the peak rate. The count lives in
    // locals through the loop, not in fields read and written per request.
    const timeMs = chunk.timeMs;
    let second = this.#second;
    let inSecond = this.#inSecond;
    let peak = this.#peakPerSecond;
    for (let i = 0; i < chunk.count; i++) {
      const s = Math.floor((timeMs[i] as number) / 1000);
      if (s !== second) {
        second = s;
        inSecond = 0;
      }
      if (++inSecond > peak) peak = inSecond;
    }
    this.#second = second;
    this.#inSecond = inSecond;
    this.#peakPerSecond = peak;
    this.#platform.arriveRows(chunk, chunk.count, this.#fnMap);
  }

  finish(info: TraceInfo): SimulationResult {
    const c = this.#config;
    const observedSpan = info.lastMs - info.firstMs;
    if (c.spanMs !== null && c.spanMs < observedSpan) {
      throw inputError('SPAN_TOO_SHORT', `the span ${formatDurationMs(c.spanMs)} is shorter than the trace, which runs ${formatDurationMs(observedSpan)} from its first to its last request`, { file: info.file });
    }
    const spanMs = c.spanMs ?? info.coveredMs ?? observedSpan;
    if (!(spanMs >= MIN_SPAN_MS)) {
      const what = spanMs === 0 ? "the trace's requests all have the same timestamp, so it covers no time" : `the trace covers only ${spanMs} ms`;
      throw inputError('ZERO_SPAN', `${what}; pass --span to say what period it covers (e.g. --span 1h)`, { file: info.file });
    }
    this.#platform.finish(info.firstMs + spanMs);
    const fnCount = this.#platform.functionCount;
    const functions: FunctionResult[] = [];
    for (let i = 0; i < fnCount; i++) {
      const s = this.#platform.functionSpec(i);
      functions.push({ name: s.name, memoryMb: s.memoryMb, provisioned: s.provisioned, reservedConcurrency: s.reservedConcurrency, outcomes: this.#metrics.stats(i) });
    }
    const outcomes = this.#metrics.stats();
    const bill = this.#meter.bill({
      spanMs,
      functions: functions.map((f) => ({ name: f.name, memoryMb: f.memoryMb, provisioned: f.provisioned })),
      userRequests: outcomes.requests,
    });
    const holding = this.#dependenciesHolding(info, functions);
    const cost: CostReport = { ...bill, unconfirmed: figuresUsed(bill.unconfirmed, this.#defaults, holding) };
    const queueing: { queueing?: QueueingSummary } = {};
    if (this.#queueTimeoutMs > 0) queueing.queueing = { timeoutMs: this.#queueTimeoutMs, ...this.#metrics.queueStats() };
    return {
      schema: RESULT_SCHEMA,
      trace: this.#traceSummary(info, spanMs),
      config: this.#configSummary(cost),
      outcomes,
      ...queueing,
      functions,
      cost,
      latencyAccuracy: { exact: this.#metrics.latencyExact, relativeError: this.#metrics.latencyExact ? 0 : HISTOGRAM_RELATIVE_ERROR },
      assumptions: [
        ...(spanMs < SHORT_SPAN_MS ? [`the trace covers only ${formatDurationMs(spanMs)}: monthly figures repeat it ${Math.round(cost.monthFactor).toLocaleString('en-US')} times`] : []),
        ...archNotes(this.#defaults, c.arch, this.#provider.label),
        ...provenanceUsed(this.#defaults, holding),
        ...cost.assumptions,
        ...(this.#metrics.overMaxRun > 0
          ? [`${this.#metrics.overMaxRun.toLocaleString('en-US')} request${this.#metrics.overMaxRun === 1 ? '' : 's'} ran longer than ${this.#provider.label}'s limit of ${formatDurationMs(this.#defaults.maxRunMs ?? Infinity)}: there they would time out; faasim runs and bills them as given`]
          : []),
      ],
    };
  }

  /** What the provider's defaults and figures depend on that holds for this run (src/providers/dependencies.ts). */
  #dependenciesHolding(info: TraceInfo, functions: FunctionResult[]): Set<Dependency> {
    const c = this.#config;
    const d = this.#defaults;
    const own = (f: FunctionResult): FunctionOverrides => c.functions[f.name] ?? {};
    const holding = new Set<Dependency>();
    if (c.keepAlive === null) holding.add('default:keep-alive');
    if (c.concurrencyLimit === null) holding.add('default:concurrency-limit');
    if (c.perInstanceConcurrency == null) holding.add('default:per-instance-concurrency');
    if (c.maxInstances == null && functions.some((f) => own(f).reservedConcurrency === undefined)) holding.add('default:max-instances');
    const min = d.minProvisioned ?? 0;
    if (functions.some((f) => (own(f).provisioned ?? c.provisioned) < min)) holding.add('default:min-provisioned');
    const controlled = c.provisionedControl !== null || Object.values(c.functions).some((o) => o.provisionedControl);
    if (controlled || functions.some((f) => f.provisioned > 0)) holding.add('provisioned');
    if (info.asyncRows > 0) holding.add('async');
    if (c.freeTier) holding.add('free-tier');
    if (c.prewarmed == null) holding.add('default:prewarmed');
    return holding;
  }

  /** The architecture a duration model scales run times to: where the platform offers no choice, the measured one (no change). */
  #modelArch(m: DurationModelSpec): Architecture {
    return this.#defaults.archSelectable === false ? m.measuredArch : this.#config.arch;
  }

  #traceSummary(info: TraceInfo, spanMs: number): TraceSummary {
    const epoch = Number.isFinite(info.originEpochMs);
    let timestamps: string;
    if (info.countLayout) {
      timestamps = `counts per minute (${info.countLayout === 'wide' ? 'Azure Functions trace layout' : 'timestamp,count'}), each minute's requests spread uniformly within it (seed ${this.#config.seed})`;
    } else if (info.timeFormat === 'iso') timestamps = 'ISO 8601 (no zone = UTC)';
    else if (epoch) timestamps = `read as epoch ${info.timeUnit} (${info.timeUnitSource === 'flag' ? '--time-unit' : 'inferred from their magnitude'})`;
    else timestamps = `read as relative ${info.timeUnit} (--time-unit)`;
    return {
      file: info.file,
      requests: info.rows,
      functions: info.functionNames,
      spanMs,
      spanSource: this.#config.spanMs !== null ? 'configured' : info.coveredMs !== undefined ? 'whole minutes counted' : 'first-to-last request',
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
    const f = runTimeFactor(m, this.#config.memoryMb, this.#modelArch(m));
    const at = m.measuredAtMb === null ? '' : ` measured at ${m.measuredAtMb} MB ${m.measuredArch},`;
    const arch = this.#defaults.archSelectable === false ? '' : ` ${this.#config.arch}`;
    const tails = runTimeMapOf(m, this.#config.memoryMb, this.#modelArch(m));
    const how = tails.map
      ? `; by its place among the measured typical, p90 and p99 run times: ${tails.map.fromMs.map(round1).join(' / ')} ms → ${tails.map.toMs.map(round1).join(' / ')} ms`
      : tails.note !== null
        ? `; ${tails.note}`
        : '';
    return `,${at} × ${Number(f.factor.toPrecision(6))} at ${this.#config.memoryMb} MB${arch} (${modelName(m)} model${f.extrapolated ? ', extrapolated' : ''})${how}`;
  }

  #configSummary(cost: CostReport): ConfigSummary {
    const c = this.#config;
    const d = this.#defaults;
    const ka = c.keepAlive ?? d.keepAlive;
    const memory = this.#memoryFor(c.memoryMb);
    const init = c.init ? describeDistribution(c.init) : this.#initModel(memory.memoryMb).description;
    const extra: Partial<ConfigSummary> = {};
    if (memory.note !== null) extra.memoryNote = memory.note;
    if (d.memoryBasis !== undefined) extra.memoryBasis = d.memoryBasis;
    if (d.ephemeralStorage !== undefined) extra.ephemeralStorage = d.ephemeralStorage;
    const cap = c.maxInstances ?? d.maxInstancesPerFunction;
    if (cap !== undefined && cap !== null) extra.maxInstancesPerFunction = cap;
    if (this.#queueTimeoutMs > 0) extra.queueTimeoutMs = this.#queueTimeoutMs;
    if (d.provisionedName !== undefined) extra.provisionedName = d.provisionedName;
    if (d.prewarmed !== undefined) extra.prewarmed = this.#resolvePrewarmed();
    const provisioned = Math.max(c.provisioned, d.minProvisioned ?? 0);
    return {
      provider: this.#provider.id,
      providerLabel: this.#provider.label,
      region: cost.region,
      arch: d.archSelectable === false ? 'architecture not selectable' : c.arch,
      runtime: c.runtime,
      packageType: c.packageType,
      memoryMb: memory.memoryMb,
      keepAlive: describeKeepAlive(ka) + (c.keepAlive ? '' : ' (provider default)'),
      routing: c.routing,
      perInstanceConcurrency: this.#perInstanceConcurrency,
      concurrencyLimit: c.concurrencyLimit ?? d.concurrencyLimit,
      scaling: (d.scaling ? `${d.scaling.burst} new instances per function, refilled at ${refillRate(d.scaling.perMs)}` : 'unlimited') + (d.asyncScaling ? `; for async requests ${d.asyncScaling.burst}, refilled at ${refillRate(d.asyncScaling.perMs)}` : ''),
      provisioned,
      provisionedControl: c.provisionedControl ? describeControl(c.provisionedControl) : 'fixed',
      pings: c.pings.length > 0 ? c.pings.map(describePings).join('; ') : 'none',
      init,
      duration: (this.#hasDurations ? 'from the trace (duration_ms)' : c.duration ? describeDistribution(c.duration) : 'per function') + this.#scaling(),
      freeTier: c.freeTier,
      initBilling: d.initBilling ?? (c.initBilling === 'current' ? 'INIT billed for every cold start (since 2025-08-01)' : 'rule before 2025-08-01 (INIT free for ZIP on managed runtimes)'),
      seed: c.seed,
      priceSheet: displayPath(this.#provider.sheetFile),
      functionSettings: Object.entries(c.functions).map(([name, o]) => {
        const parts: string[] = [];
        if (o.memoryMb !== undefined) parts.push(`${o.memoryMb} MB`);
        if (o.reservedConcurrency !== undefined && o.reservedConcurrency !== null) parts.push(`reserved concurrency ${o.reservedConcurrency}`);
        if (o.provisioned !== undefined) parts.push(`provisioned ${o.provisioned}`);
        if (o.pings !== undefined) parts.push(o.pings.length > 0 ? `pings ${o.pings.map(describePings).join('; ')}` : 'no pings');
        if (o.provisionedControl) parts.push(describeControl(o.provisionedControl));
        if (o.init !== undefined) parts.push(`INIT ${describeDistribution(o.init)}`);
        if (o.duration !== undefined) parts.push(`run time ${describeDistribution(o.duration)}`);
        return `${name}: ${parts.join(', ')}`;
      }),
      ...extra,
    };
  }
}

export function describePings(p: PingSpec): string {
  const when = p.schedule.kind === 'rate' ? `every ${formatDurationMs(p.schedule.intervalMs)}` : p.schedule.text;
  const phase = p.phaseMs && p.schedule.kind === 'rate' ? `, phase ${formatDurationMs(p.phaseMs)}` : '';
  const style = p.style === 'chain' ? `, chained from inside the function (+${formatDurationMs(p.chainLagMs)})` : '';
  return `${p.name === 'pings' ? '' : `${p.name}: `}${when} × ${p.concurrency}, ${formatDurationMs(p.durationMs)} each${phase}${style}`;
}

export function describeControl(c: ProvisionedControl): string {
  if (c.kind === 'schedule') {
    return `scheduled: ${c.actions.map((a) => `${a.schedule.text} → ${a.level}`).join(', ')}; new instances ready after ${formatDurationMs(c.allocationDelayMs)}`;
  }
  return `target tracking at ${Math.round(c.targetUtilization * 100)}% utilisation, ${c.minLevel}..${c.maxLevel}; out after ${c.scaleOutMinutes} min above, in after ${c.scaleInMinutes} min below ${Math.round(c.scaleInRatio * 100)}% of target; new instances ready after ${formatDurationMs(c.allocationDelayMs)}`;
}

/** A bundled file as a path inside the package (the same on every machine); others as given. */
function displayPath(file: string): string {
  const rel = relative(packageRoot(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}
