/**
 * Every test file gets its own temp folder: TMPDIR points at a fresh folder under the system's
 * temp directory while the file runs, and the folder goes, with whatever the tests, their helpers,
 * the code under test and the CLI processes they spawn put in it, once the file is done. So one
 * run of the suite leaves nothing behind in the temp directory. (os.tmpdir() reads TMPDIR on each
 * call; spawned processes and worker threads inherit the environment.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const previous = process.env['TMPDIR'];
const dir = mkdtempSync(join(tmpdir(), 'faasim-vitest-'));
process.env['TMPDIR'] = dir;

afterAll(() => {
  if (previous === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = previous;
  rmSync(dir, { recursive: true, force: true });
});
