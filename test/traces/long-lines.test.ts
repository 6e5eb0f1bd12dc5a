/**
 * README: a trace's line may be at most 1 MiB (1,048,576 bytes, its '\n' not counted). The first
 * longer line is refused naming its line number, the header included, whatever the reader: the plain
 * byte split, the string split, csv-parse, the worker thread, and however the reads cut the file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readTraceCsv, type ReadTraceOptions } from '../../src/traces/read-csv.js';
import { readTraceCsvPipelined } from '../../src/traces/read-pipelined.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/trace.js';

/** the worker runs compiled code (npm test builds dist/ first) */
const WORKER = new URL('../../dist/src/traces/read-worker.js', import.meta.url);
const MiB = 1 << 20;
const HEADER = 'timestamp,function,duration_ms';
const row = (s: number, fn = 'a'): string => `2024-01-01T00:00:0${s}Z,${fn},5`;

async function refusal(text: string, opts: ReadTraceOptions, worker = false): Promise<string> {
  const file = join(tempDir(), 't.csv');
  writeFileSync(file, text);
  try {
    if (worker) await readTraceCsvPipelined(file, opts, () => {}, WORKER);
    else await readTraceCsv(file, opts, () => {});
  } catch (e) {
    if (e instanceof InputError) return e.message.replace(file, 'FILE');
    throw e;
  }
  return 'accepted';
}

const tooLong = (line: number): string =>
  `line ${line} is longer than 1,048,576 bytes (1 MiB), the longest line a trace may have: is this a CSV text file?`;

// a line of exactly 1 MiB passes; one byte more does not
const exact = (n: number): string => row(0, 'x'.repeat(n - row(0, '').length));
const CASES: [string, string, number | null][] = [
  ['a 2 MB function name on line 2', [HEADER, row(0, 'x'.repeat(2_000_000)), row(1)].join('\n'), 2],
  [
    'three rows of 1.5 MB trailing spaces: line 2 is the first',
    [HEADER, ...[0, 1, 2].map((s) => row(s) + ' '.repeat(1_500_000))].join('\n'),
    2,
  ],
  ['a 1.5 MB header', [HEADER + ' '.repeat(1_500_000), row(0)].join('\n'), 1],
  ['line 3 of exactly 1 MiB + 1 byte', [HEADER, row(0), exact(MiB + 1), row(2)].join('\n'), 3],
  ['line 3 of exactly 1 MiB', [HEADER, row(0), exact(MiB), row(2)].join('\n'), null],
  [
    'the last line, without its newline, 1.2 MB',
    [HEADER, row(0), row(1) + ' '.repeat(1_200_000)].join('\n'),
    3,
  ],
];

describe('the 1 MiB line limit', () => {
  for (const [name, text, line] of CASES) {
    test(`${name}: every reader and read size`, async () => {
      const expected = line === null ? 'accepted' : `FILE:${line}: ${tooLong(line)}`;
      for (const readBytes of [64 * 1024, MiB, 3 * MiB])
        for (const parser of ['auto', 'strings'] as const)
          expect(await refusal(text, { parser, readBytes }), `${parser} ${readBytes}`).toBe(expected);
      expect(await refusal(text, {}, true), 'worker').toBe(expected);
    });
  }

  test('through the CLI', async () => {
    const file = join(tempDir(), 'longline.csv');
    writeFileSync(file, `${[HEADER, row(0, 'x'.repeat(2_000_000)), row(1)].join('\n')}\n`);
    const r = await cli(['simulate', file, '--format', 'csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`faasim: ${file}:2: ${tooLong(2)}\n`);
  });

  test('count traces (csv-parse with its record limit): the header, and the first of three long rows', async () => {
    const cases: [string, number][] = [
      [
        ['timestamp,count' + ' '.repeat(1_500_000), '2024-01-01T00:00:00Z,5', '2024-01-01T00:01:00Z,5'].join(
          '\n',
        ),
        1,
      ],
      [
        [
          'timestamp,count',
          ...[0, 1, 2].map((m) => `2024-01-01T00:0${m}:00Z,5${' '.repeat(1_500_000)}`),
        ].join('\n'),
        2,
      ],
    ];
    for (const [text, line] of cases) {
      const file = join(tempDir(), 'counts.csv');
      writeFileSync(file, `${text}\n`);
      const r = await cli(['simulate', file, '--format', 'csv']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`faasim: ${file}:${line}: ${tooLong(line)}\n`);
    }
  });
});
