/**
 * Issue 12 §5: the commands side by side on one file, run as a user runs them (the compiled CLI in a
 * process of its own, measured by /usr/bin/time): `simulate` from the CSV and from the binary cache,
 * a 50-point memory `sweep` with one worker and with one per core, and `compare` with its default
 * strategies and break-even table. The file is the bench's synthetic trace (Poisson arrivals over
 * three functions) of BENCH_COMMANDS_REQUESTS rows (default 1,000,000; 20000000 is the size,
 * minutes a command on this machine). Prints one JSON line per command: wall and CPU seconds
 * (user + system, all threads), peak RSS, and the 1-minute load average before it started.
 *
 *   node dist/bench/commands.js
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSyntheticTrace } from './generate.js';

const CLI = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const POINTS = 50;

interface Timed {
  wallS: number;
  cpuS: number;
  peakRssMb: number;
}

/** Runs the CLI under /usr/bin/time; its output is discarded, its figures returned. */
function timed(args: string[]): Timed {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, CLI, ...args, '--quiet'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [wall, user, sys, rssKb] = last.split(' ').map(Number) as [number, number, number, number];
  if (r.status !== 0 || !Number.isFinite(rssKb))
    throw new Error(`faasim ${args.join(' ')} failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  return { wallS: wall, cpuS: round(user + sys), peakRssMb: Math.round(rssKb / 1024) };
}

export async function runCommandsBench(
  requests = Number(process.env['BENCH_COMMANDS_REQUESTS'] ?? 1_000_000),
): Promise<void> {
  const dir = join(tmpdir(), 'faasim-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `synthetic-${requests}.csv`);
  if (!existsSync(file)) await writeSyntheticTrace(file, requests, 200);
  const cache = join(dir, `commands-cache-${process.pid}`);
  const cores = availableParallelism();
  // 128..3264 MB in 64 MB steps: 50 points; a duration model so that run time depends on memory
  const sweep = [
    'sweep',
    file,
    '--memory',
    `128..${128 + 64 * (POINTS - 1)}:64`,
    '--duration-model',
    'cpu-share:0.7',
    '--measured-at',
    '1024',
  ];
  const runs: [string, string[], Record<string, unknown>][] = [
    ['simulate', ['simulate', file], {}],
    ['simulate, first read with --cache (parse, write the cache)', ['simulate', file, '--cache', cache], {}],
    ['simulate, from the cache', ['simulate', file, '--cache', cache], {}],
    [
      `sweep, ${POINTS} points, 1 worker`,
      [...sweep, '--cache', cache, '--workers', '1'],
      { points: POINTS, workers: 1 },
    ],
    [
      `sweep, ${POINTS} points, ${cores} workers`,
      [...sweep, '--cache', cache, '--workers', String(cores)],
      { points: POINTS, workers: cores },
    ],
    [
      'compare, default strategies and break-even table, 1 worker',
      ['compare', file, '--cache', cache, '--workers', '1'],
      { workers: 1 },
    ],
    [
      `compare, default strategies and break-even table, ${cores} workers`,
      ['compare', file, '--cache', cache, '--workers', String(cores)],
      { workers: cores },
    ],
  ];
  try {
    for (const [what, args, extra] of runs) {
      const load1m = round(loadavg()[0] as number);
      const t = timed(args);
      const points = extra['points'];
      // a sweep simulates the trace once per point; simulate once
      const rate =
        typeof points === 'number'
          ? {
              pointsPerS: round(points / t.wallS),
              simulatedRequestsPerS: Math.round((points * requests) / t.wallS),
            }
          : args[0] === 'simulate'
            ? { requestsPerS: Math.round(requests / t.wallS) }
            : {};
      console.log(
        JSON.stringify({
          measure: 'command',
          what,
          requests,
          ...extra,
          ...t,
          ...rate,
          loadAverage1m: load1m,
        }),
      );
    }
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runCommandsBench().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
