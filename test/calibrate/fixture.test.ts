/** The simulated log the README and docs/calibrate.md show is the one the synthetic-log helper makes. */
import { readFileSync, rmSync } from 'node:fs';
import { expect, it } from 'vitest';
import { tempDir } from '../helpers/trace.js';
import { syntheticLog, writeLogCsv } from './synthetic.js';

it('test/fixtures/calibrate/simulated-5-7min.csv: keep-alive uniform 5..7 min, 600 requests, gaps 3..9 min, seed 5', () => {
  const dir = tempDir();
  try {
    const made = writeLogCsv(
      syntheticLog({ kind: 'uniform', minMs: 300_000, maxMs: 420_000 }, 600, 180_000, 540_000, 5),
      dir,
    );
    expect(readFileSync('test/fixtures/calibrate/simulated-5-7min.csv', 'utf8')).toBe(
      readFileSync(made, 'utf8'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
