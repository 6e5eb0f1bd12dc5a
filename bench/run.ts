/**
 * `npm run bench`: throughput and memory of faasim on synthetic traces of 1 M and 10 M requests.
 * Prints one JSON line per measurement. Each measurement runs in its own child process so that its
 * peak RSS is its own. Set BENCH_ROWS=1000000 to skip the 10 M case. Ends with a 50-point memory
 * sweep (bench/sweep.ts), --replicates 1 against 8 (bench/replicates.ts), simulations of 10 k and
 * 100 k distinct functions (bench/many-functions.ts), the same 1 M requests over 3, 10 k and 100 k
 * functions (bench/functions-scale.ts) and the CLI's simulate, sweep and compare on one file
 * (bench/commands.ts; BENCH_COMMANDS_REQUESTS sets its size), then the same workload through SimFaaS and
 * faasim (bench/simfaas.ts, skipped without SIMFAAS_DIR). Reading speed on a 3 M-line REPORT log
 * and a 5 M-row CSV is bench/ingest.ts.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG } from '../src/config.js';
import { getProvider } from '../src/providers/registry.js';
import { defaultPricingDir } from '../src/pricing/dir.js';
import { Platform } from '../src/model/platform.js';
import { NullObserver } from '../src/model/observer.js';
import type { ModelSpec } from '../src/model/spec.js';
import type { LoadedProvider } from '../src/providers/types.js';
import { settingsOf, simulateFile, simulateLoaded } from '../src/simulate.js';
import type { Trace } from '../src/traces/trace.js';
import { loadTrace } from '../src/traces/load.js';
import { readTraceCsv } from '../src/traces/read-csv.js';
import { writeSyntheticReportLog, writeSyntheticTrace } from './generate.js';
import { readTrace } from '../src/traces/read.js';
import { generateTrace } from '../src/generate/generate.js';
import { generateOptionsOf } from '../src/generate/options.js';
import { inspectTrace } from '../src/inspect/inspect.js';

const RATE_PER_S = 200;
const config = { ...DEFAULT_CONFIG, functions: {}, memoryMb: 512 };

function mb(bytes: number): number {
  return Math.round(bytes / 1048576);
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function child(kind: string, file: string): Promise<Record<string, unknown>> {
  const rows = Number(process.env['BENCH_ROW_COUNT']);
  const t0 = performance.now();
  if (kind === 'ingest') {
    let n = 0;
    await readTraceCsv(file, {}, (c) => {
      n += c.count;
    });
    const s = (performance.now() - t0) / 1000;
    return {
      measure: 'csv-ingest',
      rows: n,
      seconds: round(s),
      rowsPerS: Math.round(n / s),
      peakRssMb: peakRssMb(),
    };
  }
  if (kind === 'report-ingest') {
    // CloudWatch REPORT text through the importer: parse, derive arrivals, sort, hand on chunks
    let n = 0;
    await readTrace(file, {}, (c) => {
      n += c.count;
    });
    const s = (performance.now() - t0) / 1000;
    return {
      measure: 'cloudwatch-report-ingest',
      lines: n,
      seconds: round(s),
      linesPerS: Math.round(n / s),
      peakRssMb: peakRssMb(),
    };
  }
  if (kind === 'cache') {
    // --cache: the first read parses and writes the binary cache; later reads come from it
    const cacheDir = join(dirname(file), `cache-${process.pid}`);
    const count = async (): Promise<{ n: number; s: number; from: string }> => {
      const t = performance.now();
      let n = 0;
      const info = await readTrace(file, { cacheDir }, (c) => {
        n += c.count;
      });
      return { n, s: (performance.now() - t) / 1000, from: info.cache ?? '' };
    };
    const write = await count();
    const reads = [await count(), await count(), await count()].sort((a, b) => a.s - b.s);
    const median = reads[1] as { n: number; s: number; from: string };
    const sizeMb = mb(readdirSync(cacheDir).reduce((a, f) => a + statSync(join(cacheDir, f)).size, 0));
    rmSync(cacheDir, { recursive: true, force: true });
    if (!median.from.startsWith('read from'))
      throw new Error(`the re-read did not come from the cache: ${median.from}`);
    return {
      measure: 'trace-cache',
      rows: write.n,
      parseAndWriteSeconds: round(write.s),
      parseAndWriteRowsPerS: Math.round(write.n / write.s),
      reReadSeconds: round(median.s),
      reReadRowsPerS: Math.round(median.n / median.s),
      cacheSizeMb: sizeMb,
      peakRssMb: peakRssMb(),
    };
  }
  if (kind === 'engine') {
    const trace = await loadTrace(file);
    const provider = getProvider('aws-lambda').load(defaultPricingDir());
    // the engine alone first, so its first run is a cold one too (the full runs would warm its code)
    const core = runs(() => runCore(trace, provider));
    const full = runs(() => simulateLoaded(trace, config, provider).outcomes.coldStarts);
    const rows = trace.info.rows;
    const perS = (ms: number): number => Math.round((rows / ms) * 1000);
    return {
      measure: 'engine-in-memory',
      rows,
      runs: RUNS,
      // what `simulate` runs: platform model, metrics and AWS billing observing every event
      withMetricsAndBilling: {
        firstRunRequestsPerS: perS(full.firstMs),
        warmedRequestsPerS: perS(full.warmedMs),
        coldStarts: full.result,
      },
      // the engine alone: event queue and platform model, an observer that only counts cold starts
      engineOnly: {
        firstRunRequestsPerS: perS(core.firstMs),
        warmedRequestsPerS: perS(core.warmedMs),
        coldStarts: core.result,
      },
      peakRssMb: peakRssMb(),
    };
  }
  if (kind === 'faasim-generate') {
    // `faasim generate` to a file through a stream with backpressure, as the CLI writes to stdout
    const out = createWriteStream(file, { highWaterMark: 1 << 20 });
    const n = await generateTrace(
      generateOptionsOf({
        pattern: 'poisson',
        rate: '200',
        span: `${Math.round(rows / 200)}s`,
        functions: '20',
        seed: '1',
      }),
      (block) => {
        if (!out.write(block)) return new Promise<void>((resolve) => out.once('drain', () => resolve()));
      },
    );
    await new Promise<void>((resolve) => out.end(() => resolve()));
    const s = (performance.now() - t0) / 1000;
    return {
      measure: 'faasim-generate',
      pattern: 'poisson',
      rows: n,
      seconds: round(s),
      rowsPerS: Math.round(n / s),
      sizeMb: mb(statSync(file).size),
      peakRssMb: peakRssMb(),
    };
  }
  if (kind === 'inspect') {
    const r = await inspectTrace(file);
    const s = (performance.now() - t0) / 1000;
    return {
      measure: 'inspect',
      rows: r.rows,
      seconds: round(s),
      rowsPerS: Math.round(r.rows / s),
      peakRssMb: peakRssMb(),
    };
  }
  const r = await simulateFile(file, {}, config);
  const s = (performance.now() - t0) / 1000;
  return {
    measure: 'simulate-streaming',
    rows,
    seconds: round(s),
    requestsPerS: Math.round(r.trace.requests / s),
    monthlyUsd: round(r.cost.monthlyUsd),
    peakRssMb: peakRssMb(),
  };
}

const RUNS = 9;

/** Times `run` RUNS times: the first run (JIT still compiling) and the median of the others. */
function runs<T>(run: () => T): { firstMs: number; warmedMs: number; result: T } {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = run();
    times.push(performance.now() - t0);
  }
  const warmed = times.slice(1).sort((a, b) => a - b);
  return {
    firstMs: times[0] as number,
    warmedMs: warmed[Math.floor(warmed.length / 2)] as number,
    result: result as T,
  };
}

class ColdStartCounter extends NullObserver {
  coldStarts = 0;
  override onInstanceStart(): void {
    this.coldStarts++;
  }
}

/** The platform model on the engine with Lambda's defaults at 512 MB, observed by a counter only. */
function runCore(trace: Trace, provider: LoadedProvider): number {
  const settings = settingsOf(config);
  const d = provider.platformDefaults(settings);
  const init = provider.initModel(settings, config.memoryMb).sampler;
  const names = trace.info.functionNames;
  const spec: ModelSpec = {
    platform: {
      perInstanceConcurrency: d.perInstanceConcurrency,
      concurrencyLimit: d.concurrencyLimit,
      limitCounts: d.limitCounts,
      scaling: d.scaling,
      keepAlive: d.keepAlive,
      routing: config.routing,
      asyncRetry: d.asyncRetry,
    },
    functions: names.map((name) => ({
      name,
      memoryMb: config.memoryMb,
      reservedConcurrency: null,
      provisioned: 0,
      provisionedControl: null,
      pings: [],
      init,
      duration: null,
      runTimeFactor: 1,
    })),
    functionDefaults: () => {
      throw new Error('every function is known up front');
    },
    seed: config.seed,
    epochOffsetMs: 0,
  };
  const counter = new ColdStartCounter();
  const platform = new Platform(spec, counter);
  platform.start(trace.info.firstMs);
  platform.arriveRows(
    trace.data,
    trace.data.count,
    names.map((_, i) => i),
  );
  platform.finish(trace.info.lastMs);
  return counter.coldStarts;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

async function main(): Promise<void> {
  const [flag, kind, file] = process.argv.slice(2);
  if (flag === '--child') {
    console.log(JSON.stringify(await child(kind as string, file as string)));
    return;
  }
  const dir = join(tmpdir(), 'faasim-bench');
  mkdirSync(dir, { recursive: true });
  const sizes = process.env['BENCH_ROWS']
    ? process.env['BENCH_ROWS'].split(',').map(Number)
    : [1_000_000, 10_000_000];
  console.log(
    JSON.stringify({
      node: process.version,
      cpus: (await import('node:os')).cpus().length,
      note: "each measurement in a fresh process; peakRssMb is that process's maximum resident set",
    }),
  );
  for (const rows of sizes) {
    const file = join(dir, `synthetic-${rows}.csv`);
    if (!existsSync(file)) {
      const t0 = performance.now();
      await writeSyntheticTrace(file, rows, RATE_PER_S);
      console.log(
        JSON.stringify({
          measure: 'generate',
          rows,
          file,
          sizeMb: mb(statSync(file).size),
          seconds: round((performance.now() - t0) / 1000),
        }),
      );
    }
    // the in-memory engine run holds the whole trace; only the streaming run is required to stay small
    const kinds =
      rows > 2_000_000
        ? ['ingest', 'cache', 'simulate', 'inspect']
        : ['ingest', 'cache', 'engine', 'simulate', 'inspect'];
    for (const kind of kinds) {
      const self = fileURLToPath(import.meta.url);
      const r = spawnSync(process.execPath, [self, '--child', kind, file], {
        encoding: 'utf8',
        env: { ...process.env, BENCH_ROW_COUNT: String(rows) },
        maxBuffer: 1 << 20,
      });
      if (r.status !== 0) throw new Error(`bench ${kind} failed: ${r.stderr}`);
      process.stdout.write(r.stdout);
    }
    if (rows <= 2_000_000) {
      const log = join(dir, `report-${rows}.log`);
      if (!existsSync(log)) await writeSyntheticReportLog(log, rows, RATE_PER_S);
      const self = fileURLToPath(import.meta.url);
      const r = spawnSync(process.execPath, [self, '--child', 'report-ingest', log], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (r.status !== 0) throw new Error(`bench report-ingest failed: ${r.stderr}`);
      process.stdout.write(r.stdout);
    }
  }
  // reading speed on a 3 M-line REPORT log and a 5 M-row CSV (bench/ingest.ts)
  const { runIngestBench } = await import('./ingest.js');
  await runIngestBench();
  // `faasim generate` writing 10 M rows (a fresh file each run, removed after)
  {
    const file = join(dir, 'generated.csv');
    const self = fileURLToPath(import.meta.url);
    const r = spawnSync(process.execPath, [self, '--child', 'faasim-generate', file], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_ROW_COUNT: String(10_000_000) },
      maxBuffer: 1 << 20,
    });
    rmSync(file, { force: true });
    if (r.status !== 0) throw new Error(`bench generate failed: ${r.stderr}`);
    process.stdout.write(r.stdout);
  }
  // A short memory sweep (bench/sweep.ts): 10 points over a synthetic 1M-request trace, on worker
  // threads and then in-process. The full 50-point run is node dist/bench/sweep.js.
  const { runSweepBench } = await import('./sweep.js');
  await runSweepBench({ requests: 1_000_000, points: 50, workers: availableParallelism(), serial: true });
  // --replicates (bench/replicates.ts): one run against 8 seeds on the worker pool, 200,000 requests
  const { runReplicatesBench } = await import('./replicates.js');
  await runReplicatesBench({ requests: 200_000, replicates: 8, workers: availableParallelism() });
  // 10 k and 100 k distinct functions called twice each (bench/many-functions.ts; BENCH_FUNCTIONS=1000000 adds the million, minutes)
  const { runManyFunctionsBench } = await import('./many-functions.js');
  await runManyFunctionsBench();
  // the same 1 M requests over 3, 10 k and 100 k functions: CPU per request against 3 (bench/functions-scale.ts)
  const { runFunctionsScaleBench } = await import('./functions-scale.js');
  await runFunctionsScaleBench();
  // simulate (CSV and cache), a 50-point sweep and compare, 1 worker and one per core, on one file (bench/commands.ts)
  const { runCommandsBench } = await import('./commands.js');
  await runCommandsBench();
  // the same workload through SimFaaS and faasim (bench/simfaas.ts; one line and skipped without SIMFAAS_DIR)
  const { runSimfaasBench } = await import('./simfaas.js');
  await runSimfaasBench();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
