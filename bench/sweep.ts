/**
 * Sweep benchmark: a 50-point memory sweep over a synthetic 1M-request trace, on worker threads and
 * then one point after another in-process. Prints JSON lines: the trace, each mode's points per
 * second, and the speed-up. Compiled to dist/bench/sweep.js:
 *
 *   node dist/bench/sweep.js [--requests 1000000] [--points 50] [--workers N] [--no-serial]
 */
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { DEFAULT_CONFIG } from '../src/config.js';
import { getProvider } from '../src/providers/registry.js';
import { defaultPricingDir } from '../src/pricing/dir.js';
import { gridPoints } from '../src/sweep/grid.js';
import { runPointsParallel, runPointsSerial } from '../src/sweep/run.js';
import { shareTrace } from '../src/sweep/share.js';
import { emptyChunk, type Trace } from '../src/traces/trace.js';
import { Rng } from '../src/util/rng.js';

export interface SweepBenchOptions {
  requests: number;
  points: number;
  workers: number;
  serial: boolean;
}

/** Poisson arrivals at 50 req/s over three functions; run times lognormal around 120 ms (seeded). */
export function syntheticTrace(requests: number): Trace {
  const rng = new Rng('bench-sweep');
  const c = emptyChunk(requests);
  c.count = requests;
  let t = 0;
  for (let i = 0; i < requests; i++) {
    t += -Math.log(1 - rng.next()) * 20; // mean gap 20 ms
    c.timeMs[i] = t;
    c.fn[i] = rng.int(3);
    c.durationMs[i] = Math.exp(Math.log(120) + 0.6 * rng.normal());
    c.initMs[i] = NaN;
    c.isAsync[i] = 0;
    c.memoryUsedMb[i] = NaN;
    c.cpuMs[i] = NaN;
    c.responseBytes[i] = NaN;
  }
  return {
    info: {
      file: 'synthetic',
      rows: requests,
      skippedRows: 0,
      skipReasons: [],
      columns: {
        timestamp: 'timestamp',
        function: 'function',
        duration_ms: 'duration_ms',
        init_ms: null,
        type: null,
        memory_used_mb: null,
        cpu_ms: null,
        response_bytes: null,
        is_cold: null,
      },
      timeFormat: 'numeric',
      timeUnit: 'ms',
      timeUnitSource: 'flag',
      originEpochMs: NaN,
      functionNames: ['api', 'worker', 'report'],
      order: 'as-given',
      firstMs: c.timeMs[0] as number,
      lastMs: c.timeMs[requests - 1] as number,
      asyncRows: 0,
    },
    data: c,
  };
}

export async function runSweepBench(o: SweepBenchOptions): Promise<void> {
  const line = (x: Record<string, unknown>): void => console.log(JSON.stringify({ bench: 'sweep', ...x }));
  let t0 = performance.now();
  const trace = shareTrace(syntheticTrace(o.requests));
  line({
    phase: 'trace',
    requests: o.requests,
    spanHours: Number((trace.info.lastMs / 3.6e6).toFixed(2)),
    buildSeconds: Number(((performance.now() - t0) / 1000).toFixed(2)),
  });
  // 128, 192, … in 64 MB steps: 50 points reach 3,264 MB
  const memory = Array.from({ length: o.points }, (_, i) => 128 + 64 * i);
  const config = {
    ...DEFAULT_CONFIG,
    functions: {},
    durationModel: {
      curve: {
        kind: 'cpu-share' as const,
        cpuFraction: 0.7,
        parallelism: 1,
        ...getProvider('aws-lambda').load(defaultPricingDir()).cpuAllocation!,
      },
      measuredAtMb: 1024,
      measuredArch: 'x86_64' as const,
      armSpeedFactor: 1,
      extrapolate: false,
    },
  };
  const points = gridPoints(config, { memoryMb: memory });

  // cpuSeconds: CPU time of the whole process (all threads); close to `seconds` × workers when every
  // worker had a core to itself, close to `seconds` when other load left them one core to share
  let cpu0 = process.cpuUsage();
  t0 = performance.now();
  const parallel = await runPointsParallel(trace, points, o.workers);
  const pSec = (performance.now() - t0) / 1000;
  line({
    mode: 'workers',
    workers: Math.min(o.workers, points.length),
    points: points.length,
    requests: o.requests,
    seconds: round(pSec),
    cpuSeconds: cpuSince(cpu0),
    pointsPerSecond: round(points.length / pSec),
    requestsPerSecond: Math.round((points.length * o.requests) / pSec),
  });
  if (!o.serial) return;

  cpu0 = process.cpuUsage();
  t0 = performance.now();
  const serial = runPointsSerial(trace, points);
  const sSec = (performance.now() - t0) / 1000;
  line({
    mode: 'serial',
    workers: 1,
    points: points.length,
    requests: o.requests,
    seconds: round(sSec),
    cpuSeconds: cpuSince(cpu0),
    pointsPerSecond: round(points.length / sSec),
    requestsPerSecond: Math.round((points.length * o.requests) / sSec),
  });
  const identical = serial.every((r, i) => JSON.stringify(r) === JSON.stringify(parallel[i]));
  line({
    speedup: round(sSec / pSec),
    identicalResults: identical,
    cores: availableParallelism(),
    loadAverage1m: round(loadavg()[0] as number),
  });
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return round((d.user + d.system) / 1e6);
}

function round(x: number): number {
  return Number(x.toFixed(2));
}

function argsOf(argv: string[]): SweepBenchOptions {
  const get = (name: string, dflt: number): number => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  return {
    requests: get('requests', 1_000_000),
    points: get('points', 50),
    workers: get('workers', availableParallelism()),
    serial: !argv.includes('--no-serial'),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runSweepBench(argsOf(process.argv.slice(2)));
}
