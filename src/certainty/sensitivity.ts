/**
 * Sensitivity: the run repeated with each bounded figure it rests on set to its low and then its
 * high plausible value (pricing/*.json `low`/`high`, with `bounds` citing where they come from), one
 * figure at a time, everything else as configured and the same seed, so a swing is that figure's
 * effect and not the luck of the draws (common random numbers). Reruns load the provider with the
 * figure patched (Provider.load's `patches`), so no figure needs code of its own; they run on the
 * sweep's worker pool.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { overridesOf, type SimulationConfig } from '../config.js';
import { getProvider } from '../providers/registry.js';
import { settingsOf } from '../run/settings.js';
import { FigureSchema, type Figure, type FigurePatch } from '../pricing/figure.js';
import type { SimulationResult } from '../simulate.js';
import { runSweepPoints, type RunSweepOptions } from '../sweep/run.js';
import type { SweepPoint } from '../sweep/types.js';
import type { Trace } from '../traces/trace.js';

/** A figure with a plausible range, where it is (file name and dotted path). */
export interface BoundedFigure {
  file: string;
  path: string;
  figure: Figure & { low: number; high: number; bounds: string };
}

export interface SensitivityRow {
  /** dotted path in `file` */
  figure: string;
  /** the file it is in: the provider's price sheet, or the INIT measurements its INIT model reads */
  file: string;
  provider: string;
  unit: string;
  value: number;
  low: number;
  high: number;
  /** where low and high come from */
  bounds: string;
  atLow: { monthlyUsd: number; coldStartRate: number };
  atHigh: { monthlyUsd: number; coldStartRate: number };
  /** monthly USD at high minus at low (negative: the higher figure costs less) */
  costSwingUsd: number;
  /** cold-start rate at high minus at low, a fraction */
  coldStartSwing: number;
}

/** Every figure in a parsed JSON document that states low and high, with its dotted path. */
export function boundedFiguresIn(json: unknown, file: string, path = ''): BoundedFigure[] {
  if (json === null || typeof json !== 'object') return [];
  const parsed = FigureSchema.safeParse(json);
  if (parsed.success) {
    const f = parsed.data;
    return f.low !== undefined && f.high !== undefined && f.bounds !== undefined
      ? [{ file, path, figure: { ...f, low: f.low, high: f.high, bounds: f.bounds } }]
      : [];
  }
  return Object.entries(json).flatMap(([k, v]) => boundedFiguresIn(v, file, path ? `${path}.${k}` : k));
}

function boundedFiguresOf(pricingDir: string, file: string): BoundedFigure[] {
  return boundedFiguresIn(JSON.parse(readFileSync(join(pricingDir, file), 'utf8')) as unknown, file);
}

/**
 * The bounded figures a run rests on: those of its provider's sheet that its report lists among the
 * figures it rests on without a primary source (`cost.unconfirmed`, already narrowed to what the
 * configuration uses: the chosen region, architecture and plan, defaults not overridden), and those
 * its measured INIT model names, when some function draws from it (no --init for it).
 */
export function figuresToVary(
  result: SimulationResult,
  config: SimulationConfig,
  pricingDir: string,
): BoundedFigure[] {
  const file = `${result.config.provider}.json`;
  const used = new Set(result.cost.unconfirmed.map((u) => u.path));
  const out = boundedFiguresOf(pricingDir, file).filter((b) => used.has(b.path));
  const measuredInit =
    config.init === null &&
    result.functions.some((f) => overridesOf(config.functions, f.name).init === undefined);
  if (measuredInit) {
    const init = getProvider(config.provider)
      .load(pricingDir)
      .initModel(settingsOf(config), result.config.memoryMb);
    for (const f of init.figures ?? [])
      out.push(...boundedFiguresOf(pricingDir, f.file).filter((b) => b.path === f.path));
  }
  return out;
}

/** Two reruns per figure: at its low, then at its high. */
function sensitivityPoints(config: SimulationConfig, figures: readonly BoundedFigure[]): SweepPoint[] {
  return figures.flatMap((b, i) =>
    (['low', 'high'] as const).map((end, j) => {
      const patch: FigurePatch = { file: b.file, path: b.path, value: b.figure[end] };
      return { index: 2 * i + j, settings: { [b.path]: end }, config, patches: [patch] };
    }),
  );
}

/** Rows from the reruns (in sensitivityPoints' order), largest cost swing first, then largest cold-start swing. */
function sensitivityRows(
  provider: string,
  figures: readonly BoundedFigure[],
  reruns: readonly SimulationResult[],
): SensitivityRow[] {
  const at = (r: SimulationResult): { monthlyUsd: number; coldStartRate: number } => ({
    monthlyUsd: r.cost.monthlyUsd,
    coldStartRate: r.outcomes.coldStartRate,
  });
  const rows = figures.map((b, i): SensitivityRow => {
    const lo = at(reruns[2 * i] as SimulationResult);
    const hi = at(reruns[2 * i + 1] as SimulationResult);
    return {
      figure: b.path,
      file: b.file,
      provider,
      unit: b.figure.unit,
      value: b.figure.value,
      low: b.figure.low,
      high: b.figure.high,
      bounds: b.figure.bounds,
      atLow: lo,
      atHigh: hi,
      costSwingUsd: hi.monthlyUsd - lo.monthlyUsd,
      coldStartSwing: hi.coldStartRate - lo.coldStartRate,
    };
  });
  // dollars first: the question is usually "how wrong can the bill be"; ties (e.g. both 0) by cold starts
  return rows.sort(
    (a, b) =>
      Math.abs(b.costSwingUsd) - Math.abs(a.costSwingUsd) ||
      Math.abs(b.coldStartSwing) - Math.abs(a.coldStartSwing) ||
      (a.figure < b.figure ? -1 : 1),
  );
}

/** Finds the figures `base` rests on and reruns at each one's bounds. */
export async function runSensitivity(
  trace: Trace,
  config: SimulationConfig,
  base: SimulationResult,
  pricingDir: string,
  opts: RunSweepOptions = {},
): Promise<SensitivityRow[]> {
  const figures = figuresToVary(base, config, pricingDir);
  if (figures.length === 0) return [];
  const { results } = await runSweepPoints(trace, sensitivityPoints(config, figures), {
    ...opts,
    pricingDir,
  });
  return sensitivityRows(config.provider, figures, results);
}
