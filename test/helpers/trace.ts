/** Builds in-memory traces for tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type SimulationConfig } from '../../src/config.js';
import { emptyChunk, type Trace } from '../../src/traces/trace.js';

export interface Row {
  t: number;
  run?: number;
  fn?: string;
  init?: number;
  async?: boolean;
  mem?: number;
  cpu?: number;
  /** response bytes */
  bytes?: number;
  /** the trace says the request was cold (default: it has an init) */
  cold?: boolean;
}

export function traceOf(rows: Row[], file = 'test.csv'): Trace {
  const data = emptyChunk(Math.max(1, rows.length));
  const names: string[] = [];
  rows.forEach((r, i) => {
    const name = r.fn ?? 'function';
    let idx = names.indexOf(name);
    if (idx < 0) idx = names.push(name) - 1;
    data.timeMs[i] = r.t;
    data.fn[i] = idx;
    data.durationMs[i] = r.run ?? NaN;
    data.initMs[i] = r.init ?? NaN;
    data.isAsync[i] = r.async ? 1 : 0;
    data.memoryUsedMb[i] = r.mem ?? NaN;
    data.cpuMs[i] = r.cpu ?? NaN;
    data.responseBytes[i] = r.bytes ?? NaN;
    data.isCold[i] = (r.cold ?? r.init !== undefined) ? 1 : 0;
  });
  data.count = rows.length;
  const hasRun = rows.some((r) => r.run !== undefined);
  return {
    data,
    info: {
      file,
      rows: rows.length,
      skippedRows: 0,
      skipReasons: [],
      columns: {
        timestamp: 'timestamp',
        function: 'function',
        duration_ms: hasRun ? 'duration_ms' : null,
        init_ms: 'init_ms',
        type: 'type',
        memory_used_mb: null,
        cpu_ms: null,
        response_bytes: null,
        is_cold: null,
      },
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
  };
}

export function config(over: Partial<SimulationConfig> = {}): SimulationConfig {
  return { ...DEFAULT_CONFIG, functions: {}, ...over };
}

/** Evenly spaced requests: n of them, `gapMs` apart, starting at 0. */
export function evenly(n: number, gapMs: number, row: Omit<Row, 't'> = {}): Row[] {
  return Array.from({ length: n }, (_, i) => ({ ...row, t: i * gapMs }));
}

export function tempDir(prefix = 'faasim-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeTemp(name: string, text: string, dir = tempDir()): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
