/** The setup file test/setup/tmpdir.ts: this file's temp folder is its own, and goes after it. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';

describe('a temp folder per test file', () => {
  test('os.tmpdir() is a faasim-vitest- folder while the file runs, and mkdtemp lands in it', () => {
    expect(basename(tmpdir())).toMatch(/^faasim-vitest-/);
    const made = mkdtempSync(join(tmpdir(), 'x-'));
    expect(dirname(made)).toBe(tmpdir());
  });

  test('a spawned process inherits it', () => {
    const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("os").tmpdir())'], {
      encoding: 'utf8',
      env: process.env,
    });
    expect(r.stdout).toBe(tmpdir());
    expect(existsSync(tmpdir())).toBe(true);
  });
});
