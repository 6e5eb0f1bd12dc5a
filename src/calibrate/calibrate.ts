/**
 * `faasim calibrate`: the keep-alive and INIT fitted to a log that says which requests were cold,
 * then the log replayed with the fit to compare cold starts. See docs/calibrate.md for the method.
 */
import type { ProgressCallback } from '../util/progress.js';
import { DEFAULT_CONFIG } from '../config.js';
import { inputError } from '../errors.js';
import type { DistributionSpec } from '../model/distribution.js';
import { describeKeepAlive } from '../model/keep-alive.js';
import { loadTrace, type LoadTraceOptions } from '../traces/load.js';
import type { Trace } from '../traces/trace.js';
import { formatDurationMs } from '../util/units.js';
import { DEFAULT_PROVIDER_ID } from '../providers/registry.js';
import { idleGaps } from './gaps.js';
import { fitInit, MIN_FOR_LOGNORMAL, type InitFit } from './init-fit.js';
import { fitKeepAlive, NOISE, type KeepAliveFit } from './keep-alive-fit.js';
import { replay, replayConfig, type ReplayResult } from './replay.js';

const CALIBRATION_SCHEMA = 'faasim-calibration/1';

export interface CalibrateOptions {
  /** the platform replayed (default: the default provider, DEFAULT_PROVIDER_ID) */
  provider?: string;
  seed?: number;
  /** replays averaged (default 5) */
  replays?: number;
  pricingDir?: string;
  /** told the rows read */
  onProgress?: ProgressCallback;
}

export interface CalibrationResult {
  schema: typeof CALIBRATION_SCHEMA;
  trace: {
    file: string;
    requests: number;
    functions: number;
    spanMs: number;
    /** which column says a request was cold */
    coldFrom: 'is_cold' | 'init_ms';
    coldStarts: number;
    hasDurations: boolean;
  };
  gaps: { usable: number; firstRequests: number; overlapping: number; overlappingCold: number };
  keepAlive: KeepAliveFit;
  init: { all: InitFit | null; perFunction: InitFit[] };
  /** null when there is no keep-alive to replay */
  replay: ReplayResult | null;
  assumptions: string[];
}

export async function calibrateFile(
  file: string,
  read: LoadTraceOptions,
  opts: CalibrateOptions = {},
): Promise<CalibrationResult> {
  // logs gathered from several log streams are not in time order: sorting them is part of reading them
  return calibrateTrace(await loadTrace(file, { ...read, sort: true }, opts.onProgress), opts);
}

export function calibrateTrace(trace: Trace, opts: CalibrateOptions = {}): CalibrationResult {
  const { info, data } = trace;
  const coldFrom =
    info.columns.is_cold !== null ? 'is_cold' : info.columns.init_ms !== null ? 'init_ms' : null;
  if (coldFrom === null) {
    throw inputError(
      'NO_COLD_STARTS',
      'the trace does not say which requests were cold: calibrate needs an init_ms column (non-empty on cold requests) or an is_cold column (1/0, true/false), as CloudWatch REPORT lines give with "Init Duration"',
      { file: info.file },
    );
  }
  const gaps = idleGaps(trace);
  const keepAlive = fitKeepAlive(gaps.gapMs, gaps.cold);

  const initByFn: number[][] = info.functionNames.map(() => []);
  let coldStarts = 0;
  for (let i = 0; i < data.count; i++) {
    if (data.isCold[i] !== 1) continue;
    coldStarts++;
    const v = data.initMs[i] as number;
    if (!Number.isNaN(v)) (initByFn[data.fn[i] as number] as number[]).push(v);
  }
  const all = fitInit(initByFn.flat(), null);
  const perFunction = info.functionNames
    .map((name, f) => fitInit(initByFn[f] as number[], name))
    .filter((x): x is InitFit => x !== null);

  // the Memory Size the log importers read: one size is the size the log's INITs ran at
  const sizes = info.memorySizes ?? [];
  const oneSize = sizes.length === 1 ? (sizes[0] as { mb: number }).mb : undefined;
  const provider = opts.provider ?? DEFAULT_PROVIDER_ID;
  const seed = opts.seed ?? 1;
  const replays = opts.replays ?? 5;
  let replayed: ReplayResult | null = null;
  if (keepAlive.spec !== null) {
    const own: Record<string, DistributionSpec> = {};
    if (perFunction.length > 1) for (const f of perFunction) own[f.function as string] = f.spec;
    const config = replayConfig(keepAlive.spec, all?.spec ?? null, own, info.columns.duration_ms !== null, {
      provider,
      seed,
      replays,
    });
    if (oneSize !== undefined) config.memoryMb = oneSize;
    replayed = replay(trace, config, {
      provider,
      seed,
      replays,
      ...(opts.pricingDir ? { pricingDir: opts.pricingDir } : {}),
    });
  }

  const assumptions = [
    `a request is cold when ${coldFrom === 'is_cold' ? `its ${info.columns.is_cold} column says 1 or true` : `its ${info.columns.init_ms} is not empty`}`,
    `an idle gap is the time from the end of a function's last request (arrival + INIT + run time) to the next arrival; it is used only when every earlier request of the function had ended (concurrency 1 at the arrival), since with several instances the log does not say which one a request reached: ${gaps.gapMs.length.toLocaleString('en-US')} of ${(data.count - gaps.firstRequests).toLocaleString('en-US')} gaps were usable, ${gaps.overlapping.toLocaleString('en-US')} requests arrived while another was in flight`,
    `a gap's label is taken as wrong with probability ${NOISE} whatever the keep-alive (restarts, recycled instances), so that one inconsistent gap cannot rule a value out; intervals are 95 % profile-likelihood intervals`,
    ...(info.columns.duration_ms === null
      ? [
          'the log has no run times: gaps are measured between arrivals, and the replay runs every request for 0 ms',
        ]
      : []),
    ...(all && all.spec.kind === 'empirical'
      ? [
          `INIT: fewer than ${MIN_FOR_LOGNORMAL} values, so the replay draws from the observed values themselves rather than a lognormal`,
        ]
      : []),
    ...(all === null
      ? ["the log gives no INIT durations: the replay draws INIT from the provider's measured data"]
      : []),
    memoryAssumption(sizes),
    ...(replayed
      ? [
          `replay on ${provider} with the fitted keep-alive (${describeKeepAlive(keepAlive.spec as NonNullable<KeepAliveFit['spec']>)}), each request's logged INIT where it was cold, mean of ${replays} seeds from ${seed}`,
        ]
      : []),
  ];
  return {
    schema: CALIBRATION_SCHEMA,
    trace: {
      file: info.file,
      requests: data.count,
      functions: info.functionNames.length,
      spanMs: info.lastMs - info.firstMs,
      coldFrom,
      coldStarts,
      hasDurations: info.columns.duration_ms !== null,
    },
    gaps: {
      usable: gaps.gapMs.length,
      firstRequests: gaps.firstRequests,
      overlapping: gaps.overlapping,
      overlappingCold: gaps.overlappingCold,
    },
    keepAlive,
    init: { all, perFunction },
    replay: replayed,
    assumptions,
  };
}

/** What calibrate made of the log's configured memory sizes (TraceInfo.memorySizes). */
function memoryAssumption(sizes: { mb: number; lines: number }[]): string {
  if (sizes.length === 0)
    return 'the log has no configured-memory column: INIT is fitted per function, not per memory size';
  const lines = sizes.reduce((n, s) => n + s.lines, 0).toLocaleString('en-US');
  if (sizes.length === 1)
    return `Memory Size in the log: ${(sizes[0] as { mb: number }).mb} MB on all ${lines} REPORT lines: INIT is fitted per function at that size, and the replay runs at ${(sizes[0] as { mb: number }).mb} MB`;
  return `Memory Size in the log: ${sizes.map((s) => `${s.mb} MB on ${s.lines.toLocaleString('en-US')}`).join(', ')} REPORT lines: INIT is fitted per function over all sizes, not per memory size (the log is read without each request's size), and the replay runs at ${DEFAULT_CONFIG.memoryMb} MB (the default)`;
}

/** Seconds with at most one decimal, a form scenario files and flags read back: "600s", "312.5s". */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))}s`;
}
function millis(ms: number): string {
  return `${Number(ms.toFixed(2))}ms`;
}

/** The fit as a scenario fragment (keepAlive, init) for `simulate --scenario`. */
export function scenarioFragment(r: CalibrationResult): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const ka = r.keepAlive.spec;
  const parts: string[] = [];
  if (ka) {
    out['keepAlive'] =
      ka.kind === 'fixed'
        ? seconds(ka.ms)
        : ka.kind === 'uniform'
          ? `${seconds(ka.minMs)}..${seconds(ka.maxMs)}`
          : 'forever';
    parts.push(`keep-alive ${describeKeepAlive(ka)} from ${r.keepAlive.gaps} idle gaps`);
  }
  const init = r.init.all;
  if (init) {
    const s = init.spec;
    out['init'] =
      s.kind === 'lognormal'
        ? { kind: 'lognormal', median: millis(s.medianMs), p99: millis(s.p99Ms) }
        : s.kind === 'empirical'
          ? { kind: 'empirical', values: s.valuesMs.map(millis) }
          : undefined;
    parts.push(`INIT from ${init.count} cold starts (median ${formatDurationMs(init.p50Ms)})`);
  }
  return {
    description: `faasim calibrate ${r.trace.file}: ${parts.join('; ') || 'nothing could be fitted'}`,
    ...out,
  };
}
