/** Billed Duration is checked against Duration: a mismatch is a note, not a refusal. */
import { describe, expect, test } from 'vitest';
import { loadTrace } from '../../../src/traces/load.js';
import { runIn } from '../../helpers/run-in-process.js';
import { FIXTURES, write } from './helpers.js';

const rep = (t: string, d: string, billed: string, extra = ''): string =>
  `${t} s REPORT RequestId: a\tDuration: ${d} ms\tBilled Duration: ${billed} ms\tMemory Size: 128 MB\tMax Memory Used: 68 MB\t${extra}\n`;

describe('Billed Duration', () => {
  test('3 ms billed for a 200.1 ms run: how many lines, the first, what was expected', async () => {
    const file = write(
      'rep4.txt',
      rep('2023-12-05T22:14:43.877Z', '200.1', '3') + rep('2023-12-05T22:15:43.877Z', '2.1', '3'),
    );
    const t = await loadTrace(file);
    expect(t.info.rows).toBe(2);
    // ceil(200.1) = 201 ms; the second line, ceil(2.1) = 3 ms, is right
    expect(t.info.notes).toEqual([
      `Billed Duration does not match Duration on 1 of 2 REPORT lines, first ${file}:1: Billed Duration 3 ms for Duration 200.1 ms, expected 201 ms (Duration rounded up to 1 ms; 300 ms in the 100 ms era before December 2020); the log is read as is: faasim bills by the platform's own rules`,
    ]);
    const r = await runIn(['simulate', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/- Billed Duration does not match Duration on 1 of 2 REPORT lines/);
  });

  test('the forms Lambda bills by are not flagged: 1 ms, INIT billed, 100 ms era, the 1 ms minimum', async () => {
    const file = write(
      'ok.txt',
      rep('2023-12-05T22:14:43.877Z', '2.35', '3') +
        // INIT billed (container images, custom runtimes): ceil(2.35 + 145.69) = ceil(148.04) = 149
        rep('2023-12-05T22:15:43.877Z', '2.35', '149', 'Init Duration: 145.69 ms\t') +
        // INIT not billed: ceil(2.35) = 3
        rep('2023-12-05T22:16:43.877Z', '2.35', '3', 'Init Duration: 145.69 ms\t') +
        // 100 ms era: 12.34 → 100, 250 → 300, 250 + 300.5 = 550.5 → 600
        rep('2019-06-01T10:00:00Z', '12.34', '100') +
        rep('2019-06-01T10:01:00Z', '250', '300') +
        rep('2019-06-01T10:02:00Z', '250', '600', 'Init Duration: 300.5 ms\t') +
        // 1.3 + 0.7 is 2.0000000000000004 in float64: still 2 ms; 0.4 ms is billed the 1 ms minimum
        rep('2023-12-05T22:17:43.877Z', '1.3', '2', 'Init Duration: 0.7 ms\t') +
        rep('2023-12-05T22:18:43.877Z', '0.4', '1'),
    );
    const t = await loadTrace(file);
    expect(t.info.rows).toBe(8);
    expect(t.info.notes).toBeUndefined();
  });

  test('the real samples are consistent (no note)', async () => {
    for (const f of [
      'tail_embr_2023.txt',
      'logs_insights_getqueryresults_raw_embr_2023.json',
      'filter_log_events_embr_2023.json',
    ]) {
      const t = await loadTrace(`${FIXTURES}aws-lambda/${f}`);
      expect(t.info.notes, f).toBeUndefined();
    }
  });

  test('in a Logs Insights @message and a log events JSON, the row is named', async () => {
    const msg =
      'REPORT RequestId: a\tDuration: 200.1 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 68 MB\t\n';
    const q = write('q.json', JSON.stringify([{ '@timestamp': '2023-12-05 22:14:43.877', '@message': msg }]));
    expect((await loadTrace(q)).info.notes?.[0]).toContain(
      `on 1 of 1 REPORT lines, first ${q} [0]: Billed Duration 3 ms`,
    );
    const e = write('e.json', JSON.stringify({ events: [{ timestamp: 1701814483877, message: msg }] }));
    expect((await loadTrace(e)).info.notes?.[0]).toContain(
      `on 1 of 1 REPORT lines, first ${e} events[0]: Billed Duration 3 ms`,
    );
  });

  test('Lambda JSON logs: billedDurationMs against durationMs', async () => {
    const rec = (d: number, billed: number): string =>
      JSON.stringify({
        time: '2023-12-05T22:14:43.877Z',
        type: 'platform.report',
        record: {
          requestId: 'a',
          metrics: { durationMs: d, billedDurationMs: billed, memorySizeMB: 128, maxMemoryUsedMB: 68 },
        },
      });
    const file = write('j.log', `${rec(2.1, 3)}\n${rec(200.1, 3)}\n`);
    expect((await loadTrace(file)).info.notes).toEqual([
      `Billed Duration does not match Duration on 1 of 2 platform.report records, first ${file}:2: Billed Duration 3 ms for Duration 200.1 ms, expected 201 ms (Duration rounded up to 1 ms; 300 ms in the 100 ms era before December 2020); the log is read as is: faasim bills by the platform's own rules`,
    ]);
  });
});
