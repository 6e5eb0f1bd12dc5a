/**
 * README: a trace's line may be at most 1 MiB; the first longer line is refused by its own number.
 * The log importers read lines too (REPORT text logs in byte blocks, Lambda JSON logs line by line):
 * a long line that begins and ends within one read, or is completed by one, is refused as in a CSV,
 * and of a run of long lines the first is named, from a file and from standard input.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, spawnCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/trace.js';

const tooLong = (line: number): string =>
  `line ${line} is longer than 1,048,576 bytes (1 MiB), the longest line a trace may have: is this a CSV text file?`;

const report = (s: number): string =>
  `2024-01-01T00:00:0${s}.000Z REPORT RequestId: r${s}\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t`;
const start = (s: number): string => `2024-01-01T00:00:0${s}.000Z START RequestId: r${s} Version: $LATEST`;
const json = (s: number): string =>
  `{"time":"2024-01-01T00:00:0${s}.000Z","type":"platform.report","record":{"requestId":"r${s}","metrics":{"durationMs":5,"billedDurationMs":5,"memorySizeMB":128,"maxMemoryUsedMB":60}}}`;

// [name, lines, the first long line's number]
const REPORT_CASES: [string, string[], number][] = [
  [
    'a 2 MB line among short ones',
    [start(0), report(0), `2024-01-01T00:00:00.500Z INFO ${'x'.repeat(2_000_000)}`, start(1), report(1)],
    3,
  ],
  [
    'three lines of 1.5 MB: the first is named',
    [start(0), report(0), ...[0, 1, 2].map((s) => `${report(s + 1)}${' '.repeat(1_500_000)}`), report(5)],
    3,
  ],
];
const JSON_CASES: [string, string[], number][] = [
  ['a 2 MB line among short ones', [json(0), `{"pad":"${'x'.repeat(2_000_000)}"}`, json(1)], 2],
  [
    'three lines of 1.5 MB: the first is named',
    [json(0), ...[1, 2, 3].map((s) => `${json(s)}${' '.repeat(1_500_000)}`), json(5)],
    2,
  ],
];

const insights = (s: number, pad = ''): string =>
  `2024-01-01 00:00:0${s}.000,"REPORT RequestId: r${s}	Duration: 5.00 ms	Billed Duration: 5 ms	Memory Size: 128 MB	Max Memory Used: 60 MB	${pad}",2024/01/01/[$LATEST]abc,123:/aws/lambda/f`;
const INSIGHTS_CASES: [string, string[], number][] = [
  [
    'a 2 MB record among short ones',
    ['@timestamp,@message,@logStream,@log', insights(0), insights(1, 'x'.repeat(2_000_000)), insights(2)],
    3,
  ],
];

describe('the 1 MiB line limit in the log importers', () => {
  for (const [format, cases] of [
    ['cloudwatch-report', REPORT_CASES],
    ['lambda-json', JSON_CASES],
    ['logs-insights-csv', INSIGHTS_CASES],
  ] as const) {
    for (const [name, lines, line] of cases) {
      test(`${format}: ${name}, from a file and from standard input`, async () => {
        const file = join(tempDir(), 'long.log');
        const text = `${lines.join('\n')}\n`;
        writeFileSync(file, text);
        const r = await cli(['simulate', file, '--input-format', format, '--format', 'csv']);
        expect(r.stderr).toBe(`faasim: ${file}:${line}: ${tooLong(line)}\n`);
        expect(r.code).toBe(2);
        const s = spawnCli(['simulate', '-', '--input-format', format, '--format', 'csv'], { input: text });
        expect(s.stderr).toBe(`faasim: -:${line}: ${tooLong(line)}\n`);
        expect(s.code).toBe(2);
      });
    }
  }
});
