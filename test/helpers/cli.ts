/**
 * The CLI as a user drives it, two ways:
 * - `cli()` runs it in this process through runCli, what nearly every CLI test needs (arguments in;
 *   stdout, stderr and the exit code out). Starting a node process per case was most of the suite's
 *   time (0.3–1 s each on a busy 2-core machine, hundreds of cases).
 * - `spawnCli()` runs the built binary (dist/) in a child process, for what only a process shows: the
 *   exit status the shell sees, stdin, the streams' split, worker threads on compiled code.
 * Both see the environment the goldens were written in: NO_COLOR=1, TZ=UTC, LANG=C.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { packageRoot } from '../../src/pricing/dir.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const ENV = { NO_COLOR: '1', TZ: 'UTC', LANG: 'C' } as const;

export async function cli(args: string[], opts: { cwd?: string } = {}): Promise<CliRun> {
  Object.assign(process.env, ENV);
  const before = process.cwd();
  // a worker process runs one test at a time (pool: forks; files one after another), so changing directory is safe
  process.chdir(opts.cwd ?? packageRoot());
  let stdout = '';
  let stderr = '';
  try {
    const code = await runCli(['node', 'faasim', ...args], {
      out: (t) => (stdout += t),
      err: (t) => (stderr += t),
    });
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}

export function spawnCli(args: string[], opts: { cwd?: string; input?: string } = {}): CliRun {
  const root = packageRoot();
  const r = spawnSync(process.execPath, [join(root, 'dist/src/cli/main.js'), ...args], {
    cwd: opts.cwd ?? root,
    encoding: 'utf8',
    env: { ...process.env, ...ENV },
    maxBuffer: 64 * 1024 * 1024,
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
