/**
 * `--cache DIR` creates the folder and its missing parents one by one (src/util/make-dirs.ts), not
 * with mkdirSync's `recursive`, which on Node 20 loops forever where a parent exists but refuses the
 * new entry with ENOENT (/proc: `mkdirSync('/proc/x', { recursive: true })` never returns).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';
import { makeDirs } from '../../src/util/make-dirs.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir('faasim-make-dirs-');

describe('makeDirs', () => {
  test('creates the missing parents, then the folder; an existing folder is fine', () => {
    const top = tmp.file('a');
    const dir = join(top, 'b', 'c');
    const made: string[] = [];
    makeDirs(dir, (p) => {
      made.push(p);
      mkdirSync(p);
    });
    expect(made).toEqual([top, join(top, 'b'), dir]);
    expect(statSync(dir).isDirectory()).toBe(true);
    makeDirs(dir);
  });

  test('a parent that refuses the new entry (ENOENT, as /proc does) ends with that error, after one try', () => {
    const dir = join(tmp.file('x'), 'y');
    let calls = 0;
    const refuse = (p: string): void => {
      calls++;
      throw Object.assign(new Error(`ENOENT: no such file or directory, mkdir '${p}'`), { code: 'ENOENT' });
    };
    expect(() => makeDirs(dir, refuse)).toThrow(/ENOENT/);
    expect(calls).toBe(1);
  });

  test('a file where a parent should be: ENOTDIR or EEXIST, not a loop', () => {
    const file = tmp.file('f', 'a file');
    expect(() => makeDirs(join(file, 'sub'))).toThrow(/ENOTDIR|EEXIST/);
  });
});

describe.runIf(existsSync('/proc/self'))('--cache under /proc', () => {
  test('refused with "cannot create /proc/…", exit 2, promptly', () => {
    const trace = tmp.file('t.csv', 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n');
    const target = '/proc/faasim-cache-test';
    const r = spawnSync(
      process.execPath,
      [join(packageRoot(), 'dist/src/cli/main.js'), 'simulate', trace, '--cache', target],
      {
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', LANG: 'C' },
      },
    );
    expect(r.signal).toBe(null);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `faasim: --cache ${target}: cannot create ${target} (ENOENT: no such file or directory, mkdir '${target}')\n`,
    );
  });
});
