/** Sorting imported rows in bounded memory (src/traces/formats/builder.ts, sort-index.ts). */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { loadTrace } from '../../../src/traces/load.js';
import { sortedIndex } from '../../../src/traces/formats/sort-index.js';
import { FIXTURES, scratch } from './helpers.js';

describe('sortedIndex', () => {
  test('a stable ascending order, as a comparator sort gives it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (xs) => {
        const keys = Float64Array.from(xs);
        const want = xs.map((_x, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
        expect(Array.from(sortedIndex(keys, xs.length))).toEqual(want);
      }),
    );
  });
});

describe('spilled runs', () => {
  test('rows sorted in runs of 2 spilled to disk and merged equal the in-memory sort; the temp folder is removed', async () => {
    const file = `${FIXTURES}aws-lambda/tail_embr_2023.txt`;
    const tmp = scratch();
    const spilled = await loadTrace(file, { runRows: 2, tempDir: tmp, chunkRows: 5 });
    const inMemory = await loadTrace(file);
    // 12 rows in runs of 2: 6 runs
    expect(spilled.info.runsSpilled).toBe(6);
    expect(inMemory.info.runsSpilled).toBeUndefined();
    expect(Array.from(spilled.data.timeMs)).toEqual(Array.from(inMemory.data.timeMs));
    expect(Array.from(spilled.data.durationMs)).toEqual(Array.from(inMemory.data.durationMs));
    expect(Array.from(spilled.data.initMs)).toEqual(Array.from(inMemory.data.initMs));
    expect(readdirSync(tmp)).toEqual([]);
  });
});
