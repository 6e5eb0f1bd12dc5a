/**
 * Logs made by the simulator itself at a known keep-alive: arrivals whose gaps spread across the
 * keep-alive window, simulated, and each request's cold flag and INIT written back as the log.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeepAliveSpec } from '../../src/model/keep-alive.js';
import { INV, NullObserver } from '../../src/model/observer.js';
import { simulateTrace } from '../../src/simulate.js';
import type { Trace } from '../../src/traces/trace.js';
import { Rng } from '../../src/util/rng.js';
import { config, traceOf, type Row } from '../helpers/trace.js';

class Record extends NullObserver {
  readonly byArrival = new Map<number, { cold: boolean; initMs: number }>();
  override onInvocation(
    _fn: number,
    flags: number,
    arrivalMs: number,
    _startMs: number,
    initMs: number,
  ): void {
    if ((flags & INV.ping) !== 0) return;
    this.byArrival.set(arrivalMs, { cold: (flags & INV.cold) !== 0, initMs });
  }
}

/** `n` requests of one function, 100 ms each, the gap before each drawn uniformly in [loMs, hiMs]. */
export function syntheticLog(
  keepAlive: KeepAliveSpec,
  n: number,
  loMs: number,
  hiMs: number,
  seed: number,
): Trace {
  const rng = new Rng(seed).fork('arrivals');
  const rows: Row[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    rows.push({ t, run: 100 });
    // whole ms, so that the CSV written from the log holds the same times
    t += 100 + Math.round(loMs + rng.next() * (hiMs - loMs));
  }
  const rec = new Record();
  simulateTrace(traceOf(rows), config({ keepAlive, seed }), { observers: [rec] });
  const log = rows.map((r) => {
    const seen = rec.byArrival.get(r.t);
    if (!seen) throw new Error(`request at ${r.t} was not served`);
    return seen.cold
      ? { ...r, init: Math.round(seen.initMs * 100) / 100, cold: true }
      : { ...r, cold: false };
  });
  return traceOf(log, 'synthetic.csv');
}

/** The log as a CSV with init_ms (empty when warm), or with an is_cold column and no INIT. */
export function writeLogCsv(trace: Trace, dir: string, withIsCold = false): string {
  const d = trace.data;
  const lines = [
    withIsCold ? 'timestamp,function,duration_ms,is_cold' : 'timestamp,function,duration_ms,init_ms',
  ];
  for (let i = 0; i < d.count; i++) {
    const iso = new Date(Date.UTC(2024, 0, 1) + (d.timeMs[i] as number)).toISOString();
    const last = withIsCold
      ? String(d.isCold[i])
      : Number.isNaN(d.initMs[i] as number)
        ? ''
        : String(d.initMs[i]);
    lines.push(`${iso},f,${d.durationMs[i]},${last}`);
  }
  const file = join(dir, withIsCold ? 'log-is-cold.csv' : 'log.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
