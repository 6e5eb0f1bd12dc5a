/**
 * Replicates benchmark: wall time of one run (N = 1, in this thread, as `simulate` without the flag)
 * and of N = 8 seeds on the sweep's worker pool, over a mid-size synthetic trace (200,000 requests,
 * three functions; bench/sweep.ts's generator). Prints JSON lines. Compiled to dist/bench/replicates.js:
 *
 *   node dist/bench/replicates.js [--requests 200000] [--replicates 8] [--workers N]
 */
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { runReplicates } from '../src/certainty/replicates.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { simulateTrace } from '../src/simulate.js';
import { shareTrace } from '../src/sweep/share.js';
import { syntheticTrace } from './sweep.js';

export interface ReplicatesBenchOptions {
  requests: number;
  replicates: number;
  workers: number;
}

export async function runReplicatesBench(o: ReplicatesBenchOptions): Promise<void> {
  const line = (x: Record<string, unknown>): void =>
    console.log(JSON.stringify({ bench: 'replicates', ...x }));
  // shared once up front, as the CLI's pool does: the copy is not what is measured
  const trace = shareTrace(syntheticTrace(o.requests));
  const config = { ...DEFAULT_CONFIG, functions: {} };

  let t0 = performance.now();
  simulateTrace(trace, config);
  const one = (performance.now() - t0) / 1000;
  line({ replicates: 1, mode: 'in-process', requests: o.requests, seconds: round(one) });

  t0 = performance.now();
  const { summary } = await runReplicates(trace, config, o.replicates, { workers: o.workers });
  const many = (performance.now() - t0) / 1000;
  const workers = Math.min(o.workers, o.replicates);
  line({
    replicates: o.replicates,
    mode: workers >= 2 ? 'workers' : 'in-process',
    workers,
    requests: o.requests,
    seconds: round(many),
    secondsPerReplicate: round(many / o.replicates),
    slowdownVsOne: round(many / one),
  });
  const c = summary.figures.coldStartRate;
  line({
    coldStartRate: { mean: c.mean, low: c.low, high: c.high },
    cores: availableParallelism(),
    loadAverage1m: round(loadavg()[0] as number),
  });
}

function round(x: number): number {
  return Number(x.toFixed(3));
}

function argsOf(argv: string[]): ReplicatesBenchOptions {
  const get = (name: string, dflt: number): number => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  return {
    requests: get('requests', 200_000),
    replicates: get('replicates', 8),
    workers: get('workers', availableParallelism()),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runReplicatesBench(argsOf(process.argv.slice(2)));
}
