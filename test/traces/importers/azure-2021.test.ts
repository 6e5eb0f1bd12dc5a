/** Azure Functions Trace 2021 (src/traces/formats/azure-2021.ts). */
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { loadTrace } from '../../../src/traces/load.js';
import { scratch, write } from './helpers.js';

// the layout of AzureFunctionsInvocationTraceForTwoWeeksJan2021.txt (hashes shortened; values made up)
const TRACE = [
  'app,func,end_timestamp,duration',
  'a1b2c3d4e5f6,0f1e2d3c4b5a69788796,10.5,0.25',
  'a1b2c3d4e5f6,99aa88bb77cc66dd55ee,4.000,3.75',
  'a1b2c3d4e5f6,0f1e2d3c4b5a69788796,1.2,0.2',
  'ffeeddccbbaa,0f1e2d3c4b5a69788796,20,0.000500',
].join('\n');

describe('Azure 2021', () => {
  test('arrival = end − duration, sorted; durations in seconds read as seconds', async () => {
    const t = await loadTrace(write('AzureFunctionsInvocationTraceForTwoWeeksJan2021.txt', TRACE));
    expect(t.info.format).toBe('azure-2021');
    expect(t.info.rows).toBe(4);
    // arrivals: 10.25 s, 0.25 s, 1.0 s, 19.9995 s → from 0.25 s: 0, 750, 10000, 19749.5 ms
    expect(Array.from(t.data.timeMs)).toEqual([0, 750, 10_000, 19_749.5]);
    expect(Array.from(t.data.durationMs)).toEqual([3750, 200, 250, 0.5]);
    // the same func hash in two apps is two functions
    expect(t.info.functionNames).toEqual(['0f1e2d3c', '99aa88bb', '0f1e2d3c4b5a']);
    // each function's app, which Azure providers scale and bill together
    expect(t.info.functionApps).toEqual(['a1b2c3d4e5f6', 'a1b2c3d4e5f6', 'ffeeddccbbaa']);
    expect(Number.isNaN(t.info.originEpochMs)).toBe(true);
  });

  test('sorted in runs spilled to disk when they exceed memory; the temp folder is removed', async () => {
    const tmp = scratch();
    const t = await loadTrace(write('t.csv', TRACE), { runRows: 2, tempDir: tmp });
    expect(t.info.runsSpilled).toBe(2);
    expect(Array.from(t.data.timeMs)).toEqual([0, 750, 10_000, 19_749.5]);
    expect(readdirSync(tmp)).toEqual([]);
  });

  test('a duration longer than the end time is refused with file, line and column', async () => {
    const file = write('bad.csv', 'app,func,end_timestamp,duration\na,f,1.0,2.0\n');
    const err = await loadTrace(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(
      `${file}:2: column 4 (duration): "2.0" is not a number of seconds between 0 and end_timestamp (1.0)`,
    );
  });
});
