/**
 * The plain-CSV splitter yields exactly csv-parse's records on input without '"' and '\r', however
 * the input is cut into chunks; the reader gives the same trace, errors and line numbers whether it
 * splits plain input itself or lets csv-parse read everything, including when the input stops being
 * plain half-way.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { PlainCsvSplitter } from '../../src/traces/plain-csv.js';
import { readTraceCsv, type ReadTraceOptions } from '../../src/traces/read-csv.js';
import type { TraceInfo } from '../../src/traces/trace.js';
import { writeTemp } from '../helpers/trace.js';

/** csv-parse with the options read-csv.ts gives it */
function csvParseRecords(text: string): string[][] {
  return parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
}

function splitterRecords(bytes: Buffer, cuts: number[]): string[][] {
  const out: string[][] = [];
  const keep = (rec: string[]): void => {
    out.push([...rec]); // the splitter refills one array
  };
  const s = new PlainCsvSplitter();
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    s.push(bytes.subarray(at, cut), keep);
    at = cut;
  }
  s.push(bytes.subarray(at), keep);
  s.end(keep);
  return out;
}

// commas, empty fields, empty lines, spaces, multi-byte characters (cut across chunks), a BOM
const plainText = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc
        .array(fc.constantFrom('a', '7', '.', ' ', ',', ',', 'é', '中', '😀', '-'), { maxLength: 12 })
        .map((cs) => cs.join('')),
      { maxLength: 30 },
    ),
    fc.boolean(),
  )
  .map(
    ([bom, lines, trailingNewline]) =>
      (bom ? '\uFEFF' : '') + lines.join('\n') + (trailingNewline && lines.length > 0 ? '\n' : ''),
  );

describe('PlainCsvSplitter', () => {
  test('yields csv-parse records for any plain input, however it is cut into chunks', () => {
    fc.assert(
      fc.property(plainText, fc.array(fc.nat(), { maxLength: 8 }), (text, rawCuts) => {
        const bytes = Buffer.from(text, 'utf8');
        const cuts = rawCuts.map((c) => c % (bytes.length + 1));
        expect(splitterRecords(bytes, cuts)).toEqual(csvParseRecords(text));
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  test('hand-made cases: blank lines, no final newline, a single column, a character cut in two', () => {
    expect(splitterRecords(Buffer.from('a,b\n\n1,,3\nx'), [])).toEqual([
      ['a', 'b'],
      [''],
      ['1', '', '3'],
      ['x'],
    ]);
    // a line without a comma followed by lines with commas
    expect(splitterRecords(Buffer.from('ts\n1\n2\n3,4\n'), [3])).toEqual([['ts'], ['1'], ['2'], ['3', '4']]);
    const e = Buffer.from('é,1\n'); // é is two bytes: cut between them
    expect(splitterRecords(e, [1])).toEqual([['é', '1']]);
  });
});

async function readAll(
  text: string,
  opts: ReadTraceOptions,
): Promise<{ info: TraceInfo; rows: number[][] } | { error: string }> {
  const file = writeTemp('plain.csv', text);
  const rows: number[][] = [];
  try {
    const info = await readTraceCsv(file, { chunkRows: 7, ...opts }, (c) => {
      for (let i = 0; i < c.count; i++)
        rows.push([c.timeMs[i]!, c.fn[i]!, c.durationMs[i]!, c.initMs[i]!, c.isAsync[i]!]);
    });
    return { info: { ...info, file: '' }, rows };
  } catch (e) {
    if (e instanceof InputError) return { error: e.message.replace(file, 'FILE') };
    throw e;
  }
}

describe('the reader reads plain input natively and the rest with csv-parse, with the same results', () => {
  const row = fc.tuple(
    fc.integer({ min: 0, max: 5000 }),
    fc.constantFrom('api', 'worker', ' api ', ''),
    fc.constantFrom('12.5', '0', '', '-3', 'x'),
    fc.constantFrom('sync', 'async', 'bad'),
  );
  // every line '\n', '\r\n' or '\r', or each line '\n' or '\r\n' at random (csv-parse takes the first
  // line ending it meets as the record delimiter: a '\r\n' after a first '\n' stays in the record)
  const lineEnds = fc.oneof(
    fc.constantFrom('\n', '\r\n', '\r').map((end) => (n: number) => Array<string>(n).fill(end)),
    fc
      .array(fc.constantFrom('\n', '\r\n'), { minLength: 42, maxLength: 42 })
      .map((ends) => (n: number) => ends.slice(0, n)),
  );
  // a field csv-parse rejects: a quote inside it (Invalid Opening Quote), a quote never closed, text
  // after a closing quote (Invalid Closing Quote)
  const malformed = fc.constantFrom('a"b', '"x', '"x"y');
  const traceText = fc
    .tuple(fc.array(row, { minLength: 1, maxLength: 40 }), fc.nat(), lineEnds, fc.nat(), malformed)
    .map(([rows, quoteAt, ends, badAt, bad]) => {
      let t = 1_767_225_600_000;
      const lines = rows.map(([dt, fn, dur, type], i) => {
        t += dt;
        // from one row on, fields are quoted: the reader switches to csv-parse mid-file
        const q = i >= quoteAt % (rows.length + 5) ? '"' : '';
        // in about half the files one row has a malformed field, often after csv-parse took over
        const field = i === rows.length - 1 - (badAt % (2 * rows.length)) ? bad : `${q}${fn}${q}`;
        return `${t},${field},${dur},${type}`;
      });
      const all = ['timestamp,function,duration_ms,type', ...lines];
      const lineEnd = ends(all.length);
      return all.map((l, i) => l + lineEnd[i]).join('');
    });

  test('same trace or the same error, line and column, for every read size and line endings', async () => {
    await fc.assert(
      fc.asyncProperty(
        traceText,
        fc.constantFrom(5, 17, 64, 1 << 16),
        fc.boolean(),
        async (text, readBytes, skipBadRows) => {
          const native = await readAll(text, { readBytes, skipBadRows, parser: 'auto' });
          const reference = await readAll(text, { readBytes, skipBadRows, parser: 'csv-parse' });
          expect(native).toEqual(reference);
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  test('a bad value on line 4 of plain input is reported on line 4', async () => {
    const text = 'timestamp,duration_ms\n1767225600000,5\n1767225600001,6\n1767225600002,-3\n';
    expect(await readAll(text, { readBytes: 8 })).toEqual({
      error: 'FILE:4: column 2 (duration_ms): "-3" is not a non-negative number',
    });
  });

  /** `n` plain rows after the header, one a millisecond after the other, each ending in '\n' */
  const plainRows = (n: number): string => {
    const lines = ['timestamp,duration_ms'];
    for (let i = 0; i < n; i++) lines.push(`${1_767_225_600_000 + i},5`);
    return lines.join('\n') + '\n';
  };

  test('a CSV syntax error after csv-parse took over is reported on its line in the file, in the location and the message', async () => {
    const text = plainRows(2000) + '1767225700000,a"b\n';
    const error =
      'FILE:2002: not valid CSV: Invalid Opening Quote: a quote is found on field 1 at line 2002, value is "a"';
    expect(await readAll(text, { readBytes: 64 })).toEqual({ error });
    expect(await readAll(text, { readBytes: 64, parser: 'csv-parse' })).toEqual({ error });
    const unclosed = plainRows(300) + '"1767225700000,5\n1767225700001,5\n';
    expect(await readAll(unclosed, { readBytes: 64 })).toEqual(
      await readAll(unclosed, { readBytes: 64, parser: 'csv-parse' }),
    );
    // header (line 1) + 300 rows (lines 2..301): the quote opens line 302, and the file ends on 303
    expect(await readAll(unclosed, { readBytes: 64 })).toEqual({
      error: 'FILE:302: not valid CSV: the quoted field opened on line 302 is never closed',
    });
  });

  test("a '\\r\\n' line after '\\n' lines, cut by a read: the lines after it are still records", async () => {
    const head = plainRows(300);
    const lines = ['1767225700000,5\r\n', '1767225700001,6\n', '1767225700002,7\n'];
    // a read ends inside the '\r\n' line: csv-parse takes over there and meets '\r\n' first
    const readBytes = head.length + 5;
    const text = head + lines.join('');
    const native = await readAll(text, { readBytes, parser: 'auto' });
    expect(native).toEqual(await readAll(text, { readBytes, parser: 'csv-parse' }));
    expect(native).toMatchObject({ info: { rows: 303 } });
  });

  test("a file whose lines end in '\\r' alone, and one whose first line ends in '\\n' and later ones in '\\r'", async () => {
    const cr = plainRows(50).replaceAll('\n', '\r');
    const native = await readAll(cr, { readBytes: 17, parser: 'auto' });
    expect(native).toEqual(await readAll(cr, { readBytes: 17, parser: 'csv-parse' }));
    expect(native).toMatchObject({ info: { rows: 50 } });
    // csv-parse keeps '\n' as the delimiter: each '\r' stays in its record, which runs on to the next '\n'
    const mixed = plainRows(50).replace(/\n(?=.)/g, (nl, at: number) => (at > 200 ? '\r' : nl));
    expect(await readAll(mixed, { readBytes: 17, parser: 'auto' })).toEqual(
      await readAll(mixed, { readBytes: 17, parser: 'csv-parse' }),
    );
  });

  test('a byte order mark opening a line after the first is text, also where csv-parse takes over', async () => {
    const head = 'timestamp,duration_ms\n1767225600000,5\n';
    const text = head + '\uFEFF"1767225600001",6\n';
    const native = await readAll(text, { readBytes: head.length });
    expect(native).toEqual(await readAll(text, { readBytes: head.length, parser: 'csv-parse' }));
    expect(native).toMatchObject({
      error: expect.stringMatching(
        /^FILE:3: not valid CSV: Invalid Opening Quote: .* at line 3, .*\(utf8 bom\)$/,
      ),
    });
  });
});
