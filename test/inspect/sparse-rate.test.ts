/**
 * inspect's mean rate is formatted as simulate's report formats it (report/format.ts meanRate): a
 * sparse trace in requests an hour, not "0.000 req/s".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/trace.js';

describe('a sparse trace: 12 requests over 24.5 h', () => {
  test('inspect and simulate both say 0.490 req/h (12 / 24.5 h = 0.4898)', async () => {
    // 11 gaps: 10 of 2 h, then one of 4.5 h: 00:00 … 20:00, then day 2 at 00:30
    const times = [
      ...Array.from({ length: 11 }, (_, h) => `2024-01-01T${String(2 * h).padStart(2, '0')}:00:00Z`),
      '2024-01-02T00:30:00Z',
    ];
    const file = join(tempDir(), 'sparse.csv');
    writeFileSync(file, `timestamp,duration_ms\n${times.map((t) => `${t},5`).join('\n')}\n`);
    const inspect = await cli(['inspect', file]);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(/│ mean +│ 0\.490 req\/h +│/);
    const simulate = await cli(['simulate', file]);
    expect(simulate.stdout).toMatch(/mean rate +│ 0\.490 req\/h/);
  });

  test('a denser trace keeps req/s: 2 requests over 100 s is 0.020 req/s', async () => {
    const file = join(tempDir(), 'dense.csv');
    writeFileSync(file, 'timestamp,duration_ms\n2024-01-01T00:00:00Z,5\n2024-01-01T00:01:40Z,5\n');
    expect((await cli(['inspect', file])).stdout).toMatch(/│ mean +│ 0\.020 req\/s +│/);
  });
});
