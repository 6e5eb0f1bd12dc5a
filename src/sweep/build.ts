/**
 * A sweep's grid from settings given as lists: memory always, every other setting given with two or
 * more values, their Cartesian product (the first dimension varies slowest). The caller (the CLI)
 * says how a combination of values becomes a configuration; the rest (the size limit, sizes the
 * platforms offer, the notes the report shows) is decided here, the same for every caller.
 */
import type { SimulationConfig } from '../config.js';
import { inputError } from '../errors.js';
import {
  DEFAULT_SWEEP_MEMORY,
  MAX_GRID_POINTS,
  cartesian,
  parseMemoryList,
  splitListValue,
  sweepMemoryForAllFunctions,
} from './grid.js';
import { checkSweepPoints, pointsAtOfferedSizes } from './index.js';
import type { SweepPoint } from './types.js';

/** One axis of the grid: the setting's name as the report shows it, its key in the caller's settings, its values. */
export interface GridDimension {
  name: string;
  attr: string;
  values: string[];
}

/** A setting as given: `text` its value (undefined when not given), `listable` whether a list sweeps it. */
export interface GridSetting {
  name: string;
  attr: string;
  text: string | undefined;
  listable: boolean;
  /** the memory setting: always a dimension, Power Tuning's default sizes when not given */
  memory: boolean;
}

/** The grid's dimensions: memory first, then each listable setting given with two or more distinct values. */
export function gridDimensions(settings: readonly GridSetting[]): GridDimension[] {
  const dims: GridDimension[] = [];
  for (const s of settings) {
    if (s.memory) {
      const sizes = s.text !== undefined ? parseMemoryList(s.text) : [...DEFAULT_SWEEP_MEMORY];
      dims.unshift({ name: 'memory', attr: s.attr, values: sizes.map(String) });
      continue;
    }
    if (s.text === undefined || !s.listable) continue;
    const values = [...new Set(splitListValue(s.text))];
    if (values.length > 1) dims.push({ name: s.name, attr: s.attr, values });
  }
  return dims;
}

/**
 * The listed flags whose comma list holds one value, some of it repeated ("arm64,arm64"):
 * that value, by attribute, to give the flag instead of its text (a list is read as a set).
 */
export function singleValueLists(settings: readonly GridSetting[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of settings) {
    if (s.memory || s.text === undefined || !s.listable) continue;
    const listed = splitListValue(s.text);
    const values = [...new Set(listed)];
    if (values.length === 1 && listed.length > 1) out[s.attr] = values[0] as string;
  }
  return out;
}

export interface BuiltGrid<R> {
  /** points before sizes are moved to those the platforms offer */
  size: number;
  /** what `configure` returned for the first combination (settings that are not swept are read from it) */
  first: R;
  points: SweepPoint[];
  notes: string[];
}

/**
 * Every combination of the dimensions' values as a sweep point. `configure` gets the combination
 * keyed by each dimension's `attr`; `memoryDefaulted` says the memory sizes were not given.
 */
export function buildGrid<R extends { config: SimulationConfig }>(
  dims: readonly GridDimension[],
  configure: (values: Record<string, string>) => R,
  memoryDefaulted: boolean,
): BuiltGrid<R> {
  const size = dims.reduce((a, d) => a * d.values.length, 1);
  if (size > MAX_GRID_POINTS)
    throw inputError(
      'GRID_TOO_LARGE',
      `the grid has ${size} points (${describeDimensions(dims)}), more than ${MAX_GRID_POINTS}`,
    );
  const notes: string[] = [];
  let first: R | undefined;
  const grid: SweepPoint[] = cartesian(dims.map((d) => d.values)).map((combo, index) => {
    const values: Record<string, string> = {};
    const settings: Record<string, string> = {};
    dims.forEach((d, i) => {
      values[d.attr] = combo[i] as string;
      settings[d.name] = combo[i] as string;
    });
    const run = configure(values);
    first ??= run;
    if (Object.values(run.config.functions).some((o) => o.memoryMb !== undefined)) {
      sweepMemoryForAllFunctions(run.config);
      if (index === 0) notes.push("per-function memory from the scenario is replaced by each point's memory");
    }
    return { index, settings, config: run.config };
  });
  if (!first) throw new Error('empty grid');
  if (memoryDefaulted)
    notes.push(
      `memory sizes: Power Tuning's default list ${DEFAULT_SWEEP_MEMORY.join(', ')} MB (--memory to choose)`,
    );
  const offered = pointsAtOfferedSizes(grid);
  notes.push(...offered.notes);
  checkSweepPoints(offered.points);
  return { size, first, points: offered.points, notes };
}

/** "memory 6 × arch 2", for messages */
export function describeDimensions(dims: readonly GridDimension[]): string {
  return dims.map((d) => `${d.name} ${d.values.length}`).join(' × ');
}
