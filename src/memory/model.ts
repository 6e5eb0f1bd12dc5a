/**
 * Duration-vs-memory models: how a request's run time, observed at one memory size and architecture,
 * changes at another. A model yields one factor per (memory, architecture) that multiplies every
 * observed run time (FunctionSpec.runTimeFactor), so each request keeps its own variability.
 *
 * Sources, chosen with `durationModel` in a scenario or --duration-model:
 *   none                       run time does not depend on memory
 *   cpu-share:F[:P]            provider CPU allocation; F = CPU-bound share of the run time at the
 *                              measured memory (0..1 or a percentage), P = parallelism (default 1)
 *   measured:FILE.csv          memory_mb,duration_ms[,p90_ms,p99_ms]
 *   power-tuning:FILE|URL      AWS Lambda Power Tuning output JSON, or its visualization URL
 */
import { isAbsolute, join } from 'node:path';
import { inputError } from '../errors.js';
import type { Architecture } from '../providers/types.js';
import { evalPchip, pchip, type Pchip } from './interpolate.js';
import { readMeasuredPointsCsv } from './points-csv.js';
import { decodeVisualizationUrl, readPowerTuningFile } from './power-tuning.js';
import type {
  CpuAllocation,
  DurationCurve,
  DurationModelSpec,
  MeasuredPoint,
  RunTimeFactor,
} from './types.js';
import { isIncreasingMap, type RunTimeMap } from '../model/run-time-map.js';
import { parseDecimal } from '../util/units.js';

export const NO_DURATION_MODEL: DurationModelSpec = {
  curve: { kind: 'none' },
  measuredAtMb: null,
  measuredArch: 'x86_64',
  armSpeedFactor: 1,
  extrapolate: false,
};

/** A scenario's `durationModel` object form. */
export type DurationModelSetting =
  | string
  | { kind: 'none' }
  | { kind: 'cpu-share'; cpuFraction: number; parallelism?: number }
  | { kind: 'measured'; file: string }
  | { kind: 'power-tuning'; file?: string; url?: string };

export interface ParseModelContext {
  /** the provider's label, for messages */
  provider: string;
  /** the provider's CPU allocation (LoadedProvider.cpuAllocation), read only for cpu-share; undefined: none documented */
  cpuAllocation: () => CpuAllocation | undefined;
  /** folder relative file names are read from ('' = the working directory, names kept as given) */
  baseDir: string;
  /** names the setting in errors: a flag or a scenario key */
  origin: string;
}

/** Parses a model setting (flag text or scenario object), reading any file it names. */
export function parseDurationCurve(setting: DurationModelSetting, ctx: ParseModelContext): DurationCurve {
  const err = (msg: string): never => {
    throw inputError(
      'BAD_DURATION_MODEL',
      `${ctx.origin} ${JSON.stringify(setting)}: ${msg}; expected none, cpu-share:FRACTION[:PARALLELISM], measured:FILE.csv or power-tuning:FILE.json|URL`,
    );
  };
  const path = (f: string): string => (isAbsolute(f) || ctx.baseDir === '' ? f : join(ctx.baseDir, f));
  let s: Exclude<DurationModelSetting, string>;
  if (typeof setting === 'string') {
    const t = setting.trim();
    if (/^https?:\/\//.test(t)) s = { kind: 'power-tuning', url: t };
    else {
      const colon = t.indexOf(':');
      const kind = colon < 0 ? t : t.slice(0, colon);
      const rest = colon < 0 ? '' : t.slice(colon + 1);
      switch (kind) {
        case 'none':
          if (rest !== '') err('"none" takes no parameters');
          s = { kind: 'none' };
          break;
        case 'cpu-share': {
          const [f, p, ...more] = rest.split(':');
          if (f === undefined || f === '' || more.length > 0)
            err(
              'cpu-share needs the CPU-bound fraction, and optionally the parallelism, e.g. cpu-share:0.8 or cpu-share:90%:2',
            );
          const frac = /%\s*$/.test(f as string)
            ? (parseDecimal((f as string).replace(/%\s*$/, '')) ?? NaN) / 100
            : (parseDecimal(f as string) ?? NaN);
          s =
            p === undefined
              ? { kind: 'cpu-share', cpuFraction: frac }
              : { kind: 'cpu-share', cpuFraction: frac, parallelism: parseDecimal(p) ?? NaN };
          break;
        }
        case 'measured':
          if (rest === '') err('measured needs a CSV file');
          s = { kind: 'measured', file: rest };
          break;
        case 'power-tuning':
          if (rest === '') err('power-tuning needs a JSON file or a visualization URL');
          s = /^https?:\/\//.test(rest)
            ? { kind: 'power-tuning', url: rest }
            : { kind: 'power-tuning', file: rest };
          break;
        default:
          return err(`unknown model "${kind}"`);
      }
    }
  } else {
    s = setting;
  }
  switch (s.kind) {
    case 'none':
      return { kind: 'none' };
    case 'cpu-share': {
      const alloc = ctx.cpuAllocation();
      if (!alloc)
        return err(`no documented CPU allocation for provider ${ctx.provider}; use measured points`);
      const parallelism = s.parallelism ?? 1;
      if (!(s.cpuFraction >= 0 && s.cpuFraction <= 1))
        err('the CPU-bound fraction must be between 0 and 1 (or 0% and 100%)');
      if (!(parallelism >= 1) || !Number.isFinite(parallelism)) err('the parallelism must be a number ≥ 1');
      return { kind: 'cpu-share', cpuFraction: s.cpuFraction, parallelism, ...alloc };
    }
    case 'measured': {
      const file = path(s.file);
      return measuredCurve('csv', file, readMeasuredPointsCsv(file), ctx.origin);
    }
    case 'power-tuning': {
      if (s.url !== undefined) {
        const pt = decodeVisualizationUrl(s.url, `${ctx.origin} URL`);
        return measuredCurve(
          'power-tuning',
          'visualization URL',
          pt.points,
          ctx.origin,
          'averageDuration from the visualization URL (Float32)',
        );
      }
      if (s.file === undefined) return err('power-tuning needs a file or a url');
      const file = path(s.file);
      const pt = readPowerTuningFile(file);
      return measuredCurve(
        'power-tuning',
        file,
        pt.points,
        ctx.origin,
        pt.from === 'stats'
          ? 'averageDuration of each stats entry'
          : 'averageDuration from stateMachine.visualization (Float32)',
      );
    }
  }
}

function measuredCurve(
  from: 'csv' | 'power-tuning',
  file: string,
  points: MeasuredPoint[],
  origin: string,
  note?: string,
): DurationCurve {
  if (points.length < 2)
    throw inputError(
      'BAD_DURATION_MODEL',
      `${origin}: ${file} has ${points.length} measured point(s); at least two memory sizes are needed to interpolate`,
      { file },
    );
  const c: DurationCurve = { kind: 'measured', from, file, points };
  if (note !== undefined) c.note = note;
  return c;
}

/** The memory sizes a curve is valid for (inside: interpolated or documented; outside: extrapolated). */
export function validRange(curve: DurationCurve): { minMb: number; maxMb: number } {
  switch (curve.kind) {
    case 'none':
      return { minMb: 0, maxMb: Infinity };
    case 'cpu-share':
      return { minMb: curve.minMb, maxMb: curve.maxMb };
    case 'measured':
      return { minMb: curve.points[0]!.memoryMb, maxMb: curve.points[curve.points.length - 1]!.memoryMb };
  }
}

/** Run time at `memoryMb` in the curve's own units (ms for measured points), and whether it is extrapolated. */
function curveValue(curve: DurationCurve, memoryMb: number): { value: number; extrapolated: boolean } {
  const { minMb, maxMb } = validRange(curve);
  const extrapolated = memoryMb < minMb || memoryMb > maxMb;
  switch (curve.kind) {
    case 'none':
      return { value: 1, extrapolated: false };
    case 'cpu-share': {
      // CPU-bound part ∝ 1 / usable vCPUs = mbPerVcpu / min(MB, cap), cap = the MB at which
      // the vCPUs reach the parallelism (or the maximum); the I/O part is constant.
      const cap = curve.mbPerVcpu * Math.min(curve.maxVcpus, curve.parallelism);
      return { value: 1 / Math.min(memoryMb, cap), extrapolated };
    }
    case 'measured':
      return measuredValue(curve.points, 'durationMs', memoryMb, minMb, maxMb);
  }
}

type Series = 'durationMs' | 'p90Ms' | 'p99Ms';
const pchipCache = new WeakMap<MeasuredPoint[], Map<Series, Pchip>>();

/** One measured series (typical run time, p90 or p99) at `memoryMb`: PCHIP in log-log inside the points. */
function measuredValue(
  pts: MeasuredPoint[],
  series: Series,
  memoryMb: number,
  minMb: number,
  maxMb: number,
): { value: number; extrapolated: boolean } {
  const extrapolated = memoryMb < minMb || memoryMb > maxMb;
  const y = (q: MeasuredPoint): number => q[series] as number;
  const exact = pts.find((q) => q.memoryMb === memoryMb);
  if (exact) return { value: y(exact), extrapolated: false };
  let bySeries = pchipCache.get(pts);
  if (!bySeries) {
    bySeries = new Map();
    pchipCache.set(pts, bySeries);
  }
  let p = bySeries.get(series);
  if (!p) {
    p = pchip(
      pts.map((q) => Math.log(q.memoryMb)),
      pts.map((q) => Math.log(y(q))),
    );
    bySeries.set(series, p);
  }
  const x = Math.log(memoryMb);
  if (!extrapolated) return { value: Math.exp(evalPchip(p, x)), extrapolated };
  // Beyond the points: extend the end segment in log-log with its slope held to [−1, 0], i.e.
  // run time never rises with memory and never falls faster than 1/memory (fully CPU-bound).
  const n = pts.length;
  const [a, b] = memoryMb < minMb ? [0, 1] : [n - 2, n - 1];
  const slope =
    (Math.log(y(pts[b]!)) - Math.log(y(pts[a]!))) / (Math.log(pts[b]!.memoryMb) - Math.log(pts[a]!.memoryMb));
  const s = Math.min(0, Math.max(-1, slope));
  const end = memoryMb < minMb ? pts[0]! : pts[n - 1]!;
  return { value: Math.exp(Math.log(y(end)) + s * (x - Math.log(end.memoryMb))), extrapolated };
}

/**
 * Where every measured point has p90 and p99 too, the map that takes a run time at the measured
 * memory to `memoryMb` by its place among the typical run time, p90 and p99 (run-time-map.ts);
 * otherwise null, and `runTimeFactor` scales every request alike. `note` says why a model with
 * tails does not use them (they do not increase at one of the two sizes).
 */
export function runTimeMapOf(
  spec: DurationModelSpec,
  memoryMb: number,
  arch: Architecture,
): { map: RunTimeMap | null; note: string | null } {
  const c = spec.curve;
  if (c.kind !== 'measured' || spec.measuredAtMb === null || !hasTails(c.points))
    return { map: null, note: null };
  runTimeFactor(spec, memoryMb, arch); // the same checks (measured memory given, extrapolation allowed)
  const archFactor =
    arch === spec.measuredArch ? 1 : arch === 'arm64' ? 1 / spec.armSpeedFactor : spec.armSpeedFactor;
  const { minMb, maxMb } = validRange(c);
  const at = (mb: number, k: Series): number => measuredValue(c.points, k, mb, minMb, maxMb).value;
  const m0 = spec.measuredAtMb;
  const map: RunTimeMap = {
    fromMs: [at(m0, 'durationMs'), at(m0, 'p90Ms'), at(m0, 'p99Ms')],
    toMs: [
      at(memoryMb, 'durationMs') * archFactor,
      at(memoryMb, 'p90Ms') * archFactor,
      at(memoryMb, 'p99Ms') * archFactor,
    ],
  };
  if (!isIncreasingMap(map))
    return {
      map: null,
      note: `the measured tails are not above the typical run time at ${m0} or ${memoryMb} MB, so they are not used: every run time scales by one factor`,
    };
  return { map, note: null };
}

/** True when every point has p90 and p99 (a model uses its tails only when all sizes have them). */
function hasTails(points: readonly MeasuredPoint[]): boolean {
  return points.every((p) => p.p90Ms !== undefined && p.p99Ms !== undefined);
}

/**
 * Factor by which run times measured at `spec.measuredAtMb` on `spec.measuredArch` change at
 * `memoryMb` on `arch`. Throws an InputError when a needed parameter is missing, or when a size lies
 * outside the measured points and extrapolation is not allowed.
 */
export function runTimeFactor(spec: DurationModelSpec, memoryMb: number, arch: Architecture): RunTimeFactor {
  const archFactor =
    arch === spec.measuredArch ? 1 : arch === 'arm64' ? 1 / spec.armSpeedFactor : spec.armSpeedFactor;
  const curve = spec.curve;
  if (curve.kind === 'none') return { factor: archFactor, extrapolated: false };
  if (spec.measuredAtMb === null) {
    throw inputError(
      'NO_MEASURED_MEMORY',
      `the duration model (${modelName(spec)}) needs the memory the trace's run times were measured at: give --measured-at <MB> (scenario: measuredAtMb)`,
    );
  }
  const at = curveValue(curve, spec.measuredAtMb);
  const to = curveValue(curve, memoryMb);
  for (const [what, mb, v] of [
    ['the measured memory', spec.measuredAtMb, at],
    ['memory', memoryMb, to],
  ] as const) {
    if (v.extrapolated && !spec.extrapolate) {
      const { minMb, maxMb } = validRange(curve);
      throw inputError(
        'EXTRAPOLATION',
        `${what} ${mb} MB is outside the ${modelName(spec)} model's ${minMb}..${maxMb} MB; ${curve.kind === 'measured' ? 'measure more sizes, or pass --extrapolate to extend its end segments (the report marks such points)' : 'pick sizes inside it, or pass --extrapolate'}`,
      );
    }
  }
  let factor: number;
  if (curve.kind === 'cpu-share') {
    // run(m) / run(m0) = f · (CPU-bound time at m / at m0) + (1 − f)
    factor = curve.cpuFraction * (to.value / at.value) + (1 - curve.cpuFraction);
  } else {
    factor = to.value / at.value;
  }
  return { factor: factor * archFactor, extrapolated: at.extrapolated || to.extrapolated };
}

export function modelName(spec: DurationModelSpec): string {
  const c = spec.curve;
  switch (c.kind) {
    case 'none':
      return 'none';
    case 'cpu-share':
      return 'cpu-share';
    case 'measured':
      return c.from === 'csv' ? 'measured points' : 'Power Tuning points';
  }
}

export interface DurationModelDescription {
  name: string;
  /** the model's parameters, in order, as text */
  parameters: [string, string][];
  /** memory sizes the model is valid for */
  validFromMb: number;
  validToMb: number;
  /** one line */
  text: string;
}

export function describeDurationModel(spec: DurationModelSpec): DurationModelDescription {
  const c = spec.curve;
  const params: [string, string][] = [];
  const { minMb, maxMb } = validRange(c);
  let text: string;
  switch (c.kind) {
    case 'none':
      text = 'run time as observed at every memory size (no duration model)';
      break;
    case 'cpu-share':
      params.push(
        ['CPU-bound fraction', `${round(c.cpuFraction * 100)}% of the run time at the measured memory`],
        ['parallelism', `${c.parallelism} thread${c.parallelism === 1 ? '' : 's'}`],
        ['CPU allocation', `${c.mbPerVcpu} MB per vCPU, up to ${c.maxVcpus} vCPUs (${c.source})`],
      );
      text = `CPU share: run time = ${round(c.cpuFraction * 100)}% × (CPU at the measured memory / usable CPU) + ${round((1 - c.cpuFraction) * 100)}% not scaled; usable CPU = min(MB / ${c.mbPerVcpu}, ${Math.min(c.maxVcpus, c.parallelism)}) vCPU`;
      break;
    case 'measured':
      params.push(
        ['points', c.points.map((p) => `${p.memoryMb} MB ${round(p.durationMs)} ms${tail(p)}`).join(', ')],
        ['source', `${c.file}${c.note ? ` (${c.note})` : ''}`],
        ['interpolation', 'monotone cubic (PCHIP) in log-memory and log-duration'],
        [
          'scaling',
          hasTails(c.points)
            ? "by each request's place among the typical, p90 and p99 run times, each interpolated on its own (a tail that does not shrink with memory stays as long)"
            : 'one factor for every request (typical run time at the target / at the measured memory); give p90_ms and p99_ms at every size to scale the tail by its own curve',
        ],
      );
      text = `${c.from === 'csv' ? 'measured points' : 'AWS Lambda Power Tuning points'} from ${c.file}, ${c.points.length} sizes, interpolated monotonically (PCHIP, log-log)`;
      break;
  }
  if (c.kind !== 'none')
    params.unshift([
      'measured at',
      spec.measuredAtMb === null ? 'not given' : `${spec.measuredAtMb} MB, ${spec.measuredArch}`,
    ]);
  params.push([
    'arm64 speed factor',
    `${spec.armSpeedFactor} (arm64 run time = x86_64 run time / ${spec.armSpeedFactor})`,
  ]);
  if (c.kind === 'measured')
    params.push([
      'extrapolation',
      spec.extrapolate
        ? 'allowed (--extrapolate): end segments extended, slope held between 0 and −1 in log-log'
        : 'refused',
    ]);
  return { name: modelName(spec), parameters: params, validFromMb: minMb, validToMb: maxMb, text };
}

/** A point's measured tail, shown next to it. */
function tail(p: MeasuredPoint): string {
  const parts = [
    p.p90Ms !== undefined ? `p90 ${round(p.p90Ms)}` : '',
    p.p99Ms !== undefined ? `p99 ${round(p.p99Ms)}` : '',
  ].filter((x) => x);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function round(x: number): number {
  return Number(x.toFixed(2));
}
