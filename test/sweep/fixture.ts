/** Small in-memory traces and sweep configurations for hand-computed sweeps. */
import { DEFAULT_CONFIG, type SimulationConfig } from '../../src/config.js';
import type { DurationModelSpec } from '../../src/memory/types.js';
import { getProvider } from '../../src/providers/registry.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import type { Trace } from '../../src/traces/trace.js';
import { writeFileSync } from 'node:fs';
import { runCli } from '../../src/cli/run.js';
import { traceOf } from '../helpers/trace.js';

export interface Row {
  t: number;
  run: number;
  fn?: string;
  async?: boolean;
}

/** A trace held in memory, as loadTrace would give it (times relative, first request at `rows[0].t`). */
export function makeTrace(rows: Row[], file = 'hand-made.csv'): Trace {
  return traceOf(
    rows.map((r) => ({ ...r, fn: r.fn ?? 'f' })),
    file,
  );
}

/** CPU-share model of AWS Lambda with the given CPU-bound fraction, measured at `measuredAtMb`. */
export function cpuShare(cpuFraction: number, measuredAtMb: number, parallelism = 1): DurationModelSpec {
  return {
    curve: {
      kind: 'cpu-share',
      cpuFraction,
      parallelism,
      ...getProvider('aws-lambda').load(defaultPricingDir()).cpuAllocation!,
    },
    measuredAtMb,
    measuredArch: 'x86_64',
    armSpeedFactor: 1,
    extrapolate: false,
  };
}

/** The default configuration with INIT set to a constant (0 = cold starts cost and add nothing). */
export function baseConfig(over: Partial<SimulationConfig> = {}, initMs = 0): SimulationConfig {
  return { ...DEFAULT_CONFIG, functions: {}, init: { kind: 'constant', ms: initMs }, ...over };
}

export const HOUR = 3_600_000;

/** The CSV the CLI sweep tests read: 60 requests over 2 h, bursts of 3 every 2 min, run 400..690 ms (measured at 512 MB). */
export function writeBurstsCsv(file: string): void {
  const rows = ['timestamp,function,duration_ms'];
  for (let i = 0; i < 60; i++) {
    const t = new Date(Date.UTC(2024, 0, 1, 10) + Math.floor(i / 3) * 120_000 + (i % 3) * 50).toISOString();
    rows.push(`${t},api,${400 + ((i * 37) % 30) * 10}`);
  }
  writeFileSync(file, rows.join('\n') + '\n');
}

/** The CLI in this process: exit code, stdout and stderr. */
export async function sweepCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'faasim', ...args], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
