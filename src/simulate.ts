/**
 * One simulation: a trace replayed against a provider's platform model, metered by its billing model.
 * `simulateFile` streams a CSV; `simulateTrace` runs a trace already in memory. The run itself is in
 * src/run/ (run.ts, and the capacity rules, dependencies and summaries it uses); this module is the
 * entry point and re-exports what callers use from there.
 */
import { rowCounter, type ProgressCallback } from './util/progress.js';
import type { SimulationConfig } from './config.js';
import { defaultPricingDir } from './pricing/dir.js';
import { getProvider } from './providers/registry.js';
import type { PlatformObserver } from './model/observer.js';
import type { LoadedProvider } from './providers/types.js';
import type { SimulationResult } from './run/result.js';
import { refuseBeforeTrace } from './run/limits.js';
import { Run, type FunctionShard } from './run/run.js';
import { makeSimulateShard, type SimulateShard } from './run/simulate-shard.js';
import { settingsOf } from './run/settings.js';
import type { ReadTraceOptions } from './traces/read-csv.js';
import { inMemory, type ReplayableTrace } from './traces/replay.js';
import type { ReadMode } from './traces/read-pipelined.js';
import { readTrace } from './traces/read.js';
import { loadTrace } from './traces/load.js';
import { rereadable } from './traces/source.js';
import { readTraceWithTraffic, rowsKnown, type TrafficOptions } from './traces/traffic.js';
import type { Trace, TraceInfo } from './traces/trace.js';

export {
  RESULT_SCHEMA,
  type ConfigSummary,
  type FunctionResult,
  type QueueingSummary,
  type SimulationResult,
  type TraceSummary,
} from './run/result.js';
export { archNotes, settingsOf } from './run/settings.js';
export {
  capacityTerms,
  functionCap,
  provisionedCeiling,
  provisionedLevelOf,
  type ProvisionedCeiling,
} from './run/limits.js';
export { describeControl, describePings } from './run/summary.js';

export interface SimulateOptions {
  /** folder with the price sheets (default: the package's pricing/) */
  pricingDir?: string;
  /**
   * How simulateFile reads a streamed CSV: 'auto' (default) parses on a worker thread, overlapped
   * with the simulation, when the file is large enough and the compiled worker exists; results are
   * the same either way.
   */
  readMode?: ReadMode;
  /** also told every platform event, after the metrics and the meter */
  observers?: PlatformObserver[];
  /**
   * How many functions get a full result (`functions`): all in trace order when they are this many
   * or fewer, else the costliest this many, the rest counted in `functionsOmitted`. Default: all.
   */
  functionsListed?: number;
  /** told the rows read as the trace streams (simulateFile) */
  onProgress?: ProgressCallback;
}

/** Streams a CSV trace through one simulation. Functions are read in a first pass when the
 * configuration warms them (pings, provisioned, per-function settings), so that they are warm from
 * the first request. */
export async function simulateFile(
  file: string,
  readOptions: ReadTraceOptions & { sort?: boolean; traffic?: TrafficOptions },
  config: SimulationConfig,
  opts: SimulateOptions = {},
): Promise<SimulationResult> {
  const { run, info } = await feedFile(file, readOptions, config, opts, null);
  return run.finish(info, opts.functionsListed);
}

/**
 * Shard I of N of a simulate (run/shard.ts): every row is read, the shard's functions run, and what
 * the merge needs is returned (write it with toExactJson; `faasim merge` reads it back).
 */
export async function simulateShardFile(
  file: string,
  readOptions: ReadTraceOptions & { sort?: boolean; traffic?: TrafficOptions },
  config: SimulationConfig,
  shard: FunctionShard,
  faasim: string,
  opts: SimulateOptions = {},
): Promise<SimulateShard> {
  const { run, info } = await feedFile(file, readOptions, config, opts, shard);
  return makeSimulateShard({
    faasim,
    shard,
    config,
    functionsListed: opts.functionsListed ?? Infinity,
    run: run.exportShard(info),
    info,
  });
}

/** The trace fed to a new Run (a shard's, or a whole one), not finished yet. */
async function feedFile(
  file: string,
  readOptions: ReadTraceOptions & { sort?: boolean; traffic?: TrafficOptions },
  config: SimulationConfig,
  opts: SimulateOptions,
  shard: FunctionShard | null,
): Promise<{ run: Run; info: TraceInfo }> {
  const read = { ...readOptions, spreadSeed: config.seed };
  const provider = getProvider(config.provider).load(opts.pricingDir ?? defaultPricingDir());
  refuseBelowFloor(config, provider);
  const whole = async (): Promise<{ run: Run; info: TraceInfo }> => {
    const trace = inMemory(await loadTrace(file, read, opts.onProgress));
    const info = trace.info;
    const run = new Run(config, provider, info.functionNames, info, opts.observers, shard);
    trace.replay((chunk) => run.feed(chunk, info));
    return { run, info };
  };
  if (readOptions.sort) return whole();
  let known: string[] = [];
  let firstPassInfo: TraceInfo | null = null;
  if (
    needsFunctionsUpfront(config) ||
    (provider.platformDefaults(settingsOf(config)).minProvisioned ?? 0) > 0
  ) {
    // a pipe or standard input cannot be read twice: held in memory, read once
    if (!rereadable(file)) return whole();
    const firstPass = rowCounter(
      file,
      opts.onProgress,
      'functions',
      opts.onProgress && rowsKnown(file, read),
    );
    firstPassInfo = await readTrace(file, read, (chunk) => firstPass.add(chunk.count));
    known = firstPassInfo.functionNames;
    firstPass.finish();
  }
  let run: Run | undefined;
  const rows = rowCounter(file, opts.onProgress, undefined, opts.onProgress && rowsKnown(file, read));
  const info = await readTraceWithTraffic(
    file,
    read,
    (chunk, info) => {
      run ??= new Run(config, provider, known, info, opts.observers, shard, firstPassInfo);
      run.feed(chunk, info);
      rows.add(chunk.count);
    },
    opts.readMode ?? 'auto',
  );
  rows.finish();
  return { run: run as Run, info };
}

/** Runs a trace held in memory. */
export function simulateTrace(
  trace: Trace,
  config: SimulationConfig,
  opts: SimulateOptions = {},
): SimulationResult {
  const provider = getProvider(config.provider).load(opts.pricingDir ?? defaultPricingDir());
  refuseBelowFloor(config, provider);
  return simulateLoaded(trace, config, provider, opts.observers, opts.functionsListed);
}

/** Runs a trace with a provider already loaded (sweeps reuse one). */
export function simulateLoaded(
  trace: Trace,
  config: SimulationConfig,
  provider: LoadedProvider,
  observers: PlatformObserver[] = [],
  functionsListed = Infinity,
): SimulationResult {
  return simulateReplay(inMemory(trace), config, provider, observers, functionsListed);
}

/** Runs a trace held in memory or streamed from a spool (traces/replay.ts), every function known up front. */
export function simulateReplay(
  trace: ReplayableTrace,
  config: SimulationConfig,
  provider: LoadedProvider,
  observers: PlatformObserver[] = [],
  functionsListed = Infinity,
): SimulationResult {
  const info = trace.info;
  const run = new Run(config, provider, info.functionNames, info, observers);
  trace.replay((chunk) => run.feed(chunk, info));
  return run.finish(info, functionsListed);
}

/**
 * A run the user asked for refuses, before its trace is read, what its settings alone decide:
 * provisioned levels below the platform's floor among them (keep-warm's searches run through
 * simulateReplay and stay at or above the floor themselves).
 */
function refuseBelowFloor(config: SimulationConfig, provider: LoadedProvider): void {
  refuseBeforeTrace(config, provider.platformDefaults(settingsOf(config)), provider.label);
}

function needsFunctionsUpfront(config: SimulationConfig): boolean {
  return (
    config.pings.length > 0 ||
    config.provisioned > 0 ||
    config.provisionedControl !== null ||
    Object.keys(config.functions).length > 0
  );
}
