/** `aws logs filter-log-events` / `get-log-events` JSON (src/traces/formats/log-events.ts). */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { loadTrace } from '../../../src/traces/load.js';
import { runIn } from '../../helpers/run-in-process.js';
import { FIXTURES, utc, write } from './helpers.js';

const DIR = `${FIXTURES}aws-lambda/`;
const REPORT_A =
  'REPORT RequestId: a\tDuration: 2.35 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 68 MB\tInit Duration: 145.69 ms\t\n';
const REPORT_B =
  'REPORT RequestId: b\tDuration: 1.35 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 68 MB\t\n';

describe('CloudWatch log events JSON', () => {
  test('filter-log-events: timestamp (epoch ms) is the REPORT line log time, arrival = end − Duration − Init', async () => {
    const file = write(
      'fle.json',
      JSON.stringify({
        events: [
          {
            logStreamName: 's',
            timestamp: 1701814483877,
            message: REPORT_A,
            ingestionTime: 1701814492000,
            eventId: '1',
          },
          {
            logStreamName: 's',
            timestamp: 1701814493877,
            message: REPORT_B,
            ingestionTime: 1701814499000,
            eventId: '2',
          },
        ],
      }),
    );
    const t = await loadTrace(file);
    expect(t.info.format).toBe('log-events-json');
    expect([t.info.rows, t.info.ignoredLines]).toEqual([2, 0]);
    // a: 1701814483877 − 2.35 − 145.69 = 1701814483728.96 (cold); b: 1701814493877 − 1.35 = 1701814493875.65,
    // 10,146.69 ms later
    expect(t.info.originEpochMs).toBeCloseTo(1701814483728.96, 3);
    expect(t.data.timeMs[1]).toBeCloseTo(10_146.69, 6);
    expect(Array.from(t.data.initMs.subarray(0, 2))).toEqual([145.69, NaN]);
    expect(t.info.functionNames).toEqual(['function']);
    expect(t.info.notes ?? []).toEqual([]);
  });

  test('the Embr sample as filter-log-events JSON: the same 12 requests as the other shapes', async () => {
    const t = await loadTrace(`${DIR}filter_log_events_embr_2023.json`);
    expect(t.info.format).toBe('log-events-json');
    expect([t.info.rows, t.info.ignoredLines, t.info.skippedRows]).toEqual([12, 38, 0]);
    let sum = 0;
    for (let i = 0; i < t.data.count; i++) sum += t.data.durationMs[i]!;
    expect(sum).toBeCloseTo(183.93, 9);
    expect(t.info.originEpochMs).toBeCloseTo(utc('2023-12-04T21:44:52.383') - 1.46, 6);
    expect(t.info.lastMs).toBeCloseTo(88_191_480.49, 6);
  });

  test('the log group names the function; get-log-events shape; nextToken gives a note', async () => {
    const file = write(
      'gle.json',
      JSON.stringify({
        events: [{ timestamp: 1701814483877, message: REPORT_B, ingestionTime: 1701814492000 }],
        nextForwardToken: 'f/1',
        nextBackwardToken: 'b/1',
      }),
    );
    const t = await loadTrace(file);
    expect(t.info.rows).toBe(1);
    expect(t.info.notes ?? []).toEqual([]);
    const paged = write(
      'paged.json',
      JSON.stringify({
        events: [
          {
            logGroupIdentifier: '123:/aws/lambda/orders',
            logStreamName: 's',
            timestamp: 1701814483877,
            message: REPORT_B,
          },
        ],
        nextToken: 'abc',
      }),
    );
    const p = await loadTrace(paged);
    expect(p.info.functionNames).toEqual(['orders']);
    expect(p.info.notes).toEqual([
      'the log events JSON has a nextToken: more pages of events exist and were not read (run the command again with --starting-token TOKEN, or let the AWS CLI page through them: leave out --max-items)',
    ]);
    // the AWS CLI with --max-items writes its own token as NextToken (found in review)
    const cli = write(
      'max-items.json',
      JSON.stringify({
        events: [{ logStreamName: 's', timestamp: 1701814483877, message: REPORT_B }],
        NextToken: 'eyJuZXh0VG9rZW4iOiBudWxsfQ==',
      }),
    );
    expect((await loadTrace(cli)).info.notes).toHaveLength(1);
  });

  test('a timestamp that is not epoch ms names the event and what was expected', async () => {
    const file = write(
      'bad.json',
      JSON.stringify({ events: [{ timestamp: '2023-12-05', message: REPORT_B }] }),
    );
    const err = await loadTrace(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(
      `${file} events[0]: timestamp "2023-12-05" is not a time in epoch milliseconds (such as 1701814483877)`,
    );
    const late = write('late.json', JSON.stringify({ events: [{ timestamp: 1e300, message: REPORT_B }] }));
    const e2 = await loadTrace(late).catch((e: unknown) => e);
    expect((e2 as InputError).code).toBe('TRACE_TIMESTAMP_TOO_LARGE');
  });

  test('simulate reads it (exit 0)', async () => {
    const r = await runIn(['simulate', `${DIR}filter_log_events_embr_2023.json`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/log-events-json, 38 other lines ignored/);
  });
});
