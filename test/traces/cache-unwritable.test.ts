/**
 * A cache that cannot be written (the trace's folder is read-only: EACCES) does not stop a run that
 * asked for `--cache beside`: the trace is read as without a cache and the report says why it was not
 * cached. A folder the user named (`--cache DIR`) is still refused: they asked for the cache there.
 * Root ignores file modes and the suite shares its modules (no mocks), so the tests make the write
 * fail by a collision: a folder where the cache's temporary file goes, a file where DIR should be.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir('faasim-cache-ro-');
const TRACE = 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:10:00Z,7\n';

describe('a trace cache that cannot be written', () => {
  test('--cache beside: the run goes on, and the report says "not cached: cannot write in DIR (…)"', async () => {
    const trace = tmp.file('t.csv', TRACE);
    const dir = join(trace, '..');
    // the cache's name for this trace (its key is the same on the next read), then removed
    expect((await cli(['simulate', trace, '--cache', 'beside'])).code).toBe(0);
    const cache = readdirSync(dir).find((f) => f.endsWith('.faasim-trace')) as string;
    rmSync(join(dir, cache));
    // cli() runs in this process: the temporary file the cache is written to is named with our pid
    mkdirSync(join(dir, `${cache}.${process.pid}.partial`));
    const r = await cli(['simulate', trace, '--cache', 'beside', '--format', 'json']);
    expect(r.stderr).toBe(`faasim: ${trace}: not cached: cannot write in ${dir} (EISDIR)\n`);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.trace.requests).toBe(2);
    expect(out.trace.cache).toBeUndefined();
    expect(readdirSync(dir).sort()).toEqual(['t.csv', `${cache}.${process.pid}.partial`]);
  });

  test('--cache DIR the user named: refused, naming the folder', async () => {
    const trace = tmp.file('t.csv', TRACE);
    const dir = tmp.file('cache', 'a file, not a folder');
    const r = await cli(['simulate', trace, '--cache', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^faasim: --cache ${dir}: cannot create ${dir} \\(EEXIST`));
  });
});
