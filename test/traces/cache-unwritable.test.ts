/**
 * A cache that cannot be written (the folder is read-only: EACCES) does not stop a run that asked for
 * `--cache beside`: the trace is read as without a cache and the report says why it was not cached.
 * A folder the user named (`--cache DIR`) is still refused: they asked for the cache there. Root ignores
 * file modes, so the test makes opening the cache for writing fail as a read-only folder does.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { cli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  return {
    ...real,
    openSync: (path: fs.PathLike, ...rest: unknown[]) => {
      if (String(path).endsWith('.partial')) {
        throw Object.assign(new Error(`EACCES: permission denied, open '${String(path)}'`), {
          code: 'EACCES',
        });
      }
      return (real.openSync as (...a: unknown[]) => number)(path, ...rest);
    },
  };
});

const tmp = useTempDir('faasim-cache-ro-');
const TRACE = 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:10:00Z,7\n';

describe('a trace cache that cannot be written', () => {
  test('--cache beside: the run goes on, the report says "not cached: cannot write in DIR (EACCES)"', async () => {
    const trace = tmp.file('t.csv', TRACE);
    const r = await cli(['simulate', trace, '--cache', 'beside', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.trace.requests).toBe(2);
    expect(out.trace.cache).toBe(`not cached: cannot write in ${join(trace, '..')} (EACCES)`);
    expect(fs.readdirSync(join(trace, '..'))).toEqual(['t.csv']);
  });

  test('--cache DIR the user named: refused, naming the folder', async () => {
    const trace = tmp.file('t.csv', TRACE);
    const dir = join(trace, '..', 'cache');
    const r = await cli(['simulate', trace, '--cache', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^faasim: --cache ${dir}: cannot write in ${dir} \\(EACCES`));
  });
});
