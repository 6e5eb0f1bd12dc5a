/**
 * The binary trace cache (--cache, issue 12 §1): a read through it gives exactly the trace the CSV
 * reader gives, whatever the columns; the second read comes from the cache; a changed file, other
 * reading options, a corrupt cache or a failed read never serve a stale or partial cache.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { crc32Fallback } from '../../src/traces/cache/crc32.js';
import { loadTrace } from '../../src/traces/load.js';
import type { Trace, TraceChunk } from '../../src/traces/trace.js';
import { runIn } from '../helpers/run-in-process.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir('faasim-cache-');
// the built CLI (npm test compiles first), for standard input
const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

const zlibCrc32 = (zlib as { crc32?: (b: Uint8Array) => number }).crc32;

const COLUMNS: (keyof Omit<TraceChunk, 'count'>)[] = [
  'timeMs',
  'fn',
  'durationMs',
  'initMs',
  'isAsync',
  'memoryUsedMb',
  'cpuMs',
  'responseBytes',
  'isCold',
];
const rowsOf = (t: Trace): unknown[][] =>
  Array.from({ length: t.data.count }, (_, i) => COLUMNS.map((c) => t.data[c][i]));

// every column a trace may have, with empty cells (NaN) in some rows
const FULL =
  [
    'timestamp,function,duration_ms,init_ms,type,memory_used_mb,cpu_ms,is_cold,response_bytes',
    '2026-01-01T00:00:00.000Z,api,120,310,sync,180,90,1,7340032',
    '2026-01-01T00:00:01.500Z,worker,2000,,async,,1500,0,',
    '2026-01-01T00:00:02.250Z,api,95,,sync,170,,0,512',
    '2026-01-01T00:10:00.000Z,api,101.5,,sync,171,70,0,0',
  ].join('\n') + '\n';

describe('the trace cache', () => {
  test('what is read back equals what the CSV reader gives, column by column, and the second read is from the cache', async () => {
    const trace = tmp.file('full.csv', FULL);
    const cacheDir = join(trace, '..', 'cache');
    const plain = await loadTrace(trace);
    const first = await loadTrace(trace, { cacheDir });
    const second = await loadTrace(trace, { cacheDir });
    expect(first.info.cache).toMatch(/^written to the trace cache .*full\.csv\.[0-9a-f]{16}\.faasim-trace$/);
    expect(second.info.cache).toMatch(
      /^read from the trace cache .*\(decoded \d{4}-\d\d-\d\dT.*; source SHA-256 [0-9a-f]{12}…\)$/,
    );
    expect(rowsOf(first)).toEqual(rowsOf(plain));
    expect(rowsOf(second)).toEqual(rowsOf(plain));
    const { cache: _a, ...infoPlain } = plain.info;
    const { cache: _b, ...infoCached } = second.info;
    expect(infoCached).toEqual(infoPlain);
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  test('relative times (no epoch: NaN origin) survive the footer', async () => {
    const trace = tmp.file('rel.csv', 'timestamp,duration_ms\n0,5\n1.5,7\n');
    const cacheDir = join(trace, '..', 'cache');
    await loadTrace(trace, { cacheDir, timeUnit: 's' });
    const again = await loadTrace(trace, { cacheDir, timeUnit: 's' });
    expect(again.info.cache).toMatch(/^read from/);
    expect(Number.isNaN(again.info.originEpochMs)).toBe(true);
    expect(Array.from(again.data.timeMs)).toEqual([0, 1500]);
  });

  test('columns the trace does not have take no space: 2 columns of n rows are 16 + 8 + 8n + 8n bytes before the footer', async () => {
    // n = 4 rows in one group: header 16, group header 16, times 32, durations 32; fn (all 0),
    // INIT, memory, CPU (all NaN), async and cold flags (all 0) are left out
    const rows = ['timestamp,duration_ms', ...[0, 1, 2, 3].map((i) => `2026-01-01T00:00:0${i}Z,${10 + i}`)];
    const trace = tmp.file('two.csv', rows.join('\n') + '\n');
    const cacheDir = join(trace, '..', 'cache');
    await loadTrace(trace, { cacheDir });
    const file = join(cacheDir, readdirSync(cacheDir)[0] as string);
    const bytes = readFileSync(file);
    // the tail: the footer's length u32, its CRC-32 u32, the 8-byte end mark
    const footer = bytes.readUInt32LE(bytes.length - 16);
    expect(bytes.length).toBe(16 + 16 + 32 + 32 + footer + 16);
    expect(bytes.readUInt32LE(bytes.length - 12)).toBe(crc32Fallback(bytes.subarray(-16 - footer, -16)));
    // the group's CRC-32: its rows and mask (bytes 16..24), then its values (from byte 32)
    expect(bytes.readUInt32LE(24)).toBe(
      crc32Fallback(bytes.subarray(32, 96), crc32Fallback(bytes.subarray(16, 24))),
    );
    expect(statSync(file).size).toBe(bytes.length);
    const again = await loadTrace(trace, { cacheDir });
    expect(Array.from(again.data.durationMs)).toEqual([10, 11, 12, 13]);
    expect(Array.from(again.data.fn)).toEqual([0, 0, 0, 0]);
    expect(again.data.initMs.every(Number.isNaN)).toBe(true);
  });

  test('a changed trace is read again, not served from its old cache', async () => {
    const trace = tmp.file(
      't.csv',
      'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:01:00Z,7\n',
    );
    const cacheDir = join(trace, '..', 'cache');
    await loadTrace(trace, { cacheDir });
    writeFileSync(trace, 'timestamp,duration_ms\n2026-01-01T00:00:00Z,500\n2026-01-01T00:01:00Z,700\n');
    // the same size; a later modification time
    utimesSync(trace, new Date(), new Date(Date.now() + 5000));
    const changed = await loadTrace(trace, { cacheDir });
    expect(changed.info.cache).toMatch(/^written to/);
    expect(Array.from(changed.data.durationMs)).toEqual([500, 700]);
  });

  test('other reading options are another cache', async () => {
    const trace = tmp.file('u.csv', 'timestamp,duration_ms\n0,5\n2,7\n');
    const cacheDir = join(trace, '..', 'cache');
    const s = await loadTrace(trace, { cacheDir, timeUnit: 's' });
    const ms = await loadTrace(trace, { cacheDir, timeUnit: 'ms' });
    expect(ms.info.cache).toMatch(/^written to/);
    expect([s.data.timeMs[1], ms.data.timeMs[1]]).toEqual([2000, 2]);
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  test('a corrupt cache file is ignored and rewritten', async () => {
    const trace = tmp.file('c.csv', 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n');
    const cacheDir = join(trace, '..', 'cache');
    await loadTrace(trace, { cacheDir });
    const file = join(cacheDir, readdirSync(cacheDir)[0] as string);
    writeFileSync(file, 'FAASIMTC garbage');
    const again = await loadTrace(trace, { cacheDir });
    expect(again.info.cache).toMatch(/^written to/);
    expect(Array.from(again.data.durationMs)).toEqual([5]);
  });

  test('a cache with one byte flipped anywhere (row groups or footer) is read afresh and rewritten, not trusted', async () => {
    // 400 rows, durations 1..400 ms: the cache body is mostly the time and duration columns
    const csv = ['timestamp,function,duration_ms'];
    for (let i = 0; i < 400; i++) csv.push(`${i},fn${i % 3},${i + 1}`);
    const trace = tmp.file('flip.csv', `${csv.join('\n')}\n`);
    const cacheDir = join(trace, '..', 'cache');
    // 100-row chunks: 4 row groups of 16 + 800 + 400 + 800 bytes (times, fn, durations), from byte 16
    const opts = { timeUnit: 's' as const, chunkRows: 100 };
    const plain = await loadTrace(trace, opts);
    await loadTrace(trace, { cacheDir, ...opts });
    const file = join(cacheDir, readdirSync(cacheDir)[0] as string);
    const good = readFileSync(file);
    expect(good.readUInt32LE(16 + 3 * 2016)).toBe(100);
    // 50 %: the third group's values, found before any row of it goes on (200 rows already have);
    // the first group's row count; the last group's values; the footer's JSON (the tail is the last 16 bytes)
    for (const at of [Math.floor(good.length / 2), 16, 16 + 3 * 2016 + 20, good.length - 40]) {
      const bad = Buffer.from(good);
      bad[at] = (bad[at] as number) ^ 0x01;
      writeFileSync(file, bad);
      const again = await loadTrace(trace, { cacheDir, ...opts });
      expect(again.info.cache).toMatch(/^written to/);
      // every row once, in order: the rows handed on before the damaged group are not repeated
      expect(rowsOf(again)).toEqual(rowsOf(plain));
      const third = await loadTrace(trace, { cacheDir, ...opts });
      expect(third.info.cache).toMatch(/^read from/);
      expect(rowsOf(third)).toEqual(rowsOf(plain));
    }
  });

  test("the JavaScript CRC-32 fallback gives zlib's CRC-32, whole or continued block by block", () => {
    // the check value of CRC-32/ISO-HDLC: crc32("123456789") = 0xcbf43926
    expect(crc32Fallback(Buffer.from('123456789'))).toBe(0xcbf43926);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (bytes, cut) => {
        const at = Math.min(cut, bytes.length);
        const whole = crc32Fallback(bytes);
        expect(crc32Fallback(bytes.subarray(at), crc32Fallback(bytes.subarray(0, at)))).toBe(whole);
        if (typeof zlibCrc32 === 'function') expect(whole).toBe(zlibCrc32(bytes));
      }),
    );
  });

  test('a trace that fails to read leaves no cache, whole or partial', async () => {
    const trace = tmp.file(
      'bad.csv',
      'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:00:01Z,oops\n',
    );
    const cacheDir = join(trace, '..', 'cache');
    await expect(loadTrace(trace, { cacheDir })).rejects.toThrow(/bad\.csv:3/);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  test('the CLI: --cache gives the same report byte for byte, and a line on stderr says where the trace came from', async () => {
    const trace = tmp.file('cli.csv', FULL);
    const cacheDir = join(trace, '..', 'cache');
    for (const format of ['json', 'table', 'csv']) {
      const dir = `${cacheDir}-${format}`;
      const plain = await runIn(['simulate', trace, '--format', format]);
      const write = await runIn(['simulate', trace, '--cache', dir, '--format', format]);
      const read = await runIn(['simulate', trace, '--cache', dir, '--format', format]);
      expect(write.stdout).toBe(plain.stdout);
      expect(read.stdout).toBe(plain.stdout);
      expect(plain.stderr).toBe('');
      expect(write.stderr).toMatch(
        new RegExp(
          `^faasim: ${trace}: written to the trace cache ${dir}/cli\\.csv\\.[0-9a-f]{16}\\.faasim-trace\n$`,
        ),
      );
      expect(read.stderr).toMatch(new RegExp(`^faasim: ${trace}: read from the trace cache ${dir}/`));
      expect(read.stderr.split('\n')).toHaveLength(2);
    }
    // --quiet: no status line (the report is the same)
    const quiet = await runIn([
      'simulate',
      trace,
      '--cache',
      `${cacheDir}-json`,
      '--format',
      'json',
      '--quiet',
    ]);
    expect(quiet.stderr).toBe('');
  });

  test("a side file that does not exist is the reader's one-line error, not a crash in the cache (found by the flag fuzzer)", async () => {
    const trace = tmp.file('side.csv', FULL);
    const r = await runIn([
      'simulate',
      trace,
      '--durations',
      join(trace, '..', 'missing.csv'),
      '--cache',
      join(trace, '..', 'cache'),
    ]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^faasim: /);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });

  test('--cache beside writes next to the trace; standard input is not cached, and says so', async () => {
    const trace = tmp.file('b.csv', FULL);
    await runIn(['simulate', trace, '--cache', 'beside']);
    expect(
      readdirSync(join(trace, '..')).some((f) => f.startsWith('b.csv.') && f.endsWith('.faasim-trace')),
    ).toBe(true);
    const cacheDir = join(trace, '..', 'stdin-cache');
    const r = spawnSync(process.execPath, [MAIN, 'simulate', '-', '--cache', cacheDir, '--format', 'json'], {
      input: FULL,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).trace.cache).toBeUndefined();
    expect(r.stderr).toBe(
      'faasim: -: not cached: standard input is not cached (nothing can tell whether it changed)\n',
    );
  });
});
