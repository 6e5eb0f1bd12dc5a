/**
 * Plain CSV read from bytes (src/traces/csv/byte-records.ts and cells.ts) against the string split
 * (plain-csv.ts) and csv-parse: the same chunks, info and errors on random traces with every column,
 * numbers in every form the decimal reader distinguishes, names needing trimming or decoding, a BOM,
 * quoted fields and CRLF (where csv-parse takes over), invalid UTF-8, and reads of any size.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readTraceCsv, type ReadTraceOptions } from '../../src/traces/read-csv.js';
import type { TraceInfo } from '../../src/traces/trace.js';
import { tempDir } from '../helpers/trace.js';

type Result = { info: TraceInfo; rows: number[][] } | { error: string };

async function readAll(bytes: Buffer, opts: ReadTraceOptions): Promise<Result> {
  const file = join(tempDir(), 'bytes.csv');
  writeFileSync(file, bytes);
  const rows: number[][] = [];
  try {
    const info = await readTraceCsv(file, { chunkRows: 5, ...opts }, (c) => {
      for (let i = 0; i < c.count; i++)
        rows.push([
          c.timeMs[i]!,
          c.fn[i]!,
          c.durationMs[i]!,
          c.initMs[i]!,
          c.isAsync[i]!,
          c.memoryUsedMb[i]!,
          c.cpuMs[i]!,
          c.isCold[i]!,
        ]);
    });
    return { info: { ...info, file: '' }, rows };
  } catch (e) {
    if (e instanceof InputError) return { error: e.message.replace(file, 'FILE') };
    throw e;
  }
}

// numbers in the forms parseDecimal tells apart: plain, 16 and 17 digits, exponent, sign, leading
// point, trailing point, spaces, hex, empty
const number = fc.constantFrom(
  '12.5',
  '0',
  '7',
  '',
  '5.',
  '.5',
  '1e3',
  '-0',
  '+4',
  ' 8 ',
  '0x10',
  '12345678901234567',
  '9007199254740993',
  '0.000000000000000000000001',
  'x',
  '3.14159265358979',
);
const name = fc.constantFrom('api', 'worker', ' api ', '', 'é', '\u00a0api', 'cron', 'api\u3000', 'a\xffb');
const cold = fc.constantFrom('', '1', '0', 'true', 'FALSE', ' 1', 'yes');
const type = fc.constantFrom('', 'sync', 'async', 'Event', 'bad');
const timestamp = fc.oneof(
  fc.integer({ min: 0, max: 5000 }).map((dt) => ({ dt, iso: false })),
  fc.integer({ min: 0, max: 5000 }).map((dt) => ({ dt, iso: true })),
);

const trace = fc
  .tuple(
    fc.array(fc.tuple(timestamp, name, number, number, number, number, cold, type), {
      minLength: 1,
      maxLength: 30,
    }),
    fc.boolean(),
    fc.constantFrom('\n', '\r\n', 'mixed'),
    fc.nat(),
    fc.constantFrom('', '"', 'bytes'),
  )
  .map(([rows, bom, eol, at, odd]) => {
    let t = 1_767_225_600_003.618;
    const lines = rows.map(([ts, fn, dur, init, mem, cpu, isCold, ty], i) => {
      t += ts.dt;
      const time = ts.iso ? new Date(Math.round(t)).toISOString() : t.toFixed(3);
      const q = odd === '"' && i === at % rows.length ? '"' : '';
      return `${time},${q}${fn}${q},${dur},${init},${mem},${cpu},${isCold},${ty}`;
    });
    const all = ['timestamp,function,duration_ms,init_ms,memory_used_mb,cpu_ms,is_cold,type', ...lines];
    const text =
      (bom ? '\uFEFF' : '') +
      all.map((l, i) => l + (eol === 'mixed' ? (i % 3 === 2 ? '\r\n' : '\n') : eol)).join('');
    const bytes = Buffer.from(text, 'utf8');
    // an invalid UTF-8 sequence in a function name: decoded to U+FFFD as the string path decodes it
    return odd === 'bytes'
      ? Buffer.from(bytes.toString('latin1').replace('a\u00c3\u00bfb', 'a\u00e2\u0082b'), 'latin1')
      : bytes;
  });

describe('plain CSV from bytes', () => {
  test('the same chunks, info and errors as the string split and as csv-parse, for every read size', async () => {
    await fc.assert(
      fc.asyncProperty(
        trace,
        fc.constantFrom(3, 11, 64, 1 << 16),
        fc.boolean(),
        async (bytes, readBytes, skipBadRows) => {
          const fromBytes = await readAll(bytes, {
            readBytes,
            skipBadRows,
            parser: 'auto',
            allowUnsorted: true,
          });
          expect(fromBytes).toEqual(
            await readAll(bytes, { readBytes, skipBadRows, parser: 'strings', allowUnsorted: true }),
          );
          expect(fromBytes).toEqual(
            await readAll(bytes, { readBytes, skipBadRows, parser: 'csv-parse', allowUnsorted: true }),
          );
        },
      ),
      { numRuns: 300, seed: 9 },
    );
  });

  test('numbers are the doubles Number() reads, 16-digit epoch times with fractions included', async () => {
    const text =
      'timestamp,function,duration_ms,memory_used_mb\n1767225600003.618,api,92.41,128\n1767225600004.7,worker,0.5e1,\n1767225600010.000001,api,7,64.25\n';
    const r = (await readAll(Buffer.from(text), { readBytes: 7 })) as { info: TraceInfo; rows: number[][] };
    expect(r.info.functionNames).toEqual(['api', 'worker']);
    // times from the first: (1767225600004.7 − 1767225600003.618) ms and (…10.000001 − …03.618) ms, as doubles
    expect(r.rows.map((x) => x[0])).toEqual([
      0,
      1767225600004.7 - 1767225600003.618,
      // biome-ignore lint/correctness/noPrecisionLoss: the CSV's digits are beyond a double's on purpose: the reader must round them as JavaScript does
      1767225600010.000001 - 1767225600003.618,
    ]);
    expect(r.rows.map((x) => x[2])).toEqual([92.41, 5, 7]);
    expect(r.rows.map((x) => x[5])).toEqual([128, NaN, 64.25]);
  });

  test('a name with bytes that are not UTF-8 is refused with its line, column and byte offset, by every parser', async () => {
    // café in Latin-1 (e9) and cafè in Latin-1 (e8): decoded, both are "caf\uFFFD", one function
    const bytes = Buffer.concat([
      Buffer.from('timestamp,function,duration_ms\n0,ok,1\n1,caf'),
      Buffer.from([0xe9]),
      Buffer.from(',100\n2,caf'),
      Buffer.from([0xe8]),
      Buffer.from(',100\n'),
    ]);
    for (const parser of ['auto', 'strings', 'csv-parse'] as const) {
      const r = await readAll(bytes, { parser, timeUnit: 's', readBytes: 7 });
      // "caf" is 3 bytes: the bad byte is at offset 3 of the name
      expect(r).toEqual({
        error:
          'FILE:3: column 2 (function): function name "caf\uFFFD" is not valid UTF-8: its byte at offset 3 (0-based, in the name) is not part of a UTF-8 character (shown as U+FFFD), and names differing only there would be merged into one function; save the trace as UTF-8 (for example: iconv -f LATIN1 -t UTF-8)',
      });
      // with --skip-bad-rows both rows are skipped, not merged into one function
      const skipped = (await readAll(bytes, { parser, timeUnit: 's', skipBadRows: true })) as {
        info: TraceInfo;
        rows: number[][];
      };
      expect(skipped.info.functionNames).toEqual(['ok']);
      expect([skipped.rows.length, skipped.info.skippedRows]).toEqual([1, 2]);
    }
    // a valid multi-byte name is a name: é is c3 a9
    const good = (await readAll(Buffer.from('timestamp,function\n0,café\n1,cafè\n'), { timeUnit: 's' })) as {
      info: TraceInfo;
    };
    expect(good.info.functionNames).toEqual(['café', 'cafè']);
  });
});
