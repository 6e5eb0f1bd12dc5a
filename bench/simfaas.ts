/**
 * faasim side by side with SimFaaS (https://github.com/pacslab/simfaas, Nima Mahmoudi / PACS Lab,
 * MIT licence), the reference simulator of serverless cold starts. Not vendored: point SIMFAAS_DIR at
 * a checkout (the folder holding its `simfaas/` package); without it, or when /usr/bin/python3 lacks
 * numpy, pandas, scipy, tqdm or matplotlib (SimFaaS imports them all), the bench prints one line and
 * skips.
 *
 * The workload is SimFaaS's own example (ServerlessSimulator.py's __main__): Poisson arrivals at
 * 0.9/s, exponential warm service time of mean 2.016 s and cold of mean 2.163 s, instances expire
 * 600 s after their last request, a new request goes to the newest idle instance. R independent
 * replications of T seconds each:
 *
 * - SimFaaS: R runs of `ServerlessSimulator(...).generate_trace()`, seeds 1..R (numpy's global RNG).
 * - faasim: one trace of R functions (each its own Poisson stream at 0.9/s: the superposition, each
 *   arrival given to a function uniformly at random), so each function is one replication (a
 *   function's instances serve only it), simulated by the compiled CLI with `--keep-alive 600s
 *   --routing newest`. Each row's duration_ms is a warm service time, Exp(mean 2.016 s), and its
 *   init_ms (used only if the request cold-starts) is 0 with probability 2.016/2.163 and otherwise
 *   Exp(mean 2.163 s): then INIT + run time is Exp(mean 2.163 s) exactly, as SimFaaS's cold service
 *   time (Laplace transforms: λc/(λc+s) = λc/λw · λw/(λw+s) + (1 − λc/λw) · λw/(λw+s) · λc/(λc+s)).
 *
 * Both then give, per replication, the cold-start probability (cold requests / requests) and the
 * time-average number of instances alive over [0, T]. The two differ by sampling only, so the
 * bench prints each simulator's mean and the difference with its 95 % confidence interval (Welch:
 * the replications are independent). Wall and CPU time (user + system): SimFaaS's are its simulation
 * loops in one Python process (imports excluded); faasim's the CLI process under /usr/bin/time,
 * start-up and CSV parse included (the trace is written beforehand, not timed).
 *
 *   SIMFAAS_DIR=/path/to/simfaas node dist/bench/simfaas.js            # the default sizes
 *   SIMFAAS_DIR=… BENCH_SIMFAAS_SPANS=1000,10000 node dist/bench/simfaas.js   # T per replication, s
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { t975 } from '../src/certainty/t-quantile.js';
import { Rng } from '../src/util/rng.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const PYTHON = '/usr/bin/python3';

/** SimFaaS's example workload (simfaas/ServerlessSimulator.py, __main__) */
export const WORKLOAD = {
  arrivalPerS: 0.9,
  warmMeanS: 2.016,
  coldMeanS: 2.163,
  expirationS: 600,
} as const;

const REPLICATIONS = 10;

/** One replication's outcome: what both simulators report. */
interface Replication {
  requests: number;
  cold: number;
  /** time-average of the instances alive over the replication */
  instances: number;
}

interface SideResult {
  wallS: number;
  /** user + system CPU seconds */
  cpuS: number;
  reps: Replication[];
}

const PY = `
import json, sys, time
sys.path.insert(0, sys.argv[1])
from simfaas.ServerlessSimulator import ServerlessSimulator
import numpy as np
lam, warm, cold, exp_s, span, reps = (float(a) for a in sys.argv[2:8])
out = []
t0 = time.perf_counter()
c0 = time.process_time()
for seed in range(1, int(reps) + 1):
    np.random.seed(seed)
    sim = ServerlessSimulator(arrival_rate=lam, warm_service_rate=1/warm, cold_service_rate=1/cold,
                              expiration_threshold=exp_s, max_time=span)
    sim.generate_trace()
    out.append({"requests": sim.total_req_count, "cold": sim.total_cold_count,
                "instances": float(sim.get_average_server_count())})
print(json.dumps({"wallS": time.perf_counter() - t0, "cpuS": time.process_time() - c0, "reps": out}))
`;

/** Null when SimFaaS cannot run here, with the reason. */
export function simfaasMissing(dir: string | undefined): string | null {
  if (!dir) return 'SIMFAAS_DIR is not set (a checkout of https://github.com/pacslab/simfaas)';
  const r = spawnSync(
    PYTHON,
    ['-c', 'import sys; sys.path.insert(0, sys.argv[1]); import simfaas.ServerlessSimulator', dir],
    { encoding: 'utf8' },
  );
  if (r.status !== 0)
    return `${PYTHON} cannot import simfaas from ${dir}: ${(r.stderr || String(r.error)).trim().split('\n').at(-1)}`;
  return null;
}

function runSimfaas(dir: string, spanS: number): SideResult {
  const w = WORKLOAD;
  const args = [w.arrivalPerS, w.warmMeanS, w.coldMeanS, w.expirationS, spanS, REPLICATIONS].map(String);
  const r = spawnSync(PYTHON, ['-c', PY, dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`SimFaaS failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout) as SideResult;
}

/** The faasim trace: REPLICATIONS functions, each a Poisson stream over [0, spanS) s; times in ms. */
export async function writeWorkloadTrace(file: string, spanS: number, seed = 'simfaas'): Promise<number> {
  const w = WORKLOAD;
  const rng = new Rng(seed);
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const write = (s: string): Promise<void> | void => {
    if (!out.write(s)) return new Promise((resolve) => out.once('drain', () => resolve()));
  };
  await write('timestamp,function,duration_ms,init_ms\n');
  // P(no extra INIT): the warm time alone is the cold time with probability warm/cold mean
  const plainWarm = w.warmMeanS / w.coldMeanS;
  const spanMs = spanS * 1000;
  let t = 0;
  let rows = 0;
  let buf = '';
  for (;;) {
    t += rng.exponential((REPLICATIONS * w.arrivalPerS) / 1000);
    if (t >= spanMs) break;
    const fn = rng.int(REPLICATIONS);
    const run = rng.exponential(1 / (w.warmMeanS * 1000));
    const init = rng.next() < plainWarm ? 0 : rng.exponential(1 / (w.coldMeanS * 1000));
    buf += `${t.toFixed(3)},r${fn},${run.toFixed(3)},${init.toFixed(3)}\n`;
    rows++;
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return rows;
}

interface FunctionOutcome {
  name: string;
  outcomes: { requests: number; coldStarts: number; meanInstancesAlive: number };
}

function runFaasim(file: string, spanS: number): SideResult {
  const args = [
    CLI,
    'simulate',
    file,
    '--time-unit',
    'ms',
    '--start',
    '0',
    '--span',
    `${spanS}s`,
    '--keep-alive',
    `${WORKLOAD.expirationS}s`,
    '--routing',
    'newest',
    '--functions',
    'all',
    '--format',
    'json',
    '--quiet',
  ];
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`faasim failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  const [wallS, user, sys] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number) as [
    number,
    number,
    number,
  ];
  const fns = (JSON.parse(r.stdout) as { functions: FunctionOutcome[] }).functions;
  const reps = fns.map((f) => ({
    requests: f.outcomes.requests,
    cold: f.outcomes.coldStarts,
    instances: f.outcomes.meanInstancesAlive,
  }));
  return { wallS, cpuS: user + sys, reps };
}

/** Mean of a and b's replications, and the 95 % Welch interval of mean(a) − mean(b). */
export function welch(
  a: readonly number[],
  b: readonly number[],
): { a: number; b: number; low: number; high: number } {
  const stats = (x: readonly number[]): [number, number] => {
    const m = x.reduce((s, v) => s + v, 0) / x.length;
    const v = x.reduce((s, y) => s + (y - m) ** 2, 0) / (x.length - 1);
    return [m, v / x.length];
  };
  const [ma, va] = stats(a);
  const [mb, vb] = stats(b);
  const se2 = va + vb;
  // Welch–Satterthwaite degrees of freedom, rounded down (a slightly wider interval)
  const dof = Math.max(1, Math.floor(se2 ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1))));
  const half = t975(dof) * Math.sqrt(se2);
  return { a: ma, b: mb, low: ma - mb - half, high: ma - mb + half };
}

function summary(side: SideResult): Record<string, number> {
  const requests = side.reps.reduce((s, r) => s + r.requests, 0);
  return {
    requests,
    wallS: round(side.wallS, 2),
    cpuS: round(side.cpuS, 2),
    requestsPerS: Math.round(requests / side.wallS),
    requestsPerCpuS: Math.round(requests / side.cpuS),
  };
}

export async function runSimfaasBench(
  spans = (process.env['BENCH_SIMFAAS_SPANS'] ?? '1000,10000').split(',').map(Number),
  dir = process.env['SIMFAAS_DIR'],
): Promise<void> {
  const missing = simfaasMissing(dir);
  if (missing !== null || dir === undefined) {
    console.log(JSON.stringify({ measure: 'simfaas', skipped: missing }));
    return;
  }
  const tmp = join(tmpdir(), 'faasim-bench');
  mkdirSync(tmp, { recursive: true });
  for (const spanS of spans) {
    const file = join(tmp, `simfaas-${spanS}.csv`);
    await writeWorkloadTrace(file, spanS);
    try {
      const load1m = round(loadavg()[0] as number, 2);
      const sf = runSimfaas(dir, spanS);
      const fa = runFaasim(file, spanS);
      const coldP = welch(
        fa.reps.map((r) => r.cold / r.requests),
        sf.reps.map((r) => r.cold / r.requests),
      );
      const inst = welch(
        fa.reps.map((r) => r.instances),
        sf.reps.map((r) => r.instances),
      );
      console.log(
        JSON.stringify({
          measure: 'simfaas',
          workload: WORKLOAD,
          replications: REPLICATIONS,
          spanSPerReplication: spanS,
          simfaas: {
            ...summary(sf),
            coldStartProbability: round(coldP.b, 6),
            meanInstances: round(inst.b, 4),
          },
          faasim: {
            ...summary(fa),
            coldStartProbability: round(coldP.a, 6),
            meanInstances: round(inst.a, 4),
          },
          // faasim − SimFaaS, 95 % interval: sampling alone when it holds 0
          coldStartProbabilityDiff95: [round(coldP.low, 6), round(coldP.high, 6)],
          meanInstancesDiff95: [round(inst.low, 4), round(inst.high, 4)],
          loadAverage1m: load1m,
          loadAverage1mAfter: round(loadavg()[0] as number, 2),
        }),
      );
    } finally {
      rmSync(file, { force: true });
    }
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runSimfaasBench().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
