/** Lambda JSON logs (src/traces/formats/lambda-json.ts). */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { loadTrace } from '../../../src/traces/load.js';
import { FIXTURES, utc, write } from './helpers.js';

const LOG = `${FIXTURES}aws-lambda/lambda_json_embr_2023.log`;

describe('Lambda JSON logs', () => {
  test('the 12 platform.report records of the sample; the 38 other records counted and ignored', async () => {
    const t = await loadTrace(LOG);
    expect(t.info.format).toBe('lambda-json');
    expect([t.info.rows, t.info.ignoredLines, t.info.skippedRows]).toEqual([12, 38, 0]);
    let sum = 0;
    for (let i = 0; i < t.data.count; i++) sum += t.data.durationMs[i]!;
    // as the text lines: 183.93 ms in all, one INIT of 145.69 ms
    expect(sum).toBeCloseTo(183.93, 9);
    expect(Array.from(t.data.initMs).filter((x) => !Number.isNaN(x))).toEqual([145.69]);
    // same arrivals as the REPORT text: first 2023-12-04 21:44:52.383 − 1.46 ms, last 88,191,480.49 ms later
    expect(t.info.originEpochMs).toBeCloseTo(utc('2023-12-04T21:44:52.383') - 1.46, 6);
    expect(t.info.lastMs).toBeCloseTo(88_191_480.49, 6);
  });

  test('after an `aws logs tail` prefix naming the log group', async () => {
    const rec = (ms: number) =>
      `{"time":"2024-05-01T12:00:01.000Z","type":"platform.report","record":{"requestId":"r","metrics":{"durationMs":${ms},"billedDurationMs":${Math.ceil(ms)},"memorySizeMB":512,"maxMemoryUsedMB":90}}}`;
    const file = write(
      'tail.log',
      `2024-05-01T12:00:01.000000+00:00 /aws/lambda/checkout 2024/05/01/[$LATEST]ab ${rec(250)}\n${rec(1000)}\n`,
    );
    const t = await loadTrace(file);
    expect(t.info.functionNames).toEqual(['checkout', 'function']);
    // arrivals 12:00:00.750 and 12:00:00.000
    expect(Array.from(t.data.timeMs)).toEqual([0, 750]);
    expect(Array.from(t.data.memoryUsedMb)).toEqual([90, 90]);
  });

  test('a line that is not JSON: file, line, what was expected', async () => {
    const file = write(
      'bad.log',
      '{"time":"2024-05-01T12:00:01Z","type":"platform.start","record":{}}\n{"time": oops\n',
    );
    const err = await loadTrace(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: not valid JSON .*one JSON object per line`,
      ),
    );
  });

  test('a report without durationMs is named', async () => {
    const file = write(
      'bad2.log',
      '{"time":"2024-05-01T12:00:01Z","type":"platform.report","record":{"metrics":{}}}\n',
    );
    const err = await loadTrace(file).catch((e: unknown) => e);
    expect((err as InputError).code).toBe('JSON_LOG_BAD_RECORD');
  });
});
