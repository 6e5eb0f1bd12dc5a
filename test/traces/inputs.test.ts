/**
 * Trace file kinds and messages (issue 10 §2, §3): directories refused, pipes, FIFOs and standard
 * input read in one pass, line length bounded, UTF-16 named, blank lines one rule, unclosed quotes
 * reported where they open, measured-points lines right.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parsePings } from '../../src/config.js';
import { InputError } from '../../src/errors.js';
import { parseMeasuredPointsCsv } from '../../src/memory/points-csv.js';
import { loadTrace } from '../../src/traces/load.js';
import { simulateFile } from '../../src/simulate.js';
import { packageRoot } from '../../src/pricing/dir.js';
import { config } from '../helpers/trace.js';

const dir = mkdtempSync(join(tmpdir(), 'faasim-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(text: string | Buffer): string {
  const f = join(dir, `t${n++}.csv`);
  writeFileSync(f, text);
  return f;
}
async function failure(f: string, opts: Parameters<typeof loadTrace>[1] = {}): Promise<InputError> {
  try {
    await loadTrace(f, opts);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

const TRACE =
  'timestamp,function,duration_ms\n1772366400000,a,100\n1772366401000,b,100\n1772366402000,a,100\n';
const main = join(packageRoot(), 'dist/src/cli/main.js');

describe('file kinds', () => {
  test('a directory is refused by name', async () => {
    const e = await failure(dir);
    expect(e.code).toBe('TRACE_IS_DIRECTORY');
    expect(e.message).toMatch(/is a directory/);
  });

  test('a FIFO is read as a stream, also where a first pass for function names would be needed (pings)', async () => {
    const fifo = join(dir, 'fifo.csv');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf '%s' "$0" > "${fifo}"`, TRACE]);
    const pinged = config({ pings: [parsePings('1m')] });
    const r = await simulateFile(fifo, {}, pinged);
    writer.kill();
    const plain = await simulateFile(file(TRACE), {}, pinged);
    expect(r.trace.requests).toBe(3);
    expect(r.cost).toEqual(plain.cost);
  });

  test('`-` is standard input, for simulate and for --provider all, and /dev/stdin too', () => {
    for (const args of [
      ['simulate', '-', '--format', 'json'],
      ['simulate', '/dev/stdin', '--format', 'json'],
      ['simulate', '-', '--provider', 'all', '--format', 'json'],
    ]) {
      const r = spawnSync(process.execPath, [main, ...args], { input: TRACE, encoding: 'utf8' });
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/"requests": 3/);
    }
  });

  test('/dev/zero as a trace ends quickly with the line-length limit named', async () => {
    const started = Date.now();
    const e = await failure('/dev/zero');
    expect(e.code).toBe('TRACE_LINE_TOO_LONG');
    expect(e.message).toMatch(/line 1 is longer than 1,048,576 bytes \(1 MiB\)/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('a 2 MiB line in a regular file, and in a quoted field, is refused with its line', async () => {
    expect(
      (await failure(file(`timestamp\n1772366400\n${'1'.repeat(2 << 20)}\n`))).issues[0]?.where.line,
    ).toBe(3);
    const quoted = await failure(file(`timestamp\n1772366400\n"${'1'.repeat(2 << 20)}"\n`));
    expect([quoted.code, quoted.issues[0]?.where.line]).toEqual(['TRACE_LINE_TOO_LONG', 3]);
  });
});

describe('messages', () => {
  test('UTF-16 (either byte order mark, or none) is named as such', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TRACE, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be, Buffer.from(TRACE, 'utf16le')]) {
      const e = await failure(file(bytes));
      expect(e.code).toBe('TRACE_UTF16');
      expect(e.message).toMatch(/looks like UTF-16; save it as UTF-8/);
    }
  });

  test('an unterminated quote early in a large file is reported where it opens', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${1772366400000 + i},5`);
    rows.splice(100, 0, '"1772366400100,5');
    const e = await failure(file(`timestamp,duration_ms\n${rows.join('\n')}\n`));
    // header on line 1, 100 rows on lines 2..101: the quote opens line 102
    expect(e.issues[0]?.where.line).toBe(102);
    expect(e.message).toMatch(/opened on line 102 is never closed/);
  });

  test('blank lines: skipped in one-column and in multi-column traces alike', async () => {
    const one = await loadTrace(file('timestamp\n1772366400\n\n1772366401\n\n'));
    const two = await loadTrace(file('timestamp,duration_ms\n1772366400,5\n\n1772366401,5\n\n'));
    expect([one.info.rows, two.info.rows, one.info.skippedRows, two.info.skippedRows]).toEqual([2, 2, 0, 0]);
  });

  test('a line of only spaces or tabs is a blank line: skipped by every parser and the count layout, not an error', async () => {
    // rows at 0 s and 2 s around a line of spaces and one of a tab: 2 rows, none skipped as bad
    const text = 'timestamp,function,duration_ms\n0,a,100\n   \n\t\n2,a,100\n';
    for (const parser of ['auto', 'strings', 'csv-parse'] as const) {
      const t = await loadTrace(file(text), { timeUnit: 's', parser });
      expect([t.info.rows, t.info.skippedRows, Array.from(t.data.timeMs)]).toEqual([2, 0, [0, 2000]]);
    }
    // quoted file (csv-parse from the start) and the per-minute count layout: 3 + 2 requests
    const quoted = await loadTrace(file('timestamp,"function"\n0,a\n  \n1,a\n'), { timeUnit: 's' });
    expect(quoted.info.rows).toBe(2);
    const counts = await loadTrace(
      file('timestamp,function,count\n2026-01-01T00:00:00Z,a,3\n   \n2026-01-01T00:01:00Z,a,2\n'),
    );
    expect(counts.info.rows).toBe(5);
    // a field of spaces in a row with several fields is still a bad cell, not a blank line
    await expect(loadTrace(file('timestamp,duration_ms\n0,5\n  ,5\n'), { timeUnit: 's' })).rejects.toThrow(
      /:3: column 1/,
    );
  });

  test('absurd values are refused with line, column and the bound: a run time or INIT over 7 days, a time past year 9999', async () => {
    // 7 days = 7 × 24 × 3,600,000 = 604,800,000 ms; the end of 9999 = Date.UTC(9999, 11, 31, 23, 59, 59, 999)
    expect(Date.UTC(9999, 11, 31, 23, 59, 59, 999)).toBe(253_402_300_799_999);
    const bound =
      'more than 604,800,000 ms (7 days), the longest faasim reads: no platform it models runs a request that long (AWS Lambda stops at 15 minutes, Cloud Run at 60)';
    for (const parser of ['auto', 'strings', 'csv-parse'] as const) {
      const opts = { timeUnit: 's' as const, parser };
      const dur = await failure(file('timestamp,function,duration_ms\n0,a,100\n1,a,1e20\n'), opts);
      expect(dur.message).toMatch(
        `:3: column 3 (duration_ms): "1e20" is a run time of 100,000,000,000,000,000,000 ms, ${bound}`,
      );
      // past 1e21 ms with an exponent, not 309 digits (acceptance-run finding)
      const huge = await failure(file('timestamp,function,duration_ms\n0,a,100\n1,a,1e308\n'), opts);
      expect(huge.message).toMatch(
        `:3: column 3 (duration_ms): "1e308" is a run time of 1e+308 ms, ${bound}`,
      );
      // seconds count too: 604,801 s is 604,801,000 ms
      const sec = await failure(file('timestamp,duration_ms\n0,604801\n'), { ...opts, durationUnit: 's' });
      expect(sec.message).toMatch(
        `:2: column 2 (duration_ms): "604801" is a run time of 604,801,000 ms, ${bound}`,
      );
      const init = await failure(file('timestamp,duration_ms,init_ms\n0,1,604800001\n'), opts);
      expect(init.message).toMatch(
        `:2: column 3 (init_ms): "604800001" is an INIT of 604,800,001 ms, ${bound}`,
      );
      const ts = await failure(file('timestamp,duration_ms\n0,100\n1e300,100\n'), opts);
      expect(ts.message).toMatch(
        ':3: column 1 (timestamp): "1e300" s is past the end of year 9999 (253,402,300,799,999 ms from the epoch), the latest time faasim reads',
      );
      // an ISO time whose zone puts it in year 10000 (UTC), on the first row or a later one
      for (const rows of [
        '9999-12-31T23:59:59-01:00,100\n',
        '2026-01-05T00:00:00Z,1\n9999-12-31T23:59:59-01:00,100\n',
      ]) {
        const iso = await failure(file(`timestamp,duration_ms\n${rows}`), { parser });
        expect(iso.message).toMatch(
          'column 1 (timestamp): "9999-12-31T23:59:59-01:00" in UTC is past the end of year 9999 (253,402,300,799,999 ms from the epoch)',
        );
      }
      // the first row too (the unit is read from it), and in ms: 253,402,300,800,000 ms is 1 ms past the bound
      const first = await failure(file('timestamp,duration_ms\n253402300800000,100\n'), {
        parser,
        timeUnit: 'ms',
      });
      expect(first.message).toMatch(
        ':2: column 1 (timestamp): "253402300800000" ms is past the end of year 9999',
      );
      // at the bounds: read
      const edge = await loadTrace(
        file('timestamp,duration_ms,init_ms\n0,604800000,604800000\n253402300799.999,1,\n'),
        opts,
      );
      expect([edge.info.rows, edge.data.durationMs[0], edge.data.timeMs[1]]).toEqual([
        2, 604_800_000, 253_402_300_799_999,
      ]);
    }
    // skipped with --skip-bad-rows, with the reason counted
    const skipped = await loadTrace(file('timestamp,duration_ms\n0,5\n1,1e20\n2,5\n'), {
      timeUnit: 's',
      skipBadRows: true,
    });
    expect([skipped.info.rows, skipped.info.skippedRows]).toEqual([2, 1]);
  });

  test('measured points with comment and blank lines: the error names the file line', () => {
    const text = '# measured 2026-03-01\nmemory_mb,duration_ms\n\n# 128 MB\n128,900\n\n256,-1\n';
    expect(() => parseMeasuredPointsCsv(text, 'points.csv')).toThrow(
      /points\.csv:7: column 2 \(duration_ms\): "-1"/,
    );
  });
});
