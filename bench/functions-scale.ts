/**
 * Issue 12 §3: the same requests spread over more and more functions. For each count N in
 * BENCH_SCALE_FUNCTIONS (default 3,10000,100000; add 1000000 by hand, it takes minutes) a trace of
 * BENCH_SCALE_REQUESTS rows (default 1,000,000) evenly spaced over one hour, row i calling function
 * (i × 7919) mod N, is simulated as `faasim simulate TRACE` does it (AWS Lambda defaults, the table
 * with the 20 costliest functions) in a fresh process, so its peak RSS is its own. Prints one JSON
 * line per count: wall and CPU seconds, µs of CPU per request and per event the engine fired, their
 * ratios to the first count's, peak RSS, and the load average (the machine is shared: compare lines
 * from the same run only).
 *
 * After the first count, a control line (BENCH_SCALE_CONTROL, default on; 0 leaves it out): the
 * first count's trace with Lambda's keep-alive range in milliseconds instead of minutes
 * (BENCH_SCALE_CONTROL_KEEP_ALIVE, default 5ms..7ms), so that about as many of its requests cold-start
 * as at 100 k functions (52 % against 55 %, with 2.6 events a request against 2.9) while its few
 * functions stay in the caches. A later line's `perRequestVsControl` and `perEventVsControl` then
 * separate what many functions cost from what so many cold starts cost.
 *
 *   node --expose-gc dist/bench/functions-scale.js
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG } from '../src/config.js';
import { parseKeepAlive } from '../src/model/keep-alive.js';
import { Platform } from '../src/model/platform.js';
import { renderTable } from '../src/report/render/table.js';
import { simulateFile } from '../src/simulate.js';

const SPAN_MS = 3_600_000;
const START_MS = Date.UTC(2026, 0, 5);

/** `rows` rows evenly spaced over an hour; row i calls function (i × 7919) mod `functions`. */
export async function writeSpreadTrace(file: string, rows: number, functions: number): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const width = String(functions - 1).length;
  const write = (s: string): Promise<void> | void => {
    if (!out.write(s)) return new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write('timestamp,function,duration_ms\n');
  let block = '';
  for (let i = 0; i < rows; i++) {
    const t = new Date(START_MS + Math.floor((i * SPAN_MS) / rows)).toISOString();
    // 7919 is prime, so consecutive rows call different functions whenever N does not divide it
    const fn = (i * 7919) % functions;
    block += `${t},fn-${String(fn).padStart(width, '0')},${20 + ((i * 104729) % 300)}\n`;
    if (block.length > 1 << 16) {
      await write(block);
      block = '';
    }
  }
  await write(block);
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/**
 * Events the engine fired in this process: Platform#finish is wrapped to add up its simulator's count
 * (a bench's instrumentation; the run's API does not expose its platform).
 */
let eventsFired = 0;
const finish = Platform.prototype.finish;
Platform.prototype.finish = function (this: Platform, endMs: number): void {
  finish.call(this, endMs);
  eventsFired += this.sim.firedCount;
};

async function child(file: string, keepAlive: string | undefined): Promise<Record<string, unknown>> {
  const config = { ...DEFAULT_CONFIG };
  if (keepAlive !== undefined) {
    const spec = parseKeepAlive(keepAlive);
    if (spec === undefined)
      throw new Error(`bench functions-scale: keep-alive ${keepAlive} is not a duration or range`);
    config.keepAlive = spec;
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await simulateFile(file, {}, config, { functionsListed: 20 });
  const report = renderTable(r);
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  return {
    functions: r.functions.length + (r.functionsOmitted ?? 0),
    ...(keepAlive === undefined ? {} : { keepAlive }),
    requests: r.trace.requests,
    coldStarts: r.outcomes.coldStarts,
    events: eventsFired,
    wallS: round(wallS),
    cpuS: round(cpuS),
    cpuUsPerRequest: round((cpuS * 1e6) / r.trace.requests),
    cpuUsPerEvent: round((cpuS * 1e6) / eventsFired),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    reportLines: report.split('\n').length,
  };
}

export async function runFunctionsScaleBench(
  sizes = (process.env['BENCH_SCALE_FUNCTIONS'] ?? '3,10000,100000').split(',').map(Number),
  requests = Number(process.env['BENCH_SCALE_REQUESTS'] ?? 1_000_000),
  controlKeepAlive: string | null = process.env['BENCH_SCALE_CONTROL'] === '0'
    ? null
    : (process.env['BENCH_SCALE_CONTROL_KEEP_ALIVE'] ?? '5ms..7ms'),
): Promise<void> {
  const dir = join(tmpdir(), 'faasim-bench');
  mkdirSync(dir, { recursive: true });
  let first: Record<string, number> | undefined;
  let control: Record<string, number> | undefined;
  const runs: { n: number; keepAlive?: string }[] = sizes.map((n) => ({ n }));
  if (controlKeepAlive !== null && sizes.length > 0)
    runs.splice(1, 0, { n: sizes[0] as number, keepAlive: controlKeepAlive });
  for (const { n, keepAlive } of runs) {
    const file = join(dir, `spread-${requests}-over-${n}.csv`);
    if (!existsSync(file)) await writeSpreadTrace(file, requests, n);
    const load1m = round(loadavg()[0] as number);
    const args = ['--expose-gc', fileURLToPath(import.meta.url), '--child', file];
    if (keepAlive !== undefined) args.push(keepAlive);
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`bench functions-scale ${n} failed: ${r.stderr}`);
    const m = JSON.parse(r.stdout) as Record<string, number>;
    first ??= m;
    if (keepAlive !== undefined) control = m;
    const vs = (name: string, to: Record<string, number> | undefined): Record<string, number> =>
      to === undefined || to === m
        ? {}
        : {
            [`perRequestVs${name}`]: round(
              (m['cpuUsPerRequest'] as number) / (to['cpuUsPerRequest'] as number),
            ),
            [`perEventVs${name}`]: round((m['cpuUsPerEvent'] as number) / (to['cpuUsPerEvent'] as number)),
          };
    console.log(
      JSON.stringify({
        measure: 'functions-scale',
        ...m,
        ...vs('First', first),
        ...vs('Control', control),
        loadAverage1m: load1m,
      }),
    );
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

if (process.argv[2] === '--child') {
  child(process.argv[3] as string, process.argv[4]).then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runFunctionsScaleBench().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
