/**
 * `faasim sweep --shard I/N` + `faasim merge`: the merged report must be byte-identical to the single
 * run's, whatever the number of shards and the order the files are given in; shards of another
 * sweep, a shard twice or one missing exit 2 naming the file. The recipes of docs/scale.md run
 * through the compiled CLI in scale-recipes.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepCli, writeBurstsCsv } from './fixture.js';
import { beforeAll, describe, expect, test } from 'vitest';

let dir = '';
let trace = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faasim-shard-'));
  trace = join(dir, 'trace.csv');
  writeBurstsCsv(trace);
});

const cli = sweepCli;

const sweepArgs = (): string[] => [
  trace,
  '--memory',
  '128,256,512,1024,2048',
  '--arch',
  'x86_64,arm64',
  '--duration-model',
  'cpu-share:0.8',
  '--measured-at',
  '512',
  '--max-p99',
  '900ms',
  '--workers',
  '1',
];

/** Writes shard files 1..n of the sweep, returns their paths (in reverse order, to test the sorting). */
async function writeShards(n: number, args = sweepArgs(), tag = ''): Promise<string[]> {
  const files: string[] = [];
  for (let i = 1; i <= n; i++) {
    const r = await cli(['sweep', ...args, '--shard', `${i}/${n}`, '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const f = join(dir, `shard${tag}-${i}-of-${n}.json`);
    writeFileSync(f, r.out);
    files.push(f);
  }
  return files.reverse();
}

describe('merge of sweep shards', () => {
  const FORMATS = ['json', 'table', 'markdown', 'csv'] as const;
  /** the single run's output in every format, and its --html page */
  const single = new Map<string, string>();
  beforeAll(async () => {
    for (const format of FORMATS) {
      const html = join(dir, `single-${format}.html`);
      const r = await cli([
        'sweep',
        ...sweepArgs(),
        '--format',
        format,
        ...(format === 'json' ? ['--html', html] : []),
      ]);
      expect(r.code, r.err).toBe(0);
      single.set(format, r.out);
    }
    single.set('html', readFileSync(join(dir, 'single-json.html'), 'utf8'));
  });

  for (const n of [1, 2, 3, 4]) {
    test(`${n} shard${n === 1 ? '' : 's'} merge to the single run's json, table, markdown, csv and html, byte for byte`, async () => {
      const files = await writeShards(n);
      // the slices are the points whose index % n is I − 1: 10 points in n shards
      const sizes = files.map((f) => JSON.parse(readFileSync(f, 'utf8')).points.length).reverse();
      expect(sizes).toEqual(Array.from({ length: n }, (_, i) => Math.floor(10 / n) + (i < 10 % n ? 1 : 0)));
      for (const format of FORMATS) {
        const html = join(dir, `merged-${n}-${format}.html`);
        const merged = await cli([
          'merge',
          ...files,
          '--format',
          format,
          ...(format === 'json' ? ['--html', html] : []),
        ]);
        expect(merged.code, merged.err).toBe(0);
        expect(merged.out, format).toBe(single.get(format));
        if (format === 'json') expect(readFileSync(html, 'utf8')).toBe(single.get('html'));
      }
    });
  }

  test('a shard holds its slice of the points, keyed by index, and the sweep identity', async () => {
    const r = await cli(['sweep', ...sweepArgs(), '--shard', '2/3']);
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.schema).toBe('faasim.sweep-shard/v1');
    expect(s.shard).toEqual({ index: 2, count: 3 });
    expect(s.sweep.points).toBe(10);
    expect(s.sweep.gridSize).toBe(10);
    expect(s.sweep.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(s.points.map((p: { index: number }) => p.index)).toEqual([1, 4, 7]);
  });

  test('bad --shard values and combinations exit 2 with one line', async () => {
    for (const [extra, msg] of [
      [['--shard', '0/2'], /I must be from 1 to 2/],
      [['--shard', '3/2'], /I must be from 1 to 2/],
      [['--shard', '1/11'], /more than the sweep's 10 points/],
      [['--shard', 'x'], /is not I\/N/],
      [['--shard', '1/2', '--format', 'table'], /--format table is for the merge/],
      [['--shard', '1/2', '--replicates', '3'], /cannot be combined with --replicates/],
    ] as [string[], RegExp][]) {
      const r = await cli(['sweep', ...sweepArgs(), ...extra]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(msg);
    }
  });

  test('shards that do not make one sweep exit 2 naming the file', async () => {
    const [b, a] = await writeShards(2, sweepArgs(), 'x');
    const [, other] = await writeShards(2, [...sweepArgs(), '--keep-alive', '5m'], 'y');
    const [, ofThree] = await writeShards(3, sweepArgs(), 'z');
    const cases: [string[], RegExp][] = [
      [[a as string], /shard 2\/2 missing/],
      [[a as string, a as string], /shard 1\/2 again/],
      [[a as string, other as string], new RegExp(`${other}: from a different sweep`)],
      [[a as string, ofThree as string], new RegExp(`${ofThree}: shard \\d/3, but .* is one of 2`)],
      [[a as string, trace], /trace\.csv: not JSON/],
      [[a as string, join(dir, 'nope.json')], /nope\.json: cannot read it/],
    ];
    for (const [files, msg] of cases) {
      const r = await cli(['merge', ...files]);
      expect(r.code, files.join(' ')).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    // the same flags over another trace (here: another file with one request moved) are another sweep
    const traceB = join(dir, 'trace-b.csv');
    writeFileSync(traceB, readFileSync(trace, 'utf8').replace('T10:00:00.050Z', 'T10:00:00.060Z'));
    const [otherTrace] = await writeShards(2, [traceB, ...sweepArgs().slice(1)], 'b');
    const r0 = await cli(['merge', a as string, otherTrace as string]);
    expect(r0.code).toBe(2);
    expect(r0.err).toMatch(new RegExp(`${otherTrace}: simulated another trace than ${a}`));
    // shards written by two versions of faasim may simulate differently
    const older = JSON.parse(readFileSync(b as string, 'utf8'));
    expect(older.faasim).toMatch(/^\d+\.\d+\.\d+/);
    older.faasim = '0.0.1';
    const fo = join(dir, 'older.json');
    writeFileSync(fo, JSON.stringify(older));
    const rv = await cli(['merge', a as string, fo]);
    expect(rv.code).toBe(2);
    expect(rv.err).toMatch(new RegExp(`${fo}: written by faasim 0\\.0\\.1, but .* by faasim \\d`));
    // an edited point is caught by the hash
    const edited = JSON.parse(readFileSync(b as string, 'utf8'));
    edited.points[0].point.config.memoryMb = 4096;
    const f = join(dir, 'edited.json');
    writeFileSync(f, JSON.stringify(edited));
    const r = await cli(['merge', a as string, f]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/do not match the sweep's hash/);
  });

  test("a shard whose points' results are damaged exits 2 naming the file, the point and the field", async () => {
    // 10 points in 2 shards: shard 2/2 holds points 1, 3, 5, 7, 9 (index % 2 = 1)
    const [b, a] = await writeShards(2, sweepArgs(), 'd');
    const damage: [string, (res: Record<string, unknown>) => void, string][] = [
      ['cost null', (res) => (res['cost'] = null), 'point 1: result has no cost'],
      ['outcomes deleted', (res) => delete res['outcomes'], 'point 1: result has no outcomes'],
      [
        'latency gone',
        (res) => delete (res['outcomes'] as { latency: Record<string, unknown> }).latency['all'],
        'point 1: result has no outcomes.latency.all',
      ],
      [
        'cost lines not a list',
        (res) => ((res['cost'] as Record<string, unknown>)['lines'] = 5),
        "point 1: result's cost.lines is a number, not a list",
      ],
      [
        'a cost line without its amount',
        (res) =>
          delete ((res['cost'] as { lines: Record<string, unknown>[] }).lines[0] as Record<string, unknown>)[
            'monthlyUsd'
          ],
        'point 1: result has no cost.lines[0].monthlyUsd',
      ],
      ['config gone', (res) => delete res['config'], 'point 1: result has no config'],
    ];
    for (const [what, edit, msg] of damage) {
      const shard = JSON.parse(readFileSync(b as string, 'utf8'));
      expect(shard.points[0].index).toBe(1);
      edit(shard.points[0].result);
      const f = join(dir, `damaged-${what.replace(/ /g, '-')}.json`);
      writeFileSync(f, JSON.stringify(shard));
      const r = await cli(['merge', a as string, f]);
      expect(r.code, what).toBe(2);
      expect(r.err.trim()).toBe(`faasim: ${f}: ${msg}`);
    }
    const noResult = JSON.parse(readFileSync(b as string, 'utf8'));
    delete noResult.points[2].result;
    const f = join(dir, 'damaged-no-result.json');
    writeFileSync(f, JSON.stringify(noResult));
    const r = await cli(['merge', a as string, f]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`faasim: ${f}: point 5 has no result`);
  });
});
