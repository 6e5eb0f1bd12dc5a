/**
 * A trace of counts per minute gives no run times: its requests are made up from the counts, and
 * their run times come from --duration (read-minute-counts.ts). A duration_ms column in such a trace
 * is not read; the refusal says so instead of "the trace has no duration_ms column".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/trace.js';

describe('a count trace with a duration_ms column', () => {
  test('refused, saying count traces do not read it, and to give --duration; with it, 15 requests run', async () => {
    const file = join(tempDir(), 'cntdur.csv');
    writeFileSync(
      file,
      'timestamp,count,duration_ms\n2024-01-01T00:00:00Z,10,250\n2024-01-01T00:01:00Z,5,250\n',
    );
    const r = await cli(['simulate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `faasim: ${file}: the trace counts requests per minute, and faasim does not read run times from a count trace (its duration_ms column is not used); give --duration (e.g. 120ms, 80ms..200ms, lognormal:100ms:900ms)\n`,
    );
    const ok = await cli(['simulate', file, '--duration', '250ms', '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).outcomes.requests).toBe(15);
  });

  test('a count trace without one: the message as before', async () => {
    const file = join(tempDir(), 'cnt.csv');
    writeFileSync(file, 'timestamp,count\n2024-01-01T00:00:00Z,10\n');
    const r = await cli(['simulate', file]);
    expect(r.stderr).toBe(
      `faasim: ${file}: the trace has no duration_ms column and no run-time model is configured; give --duration (e.g. 120ms, 80ms..200ms, lognormal:100ms:900ms)\n`,
    );
  });
});
