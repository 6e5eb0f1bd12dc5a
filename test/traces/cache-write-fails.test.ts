/**
 * A trace cache whose writing fails partway (a full disk, its folder removed while the trace is read)
 * ends the cache, not the run: the rows came from the source all along. The partial file is removed
 * (a later read could otherwise meet it), the report's trace says "not cached: could not finish
 * writing in DIR (CODE)", and one line on stderr says the cache could not be written and why.
 * A full disk cannot be arranged in a test: a writer that fails is put in the cache's seam.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { cacheWriterSeam } from '../../src/traces/cache/index.js';
import { CacheWriter } from '../../src/traces/cache/format.js';
import { readTrace } from '../../src/traces/read.js';
import type { TraceChunk } from '../../src/traces/trace.js';
import { collectNotices } from '../../src/util/notices.js';
import { cli } from '../helpers/cli.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir('faasim-cache-fails-');
// two requests 10 minutes apart, 5 ms and 7 ms
const TRACE = 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:10:00Z,7\n';
const ENOSPC = (): Error =>
  Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

const realOpen = cacheWriterSeam.open;
afterEach(() => {
  cacheWriterSeam.open = realOpen;
});

describe('a trace cache write that fails partway', () => {
  test('a row group fails (disk full): the run goes on, the partial file is removed, one line on stderr', async () => {
    const trace = tmp.file('t.csv', TRACE);
    const dir = tmp.file('cache');
    // the header is written for real (the partial file exists), then the first row group fails
    cacheWriterSeam.open = (path) =>
      new (class extends CacheWriter {
        override write(_chunk: TraceChunk): void {
          throw ENOSPC();
        }
      })(path);
    const r = await cli(['simulate', trace, '--cache', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `faasim: --cache ${dir}: could not finish writing the trace cache in ${dir} (ENOSPC: no space left on device, write); the trace was read without it\n`,
    );
    const out = JSON.parse(r.stdout);
    expect(out.trace.requests).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
    // the same report as a run without the cache
    cacheWriterSeam.open = realOpen;
    const plain = await cli(['simulate', trace, '--format', 'json']);
    expect(r.stdout).toBe(plain.stdout);
    // and the next run writes a whole cache, then reads it
    const again = await cli(['simulate', trace, '--cache', dir, '--format', 'json']);
    expect(again.stderr).toMatch(/: written to the trace cache /);
    const third = await cli(['simulate', trace, '--cache', dir, '--format', 'json']);
    expect(third.stderr).toMatch(/: read from the trace cache /);
    expect(third.stdout).toBe(plain.stdout);
  });

  test('the footer fails (disk full at the end): the same, and no cache is left to be read', async () => {
    const trace = tmp.file('t.csv', TRACE);
    const dir = dirname(trace);
    cacheWriterSeam.open = (path) =>
      new (class extends CacheWriter {
        override finish(_meta: Record<string, unknown>): void {
          throw ENOSPC();
        }
      })(path);
    const r = await cli(['simulate', trace, '--cache', 'beside', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `faasim: --cache beside: could not finish writing the trace cache in ${dir} (ENOSPC: no space left on device, write); the trace was read without it\n`,
    );
    expect(JSON.parse(r.stdout).trace.cache).toBeUndefined();
    expect(readdirSync(dir)).toEqual(['t.csv']);
  });

  test('the cache folder removed mid-read (no seam): every row handed on once, the rename fails, one notice', async () => {
    const trace = tmp.file('t.csv', TRACE);
    const dir = tmp.file('cache');
    const times: number[] = [];
    const lines: string[] = [];
    const info = await collectNotices(
      () =>
        readTrace(trace, { cacheDir: dir }, (chunk) => {
          // the first row group is written when this runs: the folder goes under the open file
          rmSync(dir, { recursive: true, force: true });
          for (let i = 0; i < chunk.count; i++) times.push(chunk.timeMs[i] as number);
        }),
      (l) => lines.push(...l),
    );
    // times from the trace's first request: 0 and 10 min = 600,000 ms
    expect(times).toEqual([0, 600_000]);
    expect(info.rows).toBe(2);
    expect(info.cache).toBe(`not cached: could not finish writing in ${dir} (ENOENT)`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^--cache ${dir}: could not finish writing the trace cache in ${dir} \\(ENOENT: .*\\); the trace was read without it$`,
      ),
    );
    expect(existsSync(dir)).toBe(false);
  });
});
