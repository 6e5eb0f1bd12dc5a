/** Runs the built CLI (dist/) as a user would, with a fixed environment. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/pricing/dir.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], opts: { cwd?: string } = {}): CliRun {
  const root = packageRoot();
  const r = spawnSync(process.execPath, [join(root, 'dist/src/cli/main.js'), ...args], {
    cwd: opts.cwd ?? root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', LANG: 'C' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
