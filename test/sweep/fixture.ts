/** Small in-memory traces and sweep configurations for hand-computed sweeps. */
import { DEFAULT_CONFIG, type SimulationConfig } from '../../src/config.js';
import type { DurationModelSpec } from '../../src/memory/types.js';
import { CPU_ALLOCATION } from '../../src/memory/model.js';
import { emptyChunk, type Trace } from '../../src/traces/trace.js';

export interface Row {
  t: number;
  run: number;
  fn?: string;
  async?: boolean;
}

/** A trace held in memory, as loadTrace would give it (times relative, first request at `rows[0].t`). */
export function makeTrace(rows: Row[], file = 'hand-made.csv'): Trace {
  const names: string[] = [];
  const c = emptyChunk(rows.length);
  c.count = rows.length;
  rows.forEach((r, i) => {
    const name = r.fn ?? 'f';
    let k = names.indexOf(name);
    if (k < 0) k = names.push(name) - 1;
    c.timeMs[i] = r.t;
    c.fn[i] = k;
    c.durationMs[i] = r.run;
    c.initMs[i] = NaN;
    c.isAsync[i] = r.async ? 1 : 0;
    c.memoryUsedMb[i] = NaN;
    c.cpuMs[i] = NaN;
  });
  return {
    info: {
      file,
      rows: rows.length,
      skippedRows: 0,
      skipReasons: [],
      columns: { timestamp: 'timestamp', function: 'function', duration_ms: 'duration_ms', init_ms: null, type: null, memory_used_mb: null, cpu_ms: null },
      timeFormat: 'numeric',
      timeUnit: 'ms',
      timeUnitSource: 'flag',
      originEpochMs: NaN,
      functionNames: names,
      order: 'as-given',
      firstMs: rows[0]?.t ?? 0,
      lastMs: rows[rows.length - 1]?.t ?? 0,
      asyncRows: rows.filter((r) => r.async).length,
    },
    data: c,
  };
}

/** CPU-share model of AWS Lambda with the given CPU-bound fraction, measured at `measuredAtMb`. */
export function cpuShare(cpuFraction: number, measuredAtMb: number, parallelism = 1): DurationModelSpec {
  return { curve: { kind: 'cpu-share', cpuFraction, parallelism, ...CPU_ALLOCATION['aws-lambda']! }, measuredAtMb, measuredArch: 'x86_64', armSpeedFactor: 1, extrapolate: false };
}

/** The default configuration with INIT set to a constant (0 = cold starts cost and add nothing). */
export function baseConfig(over: Partial<SimulationConfig> = {}, initMs = 0): SimulationConfig {
  return { ...DEFAULT_CONFIG, functions: {}, init: { kind: 'constant', ms: initMs }, ...over };
}

export const HOUR = 3_600_000;
