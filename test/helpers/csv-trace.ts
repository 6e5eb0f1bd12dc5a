/** Writes small CSV traces for tests and runs them through simulateFile (the whole pipeline, CSV included). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type SimulationConfig } from '../../src/config.js';
import { MONTH_MS } from '../../src/pricing/cost.js';
import { simulateFile, type SimulationResult } from '../../src/simulate.js';

export interface Row {
  /** ms after 2024-01-01T00:00:00Z (whole ms) */
  t: number;
  run: number;
  fn?: string;
  memoryMb?: number;
  cpuMs?: number;
  init?: number;
  async?: boolean;
  /** the function's app (an `app` column, last, only if some row has one) */
  app?: string;
  /** bytes of the response (column response_bytes) */
  responseBytes?: number;
}

/** A CSV trace with ISO timestamps; columns memory_used_mb, cpu_ms, init_ms and response_bytes only if some row has them. */
export function writeTrace(rows: Row[]): string {
  const hasMem = rows.some((r) => r.memoryMb !== undefined);
  const hasCpu = rows.some((r) => r.cpuMs !== undefined);
  const hasInit = rows.some((r) => r.init !== undefined);
  const hasApp = rows.some((r) => r.app !== undefined);
  const hasBytes = rows.some((r) => r.responseBytes !== undefined);
  const head = [
    'timestamp',
    'function',
    'duration_ms',
    'type',
    ...(hasMem ? ['memory_used_mb'] : []),
    ...(hasCpu ? ['cpu_ms'] : []),
    ...(hasInit ? ['init_ms'] : []),
    ...(hasBytes ? ['response_bytes'] : []),
    ...(hasApp ? ['app'] : []),
  ];
  const base = Date.UTC(2024, 0, 1);
  const lines = rows.map((r) =>
    [
      new Date(base + r.t).toISOString(),
      r.fn ?? 'f',
      String(r.run),
      r.async ? 'async' : 'sync',
      ...(hasMem ? [r.memoryMb === undefined ? '' : String(r.memoryMb)] : []),
      ...(hasCpu ? [r.cpuMs === undefined ? '' : String(r.cpuMs)] : []),
      ...(hasInit ? [r.init === undefined ? '' : String(r.init)] : []),
      ...(hasBytes ? [r.responseBytes === undefined ? '' : String(r.responseBytes)] : []),
      ...(hasApp ? [r.app ?? ''] : []),
    ].join(','),
  );
  const dir = mkdtempSync(join(tmpdir(), 'faasim-test-'));
  const file = join(dir, 'trace.csv');
  writeFileSync(file, [head.join(','), ...lines].join('\n') + '\n');
  return file;
}

/** A span of a thousandth of a 30-day month: monthly quantities are the span's × 1,000. */
export const SPAN_MILLI_MONTH = MONTH_MS / 1000;

export function config(over: Partial<SimulationConfig>): SimulationConfig {
  return { ...DEFAULT_CONFIG, functions: {}, ...over };
}

export async function simulate(rows: Row[], over: Partial<SimulationConfig>): Promise<SimulationResult> {
  return simulateFile(writeTrace(rows), {}, config(over));
}

/** `count` rows of function `fn`, one every `everyMs` from `fromMs`. */
export function every(count: number, everyMs: number, row: Omit<Row, 't'>, fromMs = 0): Row[] {
  return Array.from({ length: count }, (_, i) => ({ ...row, t: fromMs + i * everyMs }));
}

/** A cost line's monthly figures by id. */
export function costLine(r: SimulationResult, id: string): { quantity: number; monthlyUsd: number } {
  const l = r.cost.lines.find((x) => x.id === id);
  if (!l) throw new Error(`no cost line ${id}; lines: ${r.cost.lines.map((x) => x.id).join(', ')}`);
  return { quantity: l.quantity, monthlyUsd: l.monthlyUsd };
}

/** Rounds dollars to cents, as a published bill shows them. */
export function cents(usd: number): number {
  return Math.round(usd * 100) / 100;
}

/** Interleaves several functions' rows into one time-ordered trace. */
export function merge(...parts: Row[][]): Row[] {
  return parts.flat().sort((a, b) => a.t - b.t);
}
