/**
 * The REPORT importer reads bytes in place (byte-lines.ts, report-line.ts, log-prefix.ts): whatever
 * the size of the reads, so wherever a line is cut between two blocks, it gives the same requests,
 * and each field is the number written in the line.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { readTrace } from '../../../src/traces/read.js';
import { parseLogPrefix, type LogPrefix } from '../../../src/traces/formats/log-prefix.js';
import { utc, write } from './helpers.js';

interface Read {
  rows: number[][];
  functions: string[];
  ignored: number;
  skipped: number;
  reasons: string[];
}

async function readAll(
  file: string,
  readBytes?: number,
  skipBadRows = false,
): Promise<Read | { error: string }> {
  const rows: number[][] = [];
  try {
    const info = await readTrace(
      file,
      { inputFormat: 'cloudwatch-report', skipBadRows, ...(readBytes ? { readBytes } : {}) },
      (c) => {
        for (let i = 0; i < c.count; i++)
          rows.push([
            c.timeMs[i]!,
            c.fn[i]!,
            c.durationMs[i]!,
            c.initMs[i]!,
            c.memoryUsedMb[i]!,
            c.isCold[i]!,
          ]);
      },
    );
    return {
      rows,
      functions: info.functionNames,
      ignored: info.ignoredLines ?? 0,
      skipped: info.skippedRows,
      reasons: info.skipReasons,
    };
  } catch (e) {
    if (e instanceof InputError) return { error: e.message };
    throw e;
  }
}

const hundredths = fc.integer({ min: 0, max: 9_999_999 }).map((n) => n / 100);
const reportLine = fc.record({
  second: fc.integer({ min: 0, max: 86_399 }),
  micro: fc.integer({ min: 0, max: 999_999 }),
  group: fc.constantFrom('', '/aws/lambda/orders ', '123456789012:/aws/lambda/api:* ', '/aws/lambda/x:'),
  duration: hundredths,
  init: fc.option(hundredths, { nil: undefined }),
  memory: fc.integer({ min: 1, max: 10_240 }),
  sep: fc.constantFrom('\t', ' \t', '  '),
  eol: fc.constantFrom('\n', '\r\n'),
  other: fc.constantFrom(
    '',
    'START RequestId: x Version: $LATEST',
    'END RequestId: x',
    'app log line with Duration: 5 ms',
  ),
});

function lineOf(r: typeof reportLine extends fc.Arbitrary<infer T> ? T : never): string {
  const t = new Date(Date.UTC(2024, 0, 1) + r.second * 1000).toISOString().slice(0, 19);
  const time = `${t}.${String(r.micro).padStart(6, '0')}+00:00`;
  const init = r.init === undefined ? '' : `Init Duration: ${r.init} ms${r.sep}`;
  const report = `${time} ${r.group}2024/01/01/[$LATEST]abc REPORT RequestId: 0f${r.second}-aa${r.sep}Duration: ${r.duration} ms${r.sep}Billed Duration: ${Math.ceil(r.duration)} ms${r.sep}Memory Size: ${r.memory} MB${r.sep}Max Memory Used: ${r.memory >> 1} MB${r.sep}${init}`;
  return r.other === '' ? `${report}${r.eol}` : `${time} ${r.other}${r.eol}${report}${r.eol}`;
}

describe('reads of any size give the same requests', () => {
  test('random logs (CRLF, log groups, START/END lines) read in blocks of 7 to 300 bytes and of 2 MiB', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(reportLine, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 7, max: 300 }),
        fc.boolean(),
        async (lines, readBytes, trailingEol) => {
          let text = lines.map(lineOf).join('');
          if (!trailingEol) text = text.replace(/\r?\n$/, '');
          const file = write('r.log', text);
          const whole = await readAll(file);
          expect(await readAll(file, readBytes)).toEqual(whole);
          // each request is the line written: duration, INIT, memory as numbers, cold where INIT is given
          const got = whole as Read;
          expect(got.rows.length).toBe(lines.length);
          const byDuration = (a: number[], b: number[]): number => a[2]! - b[2]! || a[4]! - b[4]!;
          const want = lines
            .map((r) => [r.duration, r.init ?? NaN, r.memory >> 1, r.init === undefined ? 0 : 1])
            .sort((a, b) => a[0]! - b[0]! || a[2]! - b[2]!);
          expect(got.rows.sort(byDuration).map((r) => [r[2], r[3], r[4], r[5]])).toEqual(want);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('an error names the same line whatever the reads', async () => {
    const good =
      '2024-01-01T00:00:00Z REPORT RequestId: a\tDuration: 5 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\n';
    const file = write(
      'e.log',
      `${good.repeat(40)}2024-01-01T00:00:01Z REPORT RequestId: b\tDuration: 5 ms\tBilled Duration: 5 ms\tMemory Size: 12x8 MB\tMax Memory Used: 60 MB\n${good}`,
    );
    const error = {
      error: `${file}:41: REPORT line without "Memory Size: N MB" (found "Memory Size: 12x8 MB Max Memo")`,
    };
    expect(await readAll(file)).toEqual(error);
    expect(await readAll(file, 13)).toEqual(error);
    expect(await readAll(file, 64)).toEqual(error);
  });
});

describe('the log prefix', () => {
  test('a line opening with its log group names the function, wherever the line falls in a read', async () => {
    // the group token first, the time after it: the line at the start of the file (and of a read)
    // used to lose its group, read at position 0 of the text
    const line =
      'REPORT RequestId: a\tDuration: 5 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB';
    const file = write(
      'g.log',
      `/aws/lambda/orders 2024-01-01T00:00:00Z ${line}\n/aws/lambda/orders 2024-01-01T00:00:01Z ${line}\n`,
    );
    for (const readBytes of [undefined, 50, 120]) {
      const r = (await readAll(file, readBytes)) as Read;
      expect(r.functions).toEqual(['orders']);
      expect(r.rows.map((x) => x[0])).toEqual([0, 1000]);
    }
  });

  test('the string form reads times and groups as the byte form does', () => {
    const p: LogPrefix = { wholeMs: NaN, fracMs: 0, group: null };
    const s =
      'xx 2023-12-05T22:14:43.877500+00:00  123456789012:/aws/lambda/api:* 2023/12/05/[$LATEST]e34e REPORT';
    parseLogPrefix(s, 3, s.indexOf('REPORT'), p);
    // 22:14:43.8775 on 2023-12-05: the whole seconds in ms, and the fraction of the second (877.5 ms)
    expect([p.wholeMs, p.fracMs, p.group]).toEqual([utc('2023-12-05T22:14:43'), 877.5, 'api']);
    parseLogPrefix('1701814483877 é /aws/lambda/ ', 0, 30, p);
    expect([p.wholeMs, p.fracMs, p.group]).toEqual([1701814483877, 0, null]);
  });
});
