/** Grids: memory lists and ranges, list flags, and the Cartesian product of swept settings. */
import { noFunctions, type SimulationConfig } from '../config.js';
import { inputError } from '../errors.js';
import { describeKeepAlive, type KeepAliveSpec } from '../model/keep-alive.js';
import type { SweepPoint } from './types.js';
import { parseDecimal } from '../util/units.js';

/** Power Tuning's "ALL": 128 to 3008 MB in 64 MB steps (utils.allPowerValues). */
export const POWER_TUNING_ALL = { fromMb: 128, toMb: 3008, stepMb: 64 } as const;
/** Power Tuning's deploy-time default power values (template.yml). */
export const DEFAULT_SWEEP_MEMORY = [128, 256, 512, 1024, 1536, 3008] as const;
/** Larger grids are refused: most likely a typo in a range step. */
export const MAX_GRID_POINTS = 5000;

/**
 * Parses memory sizes: "128,256,512", a range "128..3008:64" (128, 192, … up to 3008), or "all"
 * (Power Tuning's ALL list), mixed freely: "128,512..1024:256". Sorted, duplicates removed.
 */
export function parseMemoryList(text: string, what = '--memory'): number[] {
  const out = new Set<number>();
  const bad = (part: string, why: string): never => {
    throw inputError(
      'BAD_MEMORY_LIST',
      `${what} "${part}": ${why}; expected sizes in MB such as 128,256,512, a range 128..3008:64, or all`,
    );
  };
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') bad(text, 'empty entry');
    if (part.toLowerCase() === 'all') {
      for (let m = POWER_TUNING_ALL.fromMb; m <= POWER_TUNING_ALL.toMb; m += POWER_TUNING_ALL.stepMb)
        out.add(m);
      continue;
    }
    const range = /^(\d+)\s*\.\.\s*(\d+)\s*(?::\s*(\d+))?$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (range[3] === undefined) bad(part, 'a range needs a step, as FROM..TO:STEP');
      const step = Number(range[3]);
      if (!(step > 0)) bad(part, 'the step must be positive');
      if (to < from) bad(part, 'the range is empty');
      if ((to - from) / step + 1 > MAX_GRID_POINTS) bad(part, `more than ${MAX_GRID_POINTS} sizes`);
      for (let m = from; m <= to; m += step) out.add(m);
      continue;
    }
    const v = parseDecimal(part) ?? NaN;
    if (!Number.isInteger(v) || v <= 0) bad(part, 'not a whole number of MB');
    out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/**
 * Splits a flag value into a list. Values are comma-separated, except an empirical distribution
 * ("empirical:a,b,c"), whose commas are its own.
 */
export function splitListValue(text: string): string[] {
  if (/^\s*empirical:/.test(text)) return [text];
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Every combination of the dimensions' values, the first dimension varying slowest. */
export function cartesian<T>(dimensions: readonly (readonly T[])[]): T[][] {
  let combos: T[][] = [[]];
  for (const values of dimensions) {
    const next: T[][] = [];
    for (const c of combos) for (const v of values) next.push([...c, v]);
    combos = next;
  }
  return combos;
}

/** A swept setting for the library API: a config key and its values. */
export type GridAxes = { [K in keyof SimulationConfig]?: SimulationConfig[K][] };

const AXIS_NAMES: Partial<Record<keyof SimulationConfig, string>> = {
  memoryMb: 'memory',
  keepAlive: 'keep-alive',
  concurrencyLimit: 'concurrency-limit',
  packageType: 'package-type',
  initBilling: 'init-billing',
};

/**
 * Library form of a grid: `gridPoints(base, { memoryMb: [128, 256], arch: ['x86_64', 'arm64'] })`.
 * A swept memory applies to every function (per-function memory overrides are dropped).
 */
export function gridPoints(base: SimulationConfig, axes: GridAxes): SweepPoint[] {
  const keys = Object.keys(axes) as (keyof SimulationConfig)[];
  const values = keys.map((k) => (axes[k] ?? []) as unknown[]);
  for (const [i, v] of values.entries())
    if (v.length === 0) throw inputError('EMPTY_AXIS', `the sweep axis ${String(keys[i])} has no values`);
  const size = values.reduce((a, v) => a * v.length, 1);
  if (size > MAX_GRID_POINTS)
    throw inputError('GRID_TOO_LARGE', `the grid has ${size} points, more than ${MAX_GRID_POINTS}`);
  return cartesian(values).map((combo, index) => {
    const config: SimulationConfig = { ...base, functions: { ...base.functions } };
    const settings: Record<string, string> = {};
    keys.forEach((k, i) => {
      (config as unknown as Record<string, unknown>)[k] = combo[i];
      settings[AXIS_NAMES[k] ?? k] = axisText(combo[i]);
    });
    if (axes.memoryMb) sweepMemoryForAllFunctions(config);
    return { index, settings, config };
  });
}

/** Drops per-function memory overrides, so the point's memory applies to every function. */
export function sweepMemoryForAllFunctions(config: SimulationConfig): void {
  const fns = noFunctions();
  for (const [name, o] of Object.entries(config.functions)) {
    const { memoryMb: _dropped, ...rest } = o;
    fns[name] = rest;
  }
  config.functions = fns;
}

function axisText(v: unknown): string {
  if (v === null || v === undefined) return 'default';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (o['kind'] === 'fixed' || o['kind'] === 'uniform' || o['kind'] === 'forever')
      return describeKeepAlive(v as KeepAliveSpec);
    return JSON.stringify(v);
  }
  return String(v);
}
