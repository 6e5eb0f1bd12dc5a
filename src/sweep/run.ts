/**
 * Running a sweep's points: in-process one after another (what tests call), or on worker threads,
 * one per free core, streaming a spooled trace or sharing one in memory (what the CLI does). Both give the same results, in point
 * order: each point is an independent, seeded simulation.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { defaultPricingDir } from '../pricing/dir.js';
import { ProviderCache } from './provider-cache.js';
import { simulateReplay, type SimulationResult } from '../simulate.js';
import { asReplayable, type ReplayableTrace } from '../traces/replay.js';
import type { Trace } from '../traces/trace.js';
import { shareTrace } from './share.js';
import type { SweepPoint } from './types.js';
import type { WorkerInit, WorkerReply, WorkerTask } from './worker.js';

export interface RunPointsOptions {
  pricingDir?: string;
  /** called after each point with the number done */
  onProgress?: (done: number, total: number) => void;
}

export interface RunSweepOptions extends RunPointsOptions {
  /** worker threads; default: one per free core (defaultWorkerCount); 1 (or fewer than 2 points) runs in-process */
  workers?: number;
}

export interface RunSweepOutcome {
  results: SimulationResult[];
  mode: 'in-process' | 'workers';
  workers: number;
}

/** One simulation after another in this thread. */
export function runPointsSerial(
  source: Trace | ReplayableTrace,
  points: readonly SweepPoint[],
  opts: RunPointsOptions = {},
): SimulationResult[] {
  const trace = asReplayable(source);
  const pricingDir = opts.pricingDir ?? defaultPricingDir();
  const providers = new ProviderCache(pricingDir);
  return points.map((p, i) => {
    const r = simulateReplay(trace, p.config, providers.get(p.config.provider, p.patches));
    opts.onProgress?.(i + 1, points.length);
    return r;
  });
}

/** The compiled worker next to this module (dist/src/sweep/worker.js); absent when running TS source. */
function workerScript(): URL {
  return new URL('./worker.js', import.meta.url);
}

export function workersAvailable(): boolean {
  const url = workerScript();
  return url.protocol === 'file:' && existsSync(fileURLToPath(url));
}

/**
 * One worker per core that is free: the cores less the 1-minute load average (rounded), at least
 * one. On a busy machine extra threads only compete with each other and the main thread, and a
 * parallel sweep ran slower than a serial one (issue 12 §2); results do not depend on the count.
 */
export function defaultWorkerCount(cores = availableParallelism(), loadAverage = loadavg()[0] ?? 0): number {
  return Math.max(1, Math.min(cores, cores - Math.round(loadAverage)));
}

/**
 * Runs the points on `workers` threads: a spooled trace is streamed by each worker from its file; a
 * trace in memory is moved to shared memory once if it is not already.
 */
export function runPointsParallel(
  source: Trace | ReplayableTrace,
  points: readonly SweepPoint[],
  workers: number,
  opts: RunPointsOptions = {},
): Promise<SimulationResult[]> {
  if (!workersAvailable()) {
    return Promise.reject(
      new Error(
        `sweep workers need the compiled ${fileURLToPath(workerScript())}; run \`npm run build\`, or run the points in-process`,
      ),
    );
  }
  const trace = asReplayable(source);
  const pricingDir = opts.pricingDir ?? defaultPricingDir();
  const init: WorkerInit =
    trace.spoolPath !== undefined
      ? { spool: { path: trace.spoolPath, info: trace.info }, pricingDir }
      : { trace: shareTrace(trace.inMemory as Trace), pricingDir };
  const n = Math.max(1, Math.min(workers, points.length));
  const results: SimulationResult[] = new Array(points.length);
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let failed = false;
    const stop = (): void => {
      for (const w of pool) void w.terminate();
    };
    const fail = (e: Error): void => {
      if (failed) return;
      failed = true;
      stop();
      reject(e);
    };
    const feed = (w: Worker): void => {
      if (next >= points.length) return;
      const p = points[next++] as SweepPoint;
      const task: WorkerTask = {
        index: next - 1,
        config: p.config,
        ...(p.patches ? { patches: p.patches } : {}),
      };
      w.postMessage(task);
    };
    for (let i = 0; i < n; i++) {
      const w = new Worker(workerScript(), { workerData: init });
      pool.push(w);
      w.on('message', (m: WorkerReply) => {
        if (failed) return;
        if ('error' in m) {
          fail(
            m.error.input
              ? new InputError(m.error.issues)
              : new Error(`sweep point ${m.index + 1} failed in a worker: ${m.error.message}`),
          );
          return;
        }
        results[m.index] = m.result;
        done++;
        opts.onProgress?.(done, points.length);
        if (done === points.length) {
          stop();
          resolve(results);
        } else feed(w);
      });
      w.on('error', (e) => fail(e));
      w.on('exit', (code) => {
        if (!failed && done < points.length && code !== 0)
          fail(new Error(`a sweep worker exited with code ${code}`));
      });
      feed(w);
    }
  });
}

/** Workers when there are several points, several workers asked for, and the compiled worker exists; else in-process. */
export async function runSweepPoints(
  trace: Trace | ReplayableTrace,
  points: readonly SweepPoint[],
  opts: RunSweepOptions = {},
): Promise<RunSweepOutcome> {
  const workers = Math.min(opts.workers ?? defaultWorkerCount(), points.length);
  if (workers >= 2 && workersAvailable()) {
    return { results: await runPointsParallel(trace, points, workers, opts), mode: 'workers', workers };
  }
  return { results: runPointsSerial(trace, points, opts), mode: 'in-process', workers: 1 };
}
