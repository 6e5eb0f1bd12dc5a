/**
 * Issue 10: one million distinct functions. For each size (BENCH_FUNCTIONS, default 10000,100000;
 * 1000000 takes minutes, so it is asked for by hand) a trace where every function is called twice, 30 minutes apart over one
 * hour (so each of them is alive, cold-started twice, and listed in the metrics and the bill), is
 * simulated as `faasim simulate TRACE` does it (AWS Lambda defaults, the table report with the 20
 * costliest functions), in a fresh process so that its peak RSS is its own. Prints one JSON line
 * per size: functions, requests, wall s, peak RSS MB.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG } from '../src/config.js';
import { renderTable } from '../src/report/render/table.js';
import { simulateFile } from '../src/simulate.js';

const SPAN_MS = 3_600_000;
const START_MS = Date.UTC(2026, 0, 5);

/** `functions` × 2 rows, evenly spaced over an hour: row i calls function i mod N. */
export async function writeManyFunctionsTrace(file: string, functions: number): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const rows = 2 * functions;
  const width = String(functions - 1).length;
  const write = (s: string): Promise<void> | void => {
    if (!out.write(s)) return new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write('timestamp,function,duration_ms\n');
  let block: string[] = [];
  for (let i = 0; i < rows; i++) {
    const t = new Date(START_MS + (i * SPAN_MS) / rows).toISOString();
    // run times 20..320 ms, a fixed spread so the file is the same on every run
    const durationMs = 20 + ((i * 7919) % 300);
    block.push(`${t},fn-${String(i % functions).padStart(width, '0')},${durationMs}\n`);
    if (block.length === 10_000) {
      await write(block.join(''));
      block = [];
    }
  }
  await write(block.join(''));
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

async function child(file: string): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const r = await simulateFile(file, {}, { ...DEFAULT_CONFIG }, { functionsListed: 20 });
  const report = renderTable(r);
  const wallS = (performance.now() - t0) / 1000;
  return {
    measure: 'simulate-many-functions',
    functions: r.functions.length + (r.functionsOmitted ?? 0),
    requests: r.trace.requests,
    wallS: Math.round(wallS * 10) / 10,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    reportBytes: report.length,
  };
}

export async function runManyFunctionsBench(
  sizes = (process.env['BENCH_FUNCTIONS'] ?? '10000,100000').split(',').map(Number),
): Promise<void> {
  const dir = join(tmpdir(), 'faasim-bench');
  mkdirSync(dir, { recursive: true });
  for (const n of sizes) {
    const file = join(dir, `functions-${n}.csv`);
    if (!existsSync(file)) await writeManyFunctionsTrace(file, n);
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) throw new Error(`bench many-functions ${n} failed: ${r.stderr}`);
    process.stdout.write(r.stdout);
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3] as string).then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `node dist/bench/many-functions.js`: this benchmark alone
  runManyFunctionsBench().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
