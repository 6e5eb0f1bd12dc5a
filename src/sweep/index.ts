/**
 * Memory right-sizing sweeps, as a library:
 *
 *   const trace = await loadTrace('trace.csv');
 *   const points = gridPoints({ ...DEFAULT_CONFIG, durationModel }, { memoryMb: [128, 512, 1769, 3008] });
 *   const report = sweepTraceSerial(trace, points);            // in-process
 *   const report2 = await sweepTrace(trace, points);           // worker threads (needs the compiled dist/)
 *   console.log(renderSweepTable(report));
 */
import { inputError } from '../errors.js';
import { runTimeFactor } from '../memory/model.js';
import { defaultPricingDir } from '../pricing/dir.js';
import { dropOptionsNotTaken, dropPrewarmedNotKept, refuseOptionsNotTaken } from '../providers/options.js';
import { getProvider } from '../providers/registry.js';
import type { LoadedProvider } from '../providers/types.js';
import { Run, spanOf } from '../run/run.js';
import { refuseBeforeTrace } from '../run/limits.js';
import { settingsOf } from '../simulate.js';
import type { ReplayableTrace } from '../traces/replay.js';
import type { Trace, TraceInfo } from '../traces/trace.js';
import { analyzeSweep } from './analyze.js';
import { runPointsSerial, runSweepPoints, type RunSweepOptions } from './run.js';
import type { SweepCriteria, SweepPoint, SweepReport } from './types.js';

export interface SweepOptions extends RunSweepOptions {
  criteria?: Partial<SweepCriteria>;
  dimensions?: { name: string; values: string[] }[];
  notes?: string[];
}

/** Whether the points run on more than one provider (a sweep over providers notes what one alone refuses). */
function spansProviders(points: readonly SweepPoint[]): boolean {
  return new Set(points.map((p) => p.config.provider)).size > 1;
}

/**
 * Points moved to the size the platform gives a function asked for their memory (Azure Premium's
 * EP1–EP3, Flex's instance sizes, Cloud Run's and GCF's sizes), so each row shows what was run and
 * billed. On Azure Consumption the setting is the observed memory an execution bills, so only a
 * size outside its range moves (to the instance size). In a sweep over several platforms, an arm64
 * point on one that offers no choice of architecture becomes its x86_64 point (over that one
 * platform alone --arch arm64 is refused, as simulate refuses it). Points that land where another
 * point with the same settings already is are dropped; each move and drop is said in a note. A
 * setting a platform does not use is noted where several platforms run, refused where one does.
 */
export function pointsAtOfferedSizes(
  points: readonly SweepPoint[],
  pricingDir = defaultPricingDir(),
): { points: SweepPoint[]; notes: string[] } {
  const providerOf = providerCache(pricingDir);
  const seen = new Set<string>();
  const out: SweepPoint[] = [];
  const moves = new Map<string, string[]>();
  const dropped = new Map<string, number>();
  const optionNotes = new Set<string>();
  const severalProviders = spansProviders(points);
  for (const p of points) {
    const c = p.config;
    const provider = providerOf(c.provider);
    const d = provider.platformDefaults(settingsOf(c));
    const map = d.mapMemory;
    // over one platform a setting it does not use is refused, as simulate refuses it (run.ts);
    // over several, the platforms that do not use it note it and run
    if (!severalProviders)
      refuseOptionsNotTaken(c, provider.label, (m) => inputError('OPTION_NOT_FOR_PROVIDER', m));
    const options = dropOptionsNotTaken(c);
    for (const n of options.notes) optionNotes.add(n);
    // over several platforms a level below one's minimum runs there at the minimum (checkSweepPoints)
    const min = d.minProvisioned ?? 0;
    if (severalProviders && c.provisioned > 0 && c.provisioned < min)
      optionNotes.add(
        `--provisioned ${c.provisioned} is below the ${min} instances ${provider.label} always keeps: its points run at ${min}`,
      );
    // over one platform --prewarmed stays, so that the platform refuses it (as simulate does)
    const keepsPrewarmed = d.prewarmed !== undefined || !severalProviders;
    const prewarmed = dropPrewarmedNotKept(options.config, keepsPrewarmed, provider.label);
    if (prewarmed.note !== null) optionNotes.add(prewarmed.note);
    let point = options.notes.length > 0 || prewarmed.note !== null ? { ...p, config: prewarmed.config } : p;
    const outside = !(c.memoryMb >= d.memoryMinMb && c.memoryMb <= d.memoryMaxMb);
    if (map && (outside || d.memoryIsObserved !== true)) {
      const mb = map(c.memoryMb).memoryMb;
      if (mb !== c.memoryMb) {
        note(
          moves,
          provider.label,
          `${c.memoryMb.toLocaleString('en-US')} → ${mb.toLocaleString('en-US')} MB`,
        );
        point = {
          ...point,
          settings: {
            ...point.settings,
            ...(point.settings['memory'] !== undefined ? { memory: String(mb) } : {}),
          },
          config: { ...point.config, memoryMb: mb },
        };
      }
    }
    if (d.archSelectable === false && c.arch === 'arm64') {
      // the platform offers no choice: an arm64 point is its x86_64 point
      note(moves, provider.label, 'arm64 → its only architecture');
      point = {
        ...point,
        settings: { ...point.settings, ...(point.settings['arch'] !== undefined ? { arch: 'x86_64' } : {}) },
        config: { ...point.config, arch: 'x86_64' },
      };
    }
    const key = `${point.config.provider}|${JSON.stringify(Object.entries(point.settings).sort())}|${point.config.memoryMb}`;
    if (seen.has(key)) {
      dropped.set(provider.label, (dropped.get(provider.label) ?? 0) + 1);
      continue;
    }
    seen.add(key);
    out.push({ ...point, index: out.length });
  }
  const notes = [...moves].map(([label, list]) => {
    const d = dropped.get(label) ?? 0;
    return `${label} runs what it offers: ${[...new Set(list)].join(', ')}${d > 0 ? `; ${d} point${d === 1 ? '' : 's'} landing on one already in the grid dropped` : ''}`;
  });
  return { points: out, notes: [...notes, ...optionNotes] };
}

/** Loads each provider once. */
function providerCache(pricingDir: string): (id: string) => LoadedProvider {
  const loaded = new Map<string, LoadedProvider>();
  return (id) => {
    let provider = loaded.get(id);
    if (!provider) {
      provider = getProvider(id).load(pricingDir);
      loaded.set(id, provider);
    }
    return provider;
  };
}

function note(moves: Map<string, string[]>, label: string, what: string): void {
  const list = moves.get(label) ?? [];
  list.push(what);
  moves.set(label, list);
}

/**
 * Checks every point before any runs: memory inside the provider's range, the capacity settings it
 * alone decides (refuseBeforeTrace), and the duration model able to give a factor (no silent
 * extrapolation). Throws an InputError naming the first bad point.
 */
export function checkSweepPoints(points: readonly SweepPoint[], pricingDir = defaultPricingDir()): void {
  const providerOf = providerCache(pricingDir);
  // over several platforms a level below one's minimum runs there at the minimum (pointsAtOfferedSizes
  // notes it), as simulate --provider a,b does; over one it is refused, as simulate refuses it
  const severalProviders = spansProviders(points);
  for (const p of points) {
    const c = p.config;
    const provider = providerOf(c.provider);
    const d = provider.platformDefaults(settingsOf(c));
    if (!(c.memoryMb >= d.memoryMinMb && c.memoryMb <= d.memoryMaxMb)) {
      throw inputError(
        'MEMORY_OUT_OF_RANGE',
        `memory ${c.memoryMb} MB is outside ${provider.label}'s ${d.memoryMinMb}..${d.memoryMaxMb} MB`,
      );
    }
    refuseBeforeTrace(c, d, provider.label, severalProviders ? 'run at the minimum' : 'refuse');
    if (c.durationModel) runTimeFactor(c.durationModel, c.memoryMb, c.arch);
    // the measured INIT for the runtime, package and architecture (an unknown runtime is refused here, before any run)
    if (!c.init) provider.initModel(settingsOf(c), c.memoryMb);
  }
}

/**
 * What each point's run would refuse on this trace (a --duration the trace's durations make unused,
 * settings the platform cannot take, a span shorter than the trace), asked before any point runs:
 * the set-up of a run without its requests, so a mistake is one error before the sweep starts.
 */
export function checkSweepRuns(
  trace: { info: TraceInfo },
  points: readonly SweepPoint[],
  pricingDir = defaultPricingDir(),
): void {
  const providerOf = providerCache(pricingDir);
  for (const p of points) {
    new Run(p.config, providerOf(p.config.provider), trace.info.functionNames, trace.info);
    spanOf(p.config, trace.info);
  }
}

/** Runs every point in this thread and analyses them. */
export function sweepTraceSerial(
  trace: Trace | ReplayableTrace,
  points: readonly SweepPoint[],
  opts: SweepOptions = {},
): SweepReport {
  checkSweepPoints(points, opts.pricingDir);
  const results = runPointsSerial(trace, points, opts);
  return analyzeSweep({ points, results, ...pick(opts) });
}

/** Runs the points on worker threads when it can (see runSweepPoints), and analyses them. */
export async function sweepTrace(
  trace: Trace | ReplayableTrace,
  points: readonly SweepPoint[],
  opts: SweepOptions = {},
): Promise<SweepReport> {
  checkSweepPoints(points, opts.pricingDir);
  const { results } = await runSweepPoints(trace, points, opts);
  return analyzeSweep({ points, results, ...pick(opts) });
}

function pick(opts: SweepOptions): {
  criteria?: Partial<SweepCriteria>;
  dimensions?: { name: string; values: string[] }[];
  notes?: string[];
} {
  const o: {
    criteria?: Partial<SweepCriteria>;
    dimensions?: { name: string; values: string[] }[];
    notes?: string[];
  } = {};
  if (opts.criteria) o.criteria = opts.criteria;
  if (opts.dimensions) o.dimensions = opts.dimensions;
  if (opts.notes) o.notes = opts.notes;
  return o;
}

export {
  analyzeSweep,
  balancedScores,
  cheapest,
  compareCost,
  sameCost,
  fastest,
  markPareto,
  recommend,
  powerTuningView,
  summarizePoint,
} from './analyze.js';
export { renderChart } from './chart.js';
export {
  cartesian,
  gridPoints,
  parseMemoryList,
  splitListValue,
  sweepMemoryForAllFunctions,
  DEFAULT_SWEEP_MEMORY,
  POWER_TUNING_ALL,
  MAX_GRID_POINTS,
  type GridAxes,
} from './grid.js';
export { renderSweepCsv, renderSweepJson, renderSweepTable, SWEEP_RENDERERS } from './render.js';
export {
  runPointsParallel,
  runPointsSerial,
  runSweepPoints,
  workersAvailable,
  defaultWorkerCount,
  type RunPointsOptions,
  type RunSweepOptions,
  type RunSweepOutcome,
} from './run.js';
export { shareTrace, isShared } from './share.js';
export {
  DEFAULT_CRITERIA,
  SWEEP_SCHEMA,
  type PointOutcome,
  type Recommendation,
  type RecommendationKind,
  type SweepCriteria,
  type SweepPoint,
  type SweepReport,
} from './types.js';
