/**
 * One simulation in progress: the platform spec built from the configuration over the provider's
 * defaults, the trace fed to it chunk by chunk, and the result assembled when the trace ends. The
 * capacity rules, the dependencies that hold and the report's summaries live in their own modules
 * and take from the run only what they need, so its state stays private.
 */
import { overridesOf, type SimulationConfig } from '../config.js';
import { inputError } from '../errors.js';
import { runTimeFactor, runTimeMapOf } from '../memory/model.js';
import { describeDistribution, makeSampler } from '../model/distribution.js';
import { ObserverFanOut, type PlatformObserver } from '../model/observer.js';
import { Platform } from '../model/platform.js';
import type { FunctionSpec, ModelSpec, PlatformSpec } from '../model/spec.js';
import type { CostReport } from '../pricing/cost.js';
import { withoutRange } from '../pricing/figure.js';
import { figuresUsed, provenanceUsed } from '../providers/dependencies.js';
import { refuseOptionsNotTaken } from '../providers/options.js';
import type {
  BilledFunction,
  BillingMeter,
  InitModel,
  LoadedProvider,
  PlatformDefaults,
  ProviderSettings,
} from '../providers/types.js';
import { HISTOGRAM_RELATIVE_ERROR } from '../metrics/latency.js';
import { MetricsCollector } from '../metrics/metrics.js';
import type { TraceChunk, TraceInfo } from '../traces/trace.js';
import { formatDurationMs } from '../util/units.js';
import { dependenciesHolding } from './dependencies-holding.js';
import { FeasibilityObserver, overMemoryNote, overTimeoutNote } from './feasibility.js';
import { tooManyFunctions } from './function-cap.js';
import { attributedMonthlyUsd, functionsToList } from './function-rank.js';
import {
  checkCapacitySettings,
  functionCapacity,
  resolvePerInstanceConcurrency,
  resolvePrewarmed,
  resolveQueueTimeout,
} from './limits.js';
import { RESULT_SCHEMA, type FunctionResult, type QueueingSummary, type SimulationResult } from './result.js';
import { archNotes, memoryFor, modelArch, settingsOf } from './settings.js';
import { ScaleGroups } from './scale-groups.js';
import { configSummary, traceSummary, type SettledRun } from './summary.js';
import { TruncationLedger } from './truncation.js';
import { AccountSteps, LimitWatch, TraceHash } from './shard-state.js';
import type { MeterState } from '../providers/types.js';
import type { MetricsState } from '../metrics/metrics.js';
import { emptyChunk, copyRowFields } from '../traces/trace.js';
import type { FeasibilityState } from './feasibility.js';
import type { TruncationCounts } from './truncation.js';

/** Spans shorter than this cannot be projected to a month meaningfully. */
const MIN_SPAN_MS = 1;
/** Below this span, the report warns that monthly figures are a long extrapolation. */
const SHORT_SPAN_MS = 3_600_000;
/**
 * With per-function random streams (--rng-streams function), the latencies each function keeps
 * exactly per kind (warm, cold, async delay, queue wait), on its own budget: its percentiles are exact
 * up to this many samples, then from the histogram (±0.99 %), whatever the other functions do.
 */
export const FUNCTION_EXACT_SAMPLES = 10_000;

/**
 * Shard I of N of a simulate (1-based): it runs the functions whose index in the whole trace is I − 1
 * modulo N, a function of a scaling group (an Azure app) those of the group's first function.
 */
export interface FunctionShard {
  index: number;
  count: number;
}

/** What a shard of a simulate hands to the merge (run/simulate-shard.ts writes it as JSON). */
export interface ShardRun {
  /** the trace function index of each of the shard's functions, in its own order */
  functions: number[];
  metrics: MetricsState;
  meter: MeterState;
  feasibility: FeasibilityState;
  truncation: TruncationCounts;
  account: ReturnType<AccountSteps['export']>;
  limit: { peak: number; throttled: number };
  /** sync requests that waited in a queue for capacity (served or rejected after waiting) */
  queued: number;
  peakPerSecond: number;
  trace: { sha256: string; rows: number };
}

export class Run {
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
  readonly #prewarmed: number;
  /** the samplers of configured distributions, for the count of truncated draws */
  readonly #truncation: TruncationLedger;
  /** runs past the timeout and requests over their memory, at this configuration */
  readonly #feasibility: FeasibilityObserver;
  /** trace function index → platform function index */
  #fnMap: number[] = [];
  /** scaling group → trace index of its first function (shardOwnerOf) */
  readonly #groupFirst = new Map<string, number>();
  /** function name → app, from the trace's app column (TraceInfo.functionApps), as names arrive */
  readonly #traceApps = new Map<string, string>();
  #traceHasApps = false;
  /** per-function scaling by trigger (PlatformDefaults.scaleGroupOf), null where the platform has none */
  readonly #scaleGroups: ScaleGroups | null;
  #hasDurations: boolean;
  #durationColumn: string | null;
  /** processor sharing is on for this run (PlatformDefaults.instanceVcpus and a CPU-bound fraction) */
  #cpuSharing = false;
  #hasCpuMs = false;
  #second = -Infinity;
  #inSecond = 0;
  #peakPerSecond = 0;
  /** with per-function streams: function name → its index in the whole trace (streams fork from it) */
  readonly #traceIndex: Map<string, number> | null;
  /** a shard of a simulate: the slice of functions it runs, and what it records for the merge (null: a whole run) */
  readonly #shard: {
    spec: FunctionShard;
    rows: TraceChunkBuffer;
    account: AccountSteps;
    limit: LimitWatch;
    hash: TraceHash;
  } | null = null;

  /**
   * `known`: the functions to set up before the first request (warmed from the start); others are
   * added as they appear. `observers` also see every platform event (calibrate counts cold starts per hour).
   */
  constructor(
    config: SimulationConfig,
    provider: LoadedProvider,
    known: string[],
    info: TraceInfo,
    observers: PlatformObserver[] = [],
    shard: FunctionShard | null = null,
    /** the first pass over the whole trace, when `known` came from one: the apps and triggers of every function */
    firstPass: TraceInfo | null = null,
  ) {
    refuseOptionsNotTaken(config, provider.label, (m) => inputError('OPTION_NOT_FOR_PROVIDER', m));
    this.#config = config;
    this.#provider = provider;
    this.#settings = settingsOf(config);
    if (info.memoryIs === 'process') this.#settings.memoryIs = 'process';
    this.#defaults = provider.platformDefaults(this.#settings);
    const groupOf = this.#defaults.scaleGroupOf;
    this.#scaleGroups = groupOf === undefined ? null : new ScaleGroups(config, groupOf, this.#defaults);
    this.#hasDurations = info.columns.duration_ms !== null;
    this.#durationColumn = info.columns.duration_ms;
    this.#truncation = new TruncationLedger(this.#defaults.maxRunMs ?? Infinity);
    if (!this.#hasDurations && config.duration === null) {
      const missing =
        Object.keys(config.functions).length === 0 ||
        Object.values(config.functions).some((f) => f.duration === undefined);
      if (missing && info.countDurationColumn !== undefined)
        throw inputError(
          'NO_DURATIONS',
          `the trace counts requests per minute, and faasim does not read run times from a count trace (its ${info.countDurationColumn} column is not used); give --duration (e.g. 120ms, 80ms..200ms, lognormal:100ms:900ms)`,
          { file: info.file },
        );
      if (missing) {
        throw inputError(
          'NO_DURATIONS',
          `the trace has no duration_ms column and no run-time model is configured; give --duration (e.g. 120ms, 80ms..200ms, lognormal:100ms:900ms)${
            info.countLayout === 'wide'
              ? ", or, for the Azure 2019 trace's invocation counts, its run times with --durations FILE (or the folder holding both files instead of this one)"
              : ''
          }`,
          { file: info.file },
        );
      }
    }
    if (this.#hasDurations && config.durationOverride !== true) {
      const given =
        config.duration !== null
          ? `--duration ${describeDistribution(config.duration)}`
          : Object.entries(config.functions)
              .filter(([, f]) => f.duration !== undefined)
              .map(([n]) => `the duration of function "${n}"`)[0];
      if (given !== undefined) {
        throw inputError(
          'DURATION_WITH_TRACE_DURATIONS',
          `${given} is not used: the trace has a duration_ms column, whose run times are simulated; drop the setting, or add --duration-override (scenario "durationOverride": true) to replace the trace's run times with it`,
          { file: info.file },
        );
      }
    }
    const tooMany = tooManyFunctions(known.length, info.file);
    if (tooMany !== null) throw tooMany;
    for (const name of Object.keys(config.functions)) {
      if (known.length > 0 && !known.includes(name)) {
        throw inputError(
          'UNKNOWN_FUNCTION',
          `settings are given for function "${name}", which the trace does not have (it has: ${known.join(', ')})`,
          { file: info.file },
        );
      }
    }
    const label = provider.label;
    const functionStreams = config.rngStreams === 'function';
    this.#traceIndex = functionStreams ? new Map(known.map((name, g) => [name, g])) : null;
    this.#learnApps(info, 0);
    // functions made before their first row (known up front) need their app and trigger now, not
    // when a later chunk brings them: else they scale alone, and a shard puts them apart from their app
    if (firstPass !== null) this.#learnApps(firstPass, 0);
    this.#perInstanceConcurrency = resolvePerInstanceConcurrency(config, this.#defaults, label);
    const meanInitMs = (): number =>
      config.init
        ? makeSampler(config.init).meanMs
        : this.#initModel(memoryFor(this.#defaults, config.memoryMb).memoryMb).sampler.meanMs;
    this.#queueTimeoutMs = resolveQueueTimeout(this.#defaults, meanInitMs);
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
    this.#prewarmed = resolvePrewarmed(config, this.#defaults, label);
    if (this.#prewarmed > 0) platform.prewarmed = this.#prewarmed;
    if (this.#defaults.sharesInstanceMemory === true) {
      platform.instanceMemoryShared = true;
      if (info.memoryIs === 'process') platform.processMemory = true;
    }
    // processor sharing only where the platform states its instances' vCPUs and some request is
    // CPU-bound: otherwise every run takes the model's usual path, unchanged
    const fraction = config.cpuFraction ?? 0;
    this.#hasCpuMs = info.columns.cpu_ms !== null;
    this.#cpuSharing = this.#defaults.instanceVcpus !== undefined && (fraction > 0 || this.#hasCpuMs);
    if (this.#cpuSharing) platform.cpuSharing = { fraction };
    const spec: ModelSpec = {
      platform,
      functions: (shard ? known.filter((name, g) => owns(shard, this.shardOwnerOf(g, name))) : known).map(
        (name) => this.#functionSpec(name),
      ),
      functionDefaults: (name) => this.#functionSpec(name),
      seed: config.seed,
      ...(functionStreams ? { rngStreams: 'function' as const } : {}),
      // cron schedules read wall-clock time; relative traces start at the epoch
      epochOffsetMs: Number.isFinite(info.originEpochMs) ? info.originEpochMs : (info.clockZeroMs ?? 0),
    };
    // a shard checks the settings of every function, as the whole run does
    checkCapacitySettings(
      config,
      this.#defaults,
      label,
      platform.concurrencyLimit,
      shard ? known.map((name) => this.#functionSpec(name)) : spec.functions,
    );
    this.#metrics = new MetricsCollector(
      (fn) => this.#platform.functionSpec(fn).memoryMb,
      undefined,
      functionStreams ? FUNCTION_EXACT_SAMPLES : null,
    );
    const observedMemory = this.#defaults.memoryIsObserved === true;
    this.#meter = provider.createMeter(this.#settings, (fn) => {
      const f = this.#platform.functionSpec(fn);
      return observedMemory ? (f.requestedMemoryMb ?? f.memoryMb) : f.memoryMb;
    });
    this.#feasibility = new FeasibilityObserver(
      this.#defaults.maxRunMs ?? Infinity,
      (fn) => this.#platform.functionSpec(fn).memoryMb,
      this.#defaults.memoryIsObserved !== true,
    );
    if (shard) {
      this.#meter.keepShardState?.();
      this.#shard = {
        spec: shard,
        rows: { chunk: emptyChunk(0) },
        account: new AccountSteps(() => this.#platform.sim.nowMs),
        limit: new LimitWatch(
          platform.limitCounts === 'busy-instances',
          (fn) => this.#platform.functionSpec(fn).reservedConcurrency === null,
        ),
        hash: new TraceHash(),
      };
      observers = [...observers, this.#shard.account, this.#shard.limit];
    }
    this.#platform = new Platform(
      spec,
      new ObserverFanOut([this.#metrics, this.#meter, this.#feasibility, ...observers]),
    );
  }

  #functionSpec(name: string): FunctionSpec {
    const c = this.#config;
    const o = overridesOf(c.functions, name);
    const requestedMb = o.memoryMb ?? c.memoryMb;
    const memoryMb = memoryFor(this.#defaults, requestedMb).memoryMb;
    const d = this.#defaults;
    // a size above the largest is refused, not mapped down to it; between and below the offered sizes
    // a platform maps up (its note says so); a platform with one size (Cloudflare) takes any --memory
    const tooLarge =
      requestedMb > d.memoryMaxMb && (d.memoryMinMb !== d.memoryMaxMb || d.onlySizeLimit !== undefined);
    if (tooLarge && d.onlySizeLimit !== undefined) {
      throw inputError(
        'MEMORY_OUT_OF_RANGE',
        `memory ${requestedMb} MB for ${name} is more than ${this.#provider.label} takes: ${d.onlySizeLimit}`,
      );
    }
    if (tooLarge || !(memoryMb >= d.memoryMinMb && memoryMb <= d.memoryMaxMb)) {
      throw inputError(
        'MEMORY_OUT_OF_RANGE',
        `memory ${tooLarge ? requestedMb : memoryMb} MB for ${name} is outside ${this.#provider.label}'s ${d.memoryMinMb}..${d.memoryMaxMb} MB`,
      );
    }
    // SnapStart: every cold start is a restore, whose latency the provider's model (or --restore) gives
    if (c.snapstart === true && o.init !== undefined) {
      throw inputError(
        'INIT_WITH_SNAPSTART',
        `the INIT of function "${name}" is not used with SnapStart, whose new environments restore from a snapshot; give the restore latency with --restore`,
      );
    }
    const initSpec = c.snapstart === true ? null : (o.init ?? c.init);
    const durationSpec = o.duration ?? c.duration;
    const { reservedConcurrency, provisioned, provisionedControl } = functionCapacity(
      c,
      d,
      this.#provider.label,
      name,
    );
    if (c.snapstart === true && (provisioned > 0 || provisionedControl !== null)) {
      throw inputError(
        'SNAPSTART_PROVISIONED',
        `--snapstart: AWS Lambda SnapStart does not support provisioned concurrency (function ${name}); compare them with faasim compare --strategy snapstart --strategy provisioned:N`,
      );
    }
    // Built field by field, in the order a literal would list them (the keys' order is the same),
    // not spread from conditional literals: V8 copies a spread in its runtime, which at 100 k
    // functions cost about 2 µs a function, more than the rest of this method
    const streamIndex = this.#traceIndex?.get(name);
    const spec = { name } as FunctionSpec;
    if (streamIndex !== undefined) spec.streamIndex = streamIndex;
    spec.memoryMb = memoryMb;
    if (requestedMb !== memoryMb) spec.requestedMemoryMb = requestedMb;
    spec.reservedConcurrency = reservedConcurrency;
    spec.provisioned = provisioned;
    spec.provisionedControl = provisionedControl;
    spec.pings = o.pings === undefined ? c.pings : o.pings;
    spec.init = initSpec ? this.#truncation.sampler('INIT', initSpec) : this.#initModel(memoryMb).sampler;
    spec.duration = durationSpec ? this.#truncation.sampler('run-time', durationSpec) : null;
    if (c.durationOverride === true && durationSpec) spec.durationReplacesTrace = true;
    spec.runTimeFactor = c.durationModel
      ? runTimeFactor(c.durationModel, memoryMb, modelArch(d, c.arch, c.durationModel)).factor
      : 1;
    // where --memory is the memory an execution uses, a request without memory_used_mb holds it (or
    // --observed-memory) on its instance; where --memory is the instance's size it says nothing of one request's share
    if (d.sharesInstanceMemory === true && d.memoryIsObserved === true)
      spec.requestMemoryMb = c.observedMemoryMb ?? requestedMb;
    if (this.#cpuSharing && d.instanceVcpus !== undefined) spec.instanceVcpus = d.instanceVcpus(memoryMb);
    if (d.scalesByApp === true) {
      const app = this.#appOf(name);
      if (app !== undefined) spec.group = app;
    }
    this.#scaleGroups?.apply(spec, this.#appOf(name), this.#provider.label);
    const tails = c.durationModel
      ? runTimeMapOf(c.durationModel, memoryMb, modelArch(d, c.arch, c.durationModel))
      : null;
    if (tails?.map) spec.runTimeMap = tails.map;
    return spec;
  }

  /** The apps of the trace's functions from index `from` on, where the trace has an app column. */
  #learnApps(info: TraceInfo, from: number): void {
    this.#scaleGroups?.learn(info, from);
    const apps = info.functionApps;
    if (apps === undefined) return;
    this.#traceHasApps = true;
    const names = info.functionNames;
    for (let i = from; i < names.length && i < apps.length; i++) {
      const app = apps[i];
      if (app !== undefined && app !== '') this.#traceApps.set(names[i] as string, app);
    }
  }

  /** The function app of a function: the scenario's `apps`, else the trace's app column, else undefined (an app of its own). */
  #appOf(name: string): string | undefined {
    const apps = this.#config.apps;
    if (apps != null && Object.hasOwn(apps, name)) return apps[name];
    return this.#traceApps.get(name);
  }

  /** The scaling group a function joins (FunctionSpec.group, as #functionSpec sets it), or undefined when it scales alone. */
  #groupOf(name: string): string | undefined {
    const app = this.#appOf(name);
    if (this.#scaleGroups !== null) return this.#scaleGroups.groupOf(name, app);
    return this.#defaults.scalesByApp === true ? app : undefined;
  }

  /**
   * The trace index of the function whose index decides the shard of function `g` (`names[g]`): the
   * first function of its scaling group, which keeps the group's instances (every function of a
   * group runs in one shard), else its own. Asked in trace order, so a group's first comes first.
   */
  shardOwnerOf(g: number, name: string): number {
    const group = this.#groupOf(name);
    if (group === undefined) return g;
    const first = this.#groupFirst.get(group);
    if (first !== undefined) return first;
    this.#groupFirst.set(group, g);
    return g;
  }

  /** Whether function apps were given (scenario apps or the trace's app column); without, each function is its own app. */
  get #appsGiven(): boolean {
    return this.#traceHasApps || (this.#config.apps != null && Object.keys(this.#config.apps).length > 0);
  }

  /** One line: how the functions were grouped into apps, and what an app shares. */
  #appsNote(fnCount: number): string {
    const apps = new Set<number>();
    for (let i = 0; i < fnCount; i++) apps.add(this.#platform.poolOf(i));
    const from = [
      this.#config.apps != null && Object.keys(this.#config.apps).length > 0 ? 'scenario apps' : '',
      this.#traceHasApps ? "the trace's app column" : '',
    ]
      .filter((x) => x !== '')
      .join(', then ');
    return `${fnCount.toLocaleString('en-US')} function${fnCount === 1 ? '' : 's'} in ${apps.size.toLocaleString('en-US')} function app${apps.size === 1 ? '' : 's'} (${from}; a function without one is an app of its own): the functions of an app share its instances, instance cap, scale-out rate and always-ready instances, reported under its first function`;
  }

  /** Per-function scaling's lines: how functions were grouped (where apps or triggers were given), --always-ready keys not used. */
  #scaleGroupNotes(fnCount: number): string[] {
    const g = this.#scaleGroups;
    if (g === null) return [];
    const p = this.#platform;
    return [
      ...(this.#appsGiven || g.given
        ? [
            g.note(
              fnCount,
              (i) => p.functionSpec(i),
              (i) => p.poolOf(i),
            ),
          ]
        : []),
      ...g.unusedNotes(),
    ];
  }

  /** One line: the processor-sharing rule this run applied, and where its CPU-bound fraction came from. */
  #cpuSharingNote(): string {
    const fraction = this.#config.cpuFraction ?? 0;
    const from = this.#hasCpuMs
      ? `the trace's cpu_ms over each run time${fraction > 0 ? `, else --cpu-fraction ${fraction}` : ' (0 where it has none)'}`
      : `--cpu-fraction ${fraction}`;
    return `CPU sharing: with n requests on an instance of c vCPUs (${this.#vcpusUsed()}), each request's CPU-bound part (${from}) runs at min(1, c / n) of its speed (c under 1 counts as 1: a run time is a request alone on its instance); instances scale on concurrency only, not on CPU utilisation`;
  }

  /** The vCPU counts of the run's instances, as the note states them ("c = 1", "c = 0.25, 1"). */
  #vcpusUsed(): string {
    const seen = new Set<number>();
    for (let i = 0; i < this.#platform.functionCount; i++) {
      const c = this.#platform.functionSpec(i).instanceVcpus;
      if (c !== undefined) seen.add(c);
    }
    return `c = ${[...seen].sort((a, b) => a - b).join(', ')}`;
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
    // The window opens at the trace's start: its first request, or a count trace's first minute,
    // unless --start opened it earlier (windowStartMs).
    if (!this.#platform.started) this.#platform.start(info.windowStartMs ?? info.firstMs);
    const names = info.functionNames;
    const tooMany = tooManyFunctions(names.length, info.file);
    if (tooMany !== null) throw tooMany;
    if (this.#fnMap.length < names.length) this.#learnApps(info, this.#fnMap.length);
    const shard = this.#shard;
    while (this.#fnMap.length < names.length) {
      const g = this.#fnMap.length;
      const name = names[g] as string;
      this.#traceIndex?.set(name, g);
      // a shard adds only its own functions (in trace order); the others' rows are left out below
      this.#fnMap.push(
        shard === null || owns(shard.spec, this.shardOwnerOf(g, name))
          ? this.#platform.functionIndex(name)
          : -1,
      );
    }
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
    if (shard === null) {
      this.#platform.arriveRows(chunk, chunk.count, this.#fnMap);
      return;
    }
    shard.hash.add(chunk);
    const mine = ownRows(chunk, this.#fnMap, shard.rows);
    this.#platform.arriveRows(mine, mine.count, this.#fnMap);
  }

  /**
   * Closes the window and assembles the result. `functionsListed`: how many functions get a full
   * result (the costliest, see function-rank.ts); the rest are counted in `functionsOmitted`.
   */
  finish(info: TraceInfo, functionsListed = Infinity): SimulationResult {
    return this.#report(info, this.#close(info), functionsListed);
  }

  /** Ends the window (the run's span after its start) and runs what remains; returns the span. */
  #close(info: TraceInfo): number {
    const spanMs = spanOf(this.#config, info);
    this.#platform.finish((info.windowStartMs ?? info.firstMs) + spanMs);
    return spanMs;
  }

  /** A shard's run closed, and what the merge needs of it (run/simulate-shard.ts). */
  exportShard(info: TraceInfo): ShardRun {
    const shard = this.#shard;
    if (shard === null) throw new Error('exportShard: not a shard');
    if (this.#meter.exportState === undefined)
      throw new Error(`${this.#provider.label}'s meter keeps no state to merge`);
    this.#close(info);
    const functions: number[] = [];
    for (let i = 0; i < this.#platform.functionCount; i++)
      functions.push(this.#traceIndex?.get(this.#platform.functionSpec(i).name) as number);
    return {
      functions,
      metrics: this.#metrics.exportState(),
      meter: this.#meter.exportState(),
      feasibility: this.#feasibility.exportState(),
      truncation: this.#truncation.exportCounts(),
      account: shard.account.export(),
      limit: { peak: shard.limit.peak, throttled: shard.limit.throttled },
      queued: this.#queueTimeoutMs > 0 ? queuedOf(this.#metrics.queueStats()) : 0,
      peakPerSecond: this.#peakPerSecond,
      trace: { sha256: shard.hash.digest(info), rows: shard.hash.rows },
    };
  }

  /**
   * Whether a queued request takes from a scaling bucket when it is offered capacity again: where
   * requests queue and new instances come at a limited rate, the platform offers a queue's head again
   * at every completion of any function, and each offer refills the bucket at that instant
   * (model/token-bucket.ts), so a function's token count depends on other functions' completion times.
   */
  get queueOffersTakeTokens(): boolean {
    return this.#queueTimeoutMs > 0 && this.#defaults.scaling !== null;
  }

  /**
   * What the account limit leaves the instances it counts (model/caps.ts): the limit less every
   * function's reserved concurrency where it counts busy instances, else the limit.
   */
  accountHeadroom(): number {
    const limit = this.#config.concurrencyLimit ?? this.#defaults.concurrencyLimit;
    if (this.#defaults.limitCounts !== 'busy-instances') return limit;
    let reserved = 0;
    for (let i = 0; i < this.#platform.functionCount; i++)
      if (this.#platform.poolOf(i) === i) reserved += this.#platform.functionSpec(i).reservedConcurrency ?? 0;
    return limit - reserved;
  }

  /**
   * The report of the whole run, from its shards (a run made with every function known and never
   * fed): their usage put back at their functions' indices and billed together; `peaks` are the
   * account-wide peaks, which are not a sum of the shards'.
   */
  finishMerged(
    info: TraceInfo,
    shards: readonly ShardRun[],
    peaks: { inFlight: number; alive: number },
    functionsListed = Infinity,
  ): SimulationResult {
    const importStates = this.#meter.importStates;
    if (importStates === undefined) throw new Error(`${this.#provider.label}'s meter cannot merge`);
    this.#metrics.importStates(
      shards.map((s) => ({ state: s.metrics, global: s.functions })),
      peaks.inFlight,
      peaks.alive,
    );
    importStates.call(
      this.#meter,
      shards.map((s) => ({ state: s.meter, global: s.functions })),
    );
    for (const s of shards) {
      this.#feasibility.importState(s.feasibility);
      this.#truncation.addCounts(s.truncation);
    }
    this.#peakPerSecond = (shards[0] as ShardRun).peakPerSecond;
    return this.#report(info, spanOf(this.#config, info), functionsListed);
  }

  #report(info: TraceInfo, spanMs: number, functionsListed: number): SimulationResult {
    const c = this.#config;
    const fnCount = this.#platform.functionCount;
    // every function goes to the bill (cheap records); full results only for those listed
    const billed: BilledFunction[] = [];
    for (let i = 0; i < fnCount; i++) {
      const s = this.#platform.functionSpec(i);
      // a scaling group's provisioned (always-ready) level is its first function's, held once
      billed.push({
        name: s.name,
        memoryMb: s.memoryMb,
        provisioned: this.#platform.poolOf(i) === i ? s.provisioned : 0,
      });
    }
    const outcomes = this.#metrics.stats();
    const bill = this.#meter.bill({ spanMs, functions: billed, userRequests: outcomes.requests });
    const attributed =
      fnCount <= functionsListed
        ? null
        : attributedMonthlyUsd(
            bill.lines,
            fnCount,
            (i) => this.#metrics.usage(i),
            (i) => (billed[i] as BilledFunction).memoryMb,
          );
    const listed = attributed === null ? null : functionsToList(attributed, functionsListed);
    const functions: FunctionResult[] = [];
    for (let k = 0; k < (listed?.length ?? fnCount); k++) {
      const i = listed === null ? k : (listed[k] as number);
      const s = this.#platform.functionSpec(i);
      functions.push({
        name: s.name,
        memoryMb: s.memoryMb,
        provisioned: (billed[i] as BilledFunction).provisioned,
        reservedConcurrency: s.reservedConcurrency,
        outcomes: this.#metrics.stats(i),
        // the figure the list is ranked by, shown with it
        ...(attributed === null ? {} : { attributedMonthlyUsd: attributed[i] as number }),
      });
    }
    const omitted: { functionsOmitted?: number } =
      fnCount > functions.length ? { functionsOmitted: fnCount - functions.length } : {};
    const holding = dependenciesHolding(
      c,
      this.#defaults,
      info.asyncRows,
      billed,
      info.columns.memory_used_mb !== null,
      this.#appsGiven,
    );
    // figures as the report shows them: their plausible ranges are for --sensitivity, not the report
    const cost: CostReport = {
      ...bill,
      pricesUsed: bill.pricesUsed.map((p) => ({ ...p, figure: withoutRange(p.figure) })),
      unconfirmed: figuresUsed(bill.unconfirmed, this.#defaults, holding).map((u) => ({
        ...u,
        figure: withoutRange(u.figure),
      })),
    };
    const queueing: { queueing?: QueueingSummary } = {};
    if (this.#queueTimeoutMs > 0)
      queueing.queueing = { timeoutMs: this.#queueTimeoutMs, ...this.#metrics.queueStats() };
    const settled: SettledRun = {
      config: c,
      provider: this.#provider,
      defaults: this.#defaults,
      perInstanceConcurrency: this.#perInstanceConcurrency,
      queueTimeoutMs: this.#queueTimeoutMs,
      prewarmed: this.#prewarmed,
      hasDurations: this.#hasDurations,
      durationColumn: this.#durationColumn,
      initModel: (memoryMb: number) => this.#initModel(memoryMb),
    };
    const overTimeout = this.#feasibility.overTimeout;
    const overMemory = this.#feasibility.overMemory;
    return {
      schema: RESULT_SCHEMA,
      trace: traceSummary(info, spanMs, c, this.#peakPerSecond),
      config: configSummary(settled, cost),
      outcomes,
      ...queueing,
      ...(overTimeout ? { overTimeout } : {}),
      ...(overMemory ? { overMemory } : {}),
      functions,
      ...omitted,
      cost,
      latencyAccuracy: {
        exact: this.#metrics.latencyExact,
        relativeError: this.#metrics.latencyExact ? 0 : HISTOGRAM_RELATIVE_ERROR,
      },
      assumptions: [
        ...(info.notes ?? []),
        ...(spanMs < SHORT_SPAN_MS
          ? [
              `the trace covers only ${formatDurationMs(spanMs)}: monthly figures repeat it ${Math.round(cost.monthFactor).toLocaleString('en-US')} times`,
            ]
          : []),
        ...archNotes(this.#defaults, c.arch, this.#provider.label),
        ...provenanceUsed(this.#defaults, holding),
        ...(this.#defaults.scalesByApp === true && this.#appsGiven ? [this.#appsNote(fnCount)] : []),
        ...this.#scaleGroupNotes(fnCount),
        ...(this.#cpuSharing ? [this.#cpuSharingNote()] : []),
        ...(this.#traceIndex !== null
          ? [
              `random draws: each function has its own streams (--rng-streams function), and keeps its latencies exact up to ${FUNCTION_EXACT_SAMPLES.toLocaleString('en-US')} samples of each kind, so its figures do not depend on the other functions' traffic`,
            ]
          : []),
        ...cost.assumptions,
        ...this.#truncation.notes(this.#provider.label),
        ...(overTimeout ? [overTimeoutNote(overTimeout, this.#provider.label)] : []),
        ...(overMemory ? [overMemoryNote(overMemory)] : []),
      ],
    };
  }
}

/**
 * The simulated window's length: --span, or the trace's own. A span shorter than the trace, or a
 * trace covering no time without --span, is refused. A sweep asks this of every point before it
 * starts, so such a mistake is refused before any work.
 */
export function spanOf(c: SimulationConfig, info: TraceInfo): number {
  // --start opens the window `lead` ms before the trace's own start
  const windowStartMs = info.windowStartMs ?? info.firstMs;
  const lead = info.firstMs - windowStartMs;
  const observedSpan = info.lastMs - info.firstMs + lead;
  if (c.spanMs !== null && c.spanMs < observedSpan) {
    const from = lead > 0 ? 'from --start' : 'from its first';
    throw inputError(
      'SPAN_TOO_SHORT',
      `the span ${formatDurationMs(c.spanMs)} is shorter than the trace, which runs ${formatDurationMs(observedSpan)} ${from} to its last request`,
      { file: info.file },
    );
  }
  const spanMs = c.spanMs ?? (info.coveredMs === undefined ? observedSpan : info.coveredMs + lead);
  if (!(spanMs >= MIN_SPAN_MS)) {
    const what =
      spanMs === 0
        ? "the trace's requests all have the same timestamp, so it covers no time"
        : `the trace covers only ${spanMs} ms`;
    throw inputError('ZERO_SPAN', `${what}; pass --span to say what period it covers (e.g. --span 1h)`, {
      file: info.file,
    });
  }
  return spanMs;
}

function queuedOf(q: { servedAfterWait: number; rejectedAfterWait: number }): number {
  return q.servedAfterWait + q.rejectedAfterWait;
}

/** Whether a shard runs the functions whose owner (Run.shardOwnerOf) has this trace index. */
export function owns(shard: FunctionShard, ownerIndex: number): boolean {
  return ownerIndex % shard.count === shard.index - 1;
}

/** A growable chunk a shard copies its own rows into. */
interface TraceChunkBuffer {
  chunk: TraceChunk;
}

/** The rows of `chunk` whose function the shard runs (fnMap ≥ 0), copied into `buf`'s chunk. */
function ownRows(chunk: TraceChunk, fnMap: readonly number[], buf: TraceChunkBuffer): TraceChunk {
  if (buf.chunk.timeMs.length < chunk.count) buf.chunk = emptyChunk(chunk.count);
  const out = buf.chunk;
  let n = 0;
  for (let i = 0; i < chunk.count; i++) {
    if ((fnMap[chunk.fn[i] as number] as number) < 0) continue;
    out.timeMs[n] = chunk.timeMs[i] as number;
    copyRowFields(chunk, i, out, n);
    n++;
  }
  out.count = n;
  return out;
}
