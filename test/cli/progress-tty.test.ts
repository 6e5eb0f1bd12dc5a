/**
 * The progress bar in a real terminal: `script` (util-linux) runs the built CLI on a pseudo-terminal,
 * so stderr is a TTY, and prints what the terminal showed. The bar's one-second delay is set to 0
 * (FAASIM_PROGRESS_DELAY_MS) so a small trace shows it without a slow test. stdout goes to a file
 * in every case and must be the same: with a bar, with --quiet, and piped.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';
import { cli } from '../helpers/cli.js';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasScript)
  console.warn(
    'progress-tty.test.ts: no `script` command (util-linux): the pseudo-terminal tests are skipped',
  );

const root = packageRoot();
const main = join(root, 'dist/src/cli/main.js');

/** Runs faasim with stderr on a pseudo-terminal; returns what the terminal showed and stdout (from a file). */
function onTerminal(
  args: string[],
  env: Record<string, string> = {},
): { terminal: string; stdout: string; code: number | null } {
  const out = join(mkdtempSync(join(tmpdir(), 'tty-')), 'stdout.txt');
  const quoted = [process.execPath, main, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const r = spawnSync('script', ['-qec', `${quoted} > '${out}'`, '/dev/null'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', LANG: 'C', FAASIM_PROGRESS_DELAY_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { terminal: r.stdout, stdout: readFileSync(out, 'utf8'), code: r.status };
}

describe.skipIf(!hasScript)('progress on a terminal', () => {
  const args = ['simulate', '--scenario', 'scenarios/example.json', '--format', 'json'];

  test('simulate: rows read on the terminal, stdout the same as piped; nothing with --quiet or when piped', async () => {
    const tty = onTerminal(args);
    expect(tty.code).toBe(0);
    // the bundled trace's 5,632 rows, against the estimate from the file's size, then exactly
    expect(tty.terminal).toMatch(/rows .*5,632\/5,632 100%/);
    expect(tty.terminal).toMatch(/rows .*5,632\/≈[\d,]+ /);

    const quiet = onTerminal([...args, '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.terminal).not.toMatch(/rows/);

    const piped = await cli(args);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    expect(tty.stdout).toBe(piped.stdout);
    expect(quiet.stdout).toBe(piped.stdout);
  });

  test('the delay: with the default second, a run this short shows nothing', () => {
    const tty = onTerminal(['simulate', 'scenarios/traces/azure-2fn-2h.csv', '--format', 'csv'], {
      FAASIM_PROGRESS_DELAY_MS: '60000',
    });
    expect(tty.code).toBe(0);
    expect(tty.terminal).toBe('');
  });

  test('sweep: points done of the total', () => {
    const tty = onTerminal([
      'sweep',
      'scenarios/traces/azure-2fn-2h.csv',
      '--memory',
      '128,256,512',
      '--workers',
      '1',
      '--format',
      'csv',
    ]);
    expect(tty.code).toBe(0);
    expect(tty.terminal).toMatch(/points .*3\/3 100%/);
    expect(tty.terminal).toMatch(/faasim sweep: 3 points/);
    const quiet = onTerminal([
      'sweep',
      'scenarios/traces/azure-2fn-2h.csv',
      '--memory',
      '128,256,512',
      '--workers',
      '1',
      '--format',
      'csv',
      '--quiet',
    ]);
    expect(quiet.terminal).toBe('');
    expect(quiet.stdout).toBe(tty.stdout);
  });

  test('compare: simulations done', () => {
    const tty = onTerminal([
      'compare',
      'scenarios/traces/azure-2fn-2h.csv',
      '--no-break-even',
      '--workers',
      '1',
      '--format',
      'csv',
    ]);
    expect(tty.code).toBe(0);
    // the default line-up none, pings:5m:1, provisioned:1: three simulations
    expect(tty.terminal).toMatch(/simulations .*3\/3 100%/);
  });
});
