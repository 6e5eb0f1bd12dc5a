/**
 * Fuzzing the trace readers (issue 10 §4): traces of known content in every accepted timestamp
 * format and unit, written with random valid CSV quoting and line ends, must read back exactly;
 * an invalid row put anywhere must be reported on its line. Small files, bounded runs.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadTrace } from '../../src/traces/load.js';

const dir = mkdtempSync(join(tmpdir(), 'faasim-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(text: string): string {
  const f = join(dir, `f${n++}.csv`);
  writeFileSync(f, text);
  return f;
}

const BASE_MS = 1_772_366_400_000; // 2026-03-01T12:00:00Z
const FORMATS = ['iso-z', 'iso-local', 'iso-offset', 's', 'ms', 'us'] as const;
type Format = (typeof FORMATS)[number];

function timestamp(epochMs: number, format: Format): string {
  const iso = new Date(epochMs).toISOString();
  switch (format) {
    case 'iso-z':
      return iso;
    case 'iso-local':
      return iso.replace('T', ' ').replace('Z', '');
    case 'iso-offset': {
      // the same instant written at +02:00
      const local = new Date(epochMs + 2 * 3_600_000).toISOString().replace('Z', '');
      return `${local}+02:00`;
    }
    case 's':
      return `${Math.floor(epochMs / 1000)}.${String(epochMs % 1000).padStart(3, '0')}`;
    case 'ms':
      return String(epochMs);
    case 'us':
      return `${epochMs}${String(epochMs % 7).padStart(3, '0')}`;
  }
}

/** The cell as CSV, quoted when asked or needed (a comma or a quote inside). */
function cell(text: string, quote: boolean): string {
  return quote || /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const NAMES = ['api', 'checkout', 'a,b', 'say "hi"', 'ünïcode'];
const EOLS = ['\n', '\r\n', '\r'];

const rowArb = fc.record({
  gapMs: fc.integer({ min: 0, max: 5000 }),
  fn: fc.integer({ min: 0, max: NAMES.length - 1 }),
  durationHundredths: fc.integer({ min: 0, max: 1_000_000 }),
  async: fc.boolean(),
});
const traceArb = fc.record({
  format: fc.constantFrom(...FORMATS),
  rows: fc.array(rowArb, { minLength: 1, maxLength: 40 }),
  quotes: fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }),
  eols: fc.array(fc.integer({ min: 0, max: EOLS.length - 1 }), { minLength: 50, maxLength: 50 }),
  finalEol: fc.boolean(),
});

interface Written {
  text: string;
  timesMs: number[];
}

type TraceCase = typeof traceArb extends fc.Arbitrary<infer T> ? T : never;

function write(t: TraceCase, bad?: { at: number; row: string }): Written {
  let q = 0;
  const quote = (): boolean => t.quotes[q++ % t.quotes.length] as boolean;
  const lines = [['timestamp', 'function', 'duration_ms', 'type'].map((h) => cell(h, quote())).join(',')];
  let ms = BASE_MS;
  const timesMs: number[] = [];
  t.rows.forEach((r, i) => {
    ms += r.gapMs;
    // relative to the first row; in µs the written time has ms % 7 extra microseconds
    const first = BASE_MS + t.rows[0]!.gapMs;
    timesMs[i] = ms - first + (t.format === 'us' ? ((ms % 7) - (first % 7)) / 1000 : 0);
    const dur = `${Math.floor(r.durationHundredths / 100)}.${String(r.durationHundredths % 100).padStart(2, '0')}`;
    lines.push(
      [timestamp(ms, t.format), NAMES[r.fn] as string, dur, r.async ? 'async' : 'sync']
        .map((c) => cell(c, quote()))
        .join(','),
    );
  });
  if (bad) lines.splice(1 + bad.at, 0, bad.row);
  let text = '';
  lines.forEach((l, i) => {
    text += l;
    if (i < lines.length - 1 || t.finalEol) text += EOLS[t.eols[i % t.eols.length] as number];
  });
  return { text, timesMs };
}

describe('trace fuzzing', () => {
  test('what is read equals what was written, whatever the format, quoting and line ends', async () => {
    await fc.assert(
      fc.asyncProperty(traceArb, async (t) => {
        const w = write(t);
        // given explicitly: a trace of only sub-millisecond durations would be refused as looking like seconds
        const tr = await loadTrace(file(w.text), { durationUnit: 'ms' });
        expect(tr.info.rows).toBe(t.rows.length);
        for (let i = 0; i < t.rows.length; i++) {
          const r = t.rows[i]!;
          expect(tr.data.timeMs[i]).toBeCloseTo(w.timesMs[i]!, 2);
          expect(tr.info.functionNames[tr.data.fn[i]!]).toBe(NAMES[r.fn]);
          expect(tr.data.durationMs[i]).toBe(r.durationHundredths / 100);
          expect(tr.data.isAsync[i]).toBe(r.async ? 1 : 0);
        }
      }),
      { numRuns: 60, seed: 10 },
    );
  });

  test('an invalid row anywhere is reported on its line', async () => {
    const badRows = [
      '1772366400000,api,0x10,sync',
      '1772366400000,api,-1,sync',
      'yesterday,api,5,sync',
      '1772366400000,api,5,maybe',
      '1772366400000,,5,sync',
      '1772366400000,api,5,sync,extra',
      '1772366400000',
      '1772366400000,api,Infinity,sync',
    ];
    await fc.assert(
      fc.asyncProperty(
        traceArb.map((t) => ({ ...t, format: 'ms' as Format })),
        fc.nat(),
        fc.constantFrom(...badRows),
        async (t, pos, badRow) => {
          const at = pos % (t.rows.length + 1);
          // the bad row's own timestamp is kept in order: equal to the row before it (or the first)
          const w = write(t, { at, row: badRow });
          let error: unknown;
          try {
            await loadTrace(file(w.text));
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(InputError);
          // header on line 1, row k (0-based) on line k + 2: the bad row was put before row `at`
          expect((error as InputError).issues[0]?.where.line, (error as Error).message).toBe(at + 2);
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });

  test('per-minute counts, long and wide layouts: each minute holds exactly the requests it counts', async () => {
    const countsArb = fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 6 }), {
      minLength: 1,
      maxLength: 3,
    });
    await fc.assert(
      fc.asyncProperty(
        countsArb,
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        fc.constantFrom(...EOLS),
        async (perFn, firstMinute, wide, eol) => {
          const minutes = Math.max(...perFn.map((c) => c.length));
          const grid = perFn.map((c) => Array.from({ length: minutes }, (_, m) => c[m] ?? 0));
          const total = grid.flat().reduce((a, b) => a + b, 0);
          fc.pre(total > 0);
          let text: string;
          if (wide) {
            const cols = Array.from({ length: minutes }, (_, m) => firstMinute + m);
            text =
              [
                `HashOwner,HashApp,HashFunction,Trigger,${cols.join(',')}`,
                ...grid.map((c, f) => `o,a,fn${f}hash0000,http,${c.join(',')}`),
              ].join(eol) + eol;
          } else {
            const lines = ['timestamp,function,count'];
            for (let m = 0; m < minutes; m++)
              grid.forEach((c, f) =>
                lines.push(`${new Date(BASE_MS + m * 60_000).toISOString()},fn${f},${c[m]}`),
              );
            text = lines.join(eol) + eol;
          }
          const t = await loadTrace(file(text));
          expect(t.info.rows).toBe(total);
          const start = wide ? (firstMinute - 1) * 60_000 : 0;
          const seen = grid.map(() => new Array<number>(minutes).fill(0));
          for (let i = 0; i < t.data.count; i++) {
            const m = Math.floor((t.data.timeMs[i]! - start) / 60_000);
            const f = Number(t.info.functionNames[t.data.fn[i]!]!.slice(2, 3));
            seen[f]![m]!++;
          }
          expect(seen).toEqual(grid);
        },
      ),
      { numRuns: 40, seed: 12 },
    );
  });
});
