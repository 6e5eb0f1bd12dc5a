/** calibrate says the Memory Size the log importers read, as simulate's Trace section does. */
import { describe, expect, test } from 'vitest';
import { calibrateFile } from '../../src/calibrate/calibrate.js';
import { FIXTURES, write } from '../traces/importers/helpers.js';

const TAIL =
  '2023-12-05T22:14:43.877000+00:00 s REPORT RequestId: a\tDuration: 2.35 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 68 MB\tInit Duration: 145.69 ms\t\n' +
  '2023-12-05T22:15:43.877000+00:00 s REPORT RequestId: b\tDuration: 1.35 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 68 MB\t\n';

const memoryLine = (a: string[]): string[] => a.filter((x) => /memory size|configured-memory/i.test(x));

describe('calibrate and the log Memory Size', () => {
  test('REPORT lines of one size: INIT fitted at that size, the replay at it', async () => {
    const r = await calibrateFile(write('tail.txt', TAIL), {});
    expect(memoryLine(r.assumptions)).toEqual([
      'Memory Size in the log: 128 MB on all 2 REPORT lines: INIT is fitted per function at that size, and the replay runs at 128 MB',
    ]);
  });

  test('the Logs Insights JSON sample: 128 MB on its 12 REPORT rows', async () => {
    const r = await calibrateFile(
      `${FIXTURES}aws-lambda/logs_insights_getqueryresults_raw_embr_2023.json`,
      {},
    );
    expect(memoryLine(r.assumptions)).toEqual([
      'Memory Size in the log: 128 MB on all 12 REPORT lines: INIT is fitted per function at that size, and the replay runs at 128 MB',
    ]);
  });

  test('two sizes: said, and INIT not fitted per size', async () => {
    const two = TAIL.replace(
      'Memory Size: 128 MB\tMax Memory Used: 68 MB\t\n',
      'Memory Size: 512 MB\tMax Memory Used: 68 MB\t\n',
    );
    const r = await calibrateFile(write('two.txt', two), {});
    expect(memoryLine(r.assumptions)).toEqual([
      "Memory Size in the log: 128 MB on 1, 512 MB on 1 REPORT lines: INIT is fitted per function over all sizes, not per memory size (the log is read without each request's size), and the replay runs at 128 MB (the default)",
    ]);
  });

  test('a CSV without a memory size column says so, as before', async () => {
    const csv = write(
      't.csv',
      'timestamp,duration_ms,init_ms\n2024-01-01T00:00:00Z,10,100\n2024-01-01T00:10:00Z,10,\n',
    );
    const r = await calibrateFile(csv, {});
    expect(memoryLine(r.assumptions)).toEqual([
      'the log has no configured-memory column: INIT is fitted per function, not per memory size',
    ]);
  });
});
