/**
 * `faasim sweep` end to end. The worker-thread path runs the compiled CLI (node dist/src/cli/main.js,
 * built by `npm test`'s tsc step) as a user would; its output must equal the in-process path's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sweepCli, writeBurstsCsv } from './fixture.js';
import { beforeAll, describe, expect, test } from 'vitest';

const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));
let dir = '';
let trace = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faasim-sweep-cli-'));
  trace = join(dir, 'trace.csv');
  writeBurstsCsv(trace);
  writeFileSync(join(dir, 'points.csv'), 'memory_mb,duration_ms\n256,900\n512,470\n1024,260\n');
});

const inProcess = sweepCli;

function compiled(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', timeout: 280_000 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('faasim sweep', () => {
  const args = () => [
    'sweep',
    trace,
    '--memory',
    '128,512,1769',
    '--arch',
    'x86_64,arm64',
    '--duration-model',
    'cpu-share:0.8',
    '--measured-at',
    '512',
    '--arm-speed-factor',
    '1.1',
  ];

  test('worker threads (compiled CLI) give the same report as the in-process path', async () => {
    expect(existsSync(MAIN)).toBe(true);
    const w = compiled([...args(), '--format', 'json', '--workers', '2']);
    expect(w.code).toBe(0);
    // stderr not a terminal: no status line and no progress (the grid's size shows on a terminal)
    expect(w.err).toBe('');
    const s = await inProcess([...args(), '--format', 'json', '--workers', '1']);
    expect(s.code).toBe(0);
    expect(s.err).toBe('');
    expect(w.out).toBe(s.out);
    const report = JSON.parse(w.out);
    expect(report.schema).toBe('faasim.sweep/v1');
    expect(report.points.map((p: { memoryMb: number; arch: string }) => `${p.memoryMb} ${p.arch}`)).toEqual([
      '128 x86_64',
      '128 arm64',
      '512 x86_64',
      '512 arm64',
      '1769 x86_64',
      '1769 arm64',
    ]);
    // run-time factors: 0.8 × 512/128 + 0.2 = 3.4 at 128 MB; arm64 divides by 1.1
    expect(report.points[0].runTimeFactor).toBeCloseTo(3.4, 12);
    expect(report.points[1].runTimeFactor).toBeCloseTo(3.4 / 1.1, 12);
    expect(report.recommendations.map((r: { kind: string }) => r.kind)).toEqual([
      'cheapest',
      'fastest',
      'balanced',
    ]);
  });

  test('the table has the points, the front, the recommendations and the chart; CSV has one row per point', async () => {
    const t = await inProcess([...args(), '--workers', '1', '--max-p99', '1s']);
    expect(t.code).toBe(0);
    for (const s of [
      'memory MB',
      'Recommendation',
      'cheapest (C)',
      'under constraints (K)',
      "Power Tuning's pick",
      'Monthly cost (c, left) and p99 latency (p, right) by memory: arm64',
      'arm64 speed factor 1.1',
    ]) {
      expect(t.out).toContain(s);
    }
    const c = await inProcess([...args(), '--workers', '1', '--format', 'csv']);
    const lines = c.out.trim().split('\n');
    expect(lines[0]).toMatch(/^point,memory_mb,arch,monthly_usd,/);
    expect(lines).toHaveLength(7);
  });

  test('any flag may be a list: keep-alive × memory gives the full grid', async () => {
    const r = await inProcess([
      'sweep',
      trace,
      '--memory',
      '128,256',
      '--keep-alive',
      '1m,10m',
      '--duration-model',
      'cpu-share:1',
      '--measured-at',
      '128',
      '--workers',
      '1',
      '--format',
      'json',
    ]);
    expect(r.err).toBe('');
    const rep = JSON.parse(r.out);
    expect(rep.points.map((p: { settings: Record<string, string> }) => p.settings['keep-alive'])).toEqual([
      '1m',
      '10m',
      '1m',
      '10m',
    ]);
    // bursts 2 min apart: a 1-min keep-alive re-colds every burst, a 10-min one does not
    expect(rep.points[0].coldStartRate).toBeGreaterThan(rep.points[1].coldStartRate);
  });

  test('measured points refuse sizes outside them unless --extrapolate, which marks them', async () => {
    const base = [
      'sweep',
      trace,
      '--memory',
      '128,512',
      '--duration-model',
      `measured:${join(dir, 'points.csv')}`,
      '--measured-at',
      '512',
      '--workers',
      '1',
    ];
    const refused = await inProcess(base);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("memory 128 MB is outside the measured points model's 256..1024 MB");
    const ok = await inProcess([...base, '--extrapolate']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/│ 128~ /);
    expect(ok.out).toContain('~ extrapolated beyond the measured points');
  });

  test('a Power Tuning visualization URL is a model; bad flags exit 2', async () => {
    // sizes 128, 256, 512 (Int16) and times 1000, 500, 250 ms (Float32), costs 0
    const enc = (a: number[], T: typeof Int16Array | typeof Float32Array) =>
      Buffer.from(new Uint8Array(new T(a).buffer)).toString('base64');
    const url = `https://lambda-power-tuning.show/#${enc([128, 256, 512], Int16Array)};${enc([1000, 500, 250], Float32Array)};${enc([0, 0, 0], Float32Array)}`;
    const r = await inProcess([
      'sweep',
      trace,
      '--memory',
      '128,256,512',
      '--duration-model',
      url,
      '--measured-at',
      '512',
      '--workers',
      '1',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).points.map((p: { runTimeFactor: number }) => p.runTimeFactor)).toEqual([
      4, 2, 1,
    ]);
    expect((await inProcess(['sweep', trace, '--balanced-weight', '2'])).code).toBe(2);
    expect((await inProcess(['sweep', trace, '--memory', '64', '--workers', '1'])).err).toContain(
      "memory 64 MB is outside AWS Lambda's 128..10240 MB",
    );
    expect((await inProcess(['sweep', trace, '--memory', '128..256'])).err).toContain('a range needs a step');
  });
});

test('--prewarmed over several providers: Azure Premium takes it, every other platform notes it (as --provider all)', async () => {
  const args = [
    'sweep',
    trace,
    '--memory',
    '512',
    '--provider',
    'aws-lambda,azure-premium',
    '--workers',
    '1',
  ];
  const r = await inProcess([...args, '--prewarmed', '3', '--format', 'json']);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.out) as { assumptions: string[]; points: { settings: { provider: string } }[] };
  expect(report.assumptions).toContain('--prewarmed is for azure-premium: not used for AWS Lambda');
  expect(report.points.map((p) => p.settings.provider)).toEqual(['aws-lambda', 'azure-premium']);
});

describe("Power Tuning's pick: Lambda only", () => {
  const sweep = (provider: string, format: string) =>
    inProcess([
      'sweep',
      trace,
      '--memory',
      '512,1024',
      '--provider',
      provider,
      '--duration-model',
      `measured:${join(dir, 'points.csv')}`,
      '--measured-at',
      '512',
      '--workers',
      '1',
      '--format',
      format,
    ]);
  const ABSENT =
    "Power Tuning's pick is not shown: it prices with AWS Lambda's per-ms price, which means nothing for Google Cloud Run";

  test('Cloud Run: no pick in the table or JSON, one line says why; CSV never had it', async () => {
    const t = await sweep('gcp-cloud-run', 'table');
    expect(t.code).toBe(0);
    expect(t.out).not.toContain("│ Power Tuning's pick");
    expect(t.out).not.toContain('USD per million invocations');
    // one note (wrapped within 100 columns: its continuation lines are indented under it)
    const notes = t.out.replace(/\n {2}(?=\S)/g, ' ').split('\n');
    expect(notes.filter((l) => l.includes("Power Tuning's pick"))).toEqual([`- ${ABSENT}`]);
    const rep = JSON.parse((await sweep('gcp-cloud-run', 'json')).out);
    expect(rep.powerTuning).toEqual([]);
    expect(
      rep.points.map((p: { powerTuning: { averagePrice: number | null } }) => p.powerTuning.averagePrice),
    ).toEqual([null, null]);
    expect(rep.assumptions).toContain(ABSENT);
    expect((await sweep('gcp-cloud-run', 'csv')).out).not.toMatch(/power|tuning/i);
  });

  test('Lambda: the pick is shown, with no such line', async () => {
    const t = await sweep('aws-lambda', 'table');
    expect(t.out).toContain("│ Power Tuning's pick");
    expect(t.out).not.toContain("Power Tuning's pick is not shown");
    const rep = JSON.parse((await sweep('aws-lambda', 'json')).out);
    expect(rep.powerTuning.map((x: { strategy: string }) => x.strategy)).toEqual([
      'cost',
      'speed',
      'balanced',
    ]);
    // its price: ceil(warm mean) × 2.1e-9 × 512/128 USD at 512 MB
    const p = rep.points[0];
    expect(p.powerTuning.averagePrice).toBeCloseTo(Math.ceil(p.powerTuning.averageDuration) * 2.1e-9 * 4, 18);
  });

  test('a sweep over providers: the pick is among the Lambda points only, and a line says so', async () => {
    const rep = JSON.parse((await sweep('aws-lambda,gcp-cloud-run', 'json')).out);
    const providerOf = (i: number) =>
      rep.points.find((p: { index: number }) => p.index === i).settings.provider;
    expect(rep.powerTuning).toHaveLength(3);
    for (const x of rep.powerTuning) expect(providerOf(x.index)).toBe('aws-lambda');
    expect(rep.assumptions).toContain(
      "Power Tuning's pick is among the AWS Lambda points only: it prices with AWS Lambda's per-ms price",
    );
  });
});

describe('answers a user can act on (issue 12 §0)', () => {
  test('with no duration model, no memory size is recommended, and the report says why', async () => {
    const r = await inProcess([
      'sweep',
      trace,
      '--memory',
      '128,512,1024',
      '--workers',
      '1',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.out);
    expect(rep.recommendations.map((x: { kind: string; index: number | null }) => [x.kind, x.index])).toEqual(
      [
        ['cheapest', null],
        ['fastest', null],
        ['balanced', null],
      ],
    );
    expect(rep.recommendations[0].reason).toMatch(
      /^no memory size is recommended: with no duration model .* the smallest size is always the cheapest/,
    );
    expect(rep.powerTuning).toEqual([]);
    const t = await inProcess(['sweep', trace, '--memory', '128,512,1024', '--workers', '1']);
    expect(t.out).toContain('no memory size is recommended');
    expect(t.out).not.toMatch(/\*C|C\s*│\s*$/m);
    // one size and another swept setting: the picks compare like with like and stand
    const one = JSON.parse(
      (
        await inProcess([
          'sweep',
          trace,
          '--memory',
          '512',
          '--keep-alive',
          '1m,10m',
          '--workers',
          '1',
          '--format',
          'json',
        ])
      ).out,
    );
    expect(one.recommendations.every((x: { index: number | null }) => x.index !== null)).toBe(true);
  });

  test('a size whose runs pass the timeout is infeasible: struck out with the size in the reason, never picked', async () => {
    // one request of 600 s measured at 1,024 MB; CPU share 0.8: factor at m = 0.8 × 1024/m + 0.2 (m ≤ 1,769)
    // 128 MB: 600 s × (0.8 × 8 + 0.2) = 3,960 s > 900 s; 512 MB: 600 × (1.6 + 0.2) = 1,080 s > 900 s;
    // 1,024 MB: 600 s; 2,048 MB: 600 × (0.8 × 1024/1769 + 0.2) = 397.9 s
    const long = join(dir, 'long.csv');
    writeFileSync(
      long,
      'timestamp,duration_ms\n2024-01-01T00:00:00Z,600000\n2024-01-01T00:20:00Z,100\n2024-01-01T00:40:00Z,200\n',
    );
    const args = [
      'sweep',
      long,
      '--memory',
      '128,512,1024,2048',
      '--duration-model',
      'cpu-share:0.8',
      '--measured-at',
      '1024',
      '--workers',
      '1',
    ];
    const rep = JSON.parse((await inProcess([...args, '--format', 'json'])).out);
    const by = (mb: number) => rep.points.find((p: { memoryMb: number }) => p.memoryMb === mb);
    expect(by(128).feasible).toBe(false);
    expect(by(128).infeasible).toEqual([
      "1 request runs past AWS Lambda's timeout of 15 min at 128 MB (the longest 1.1 h)",
    ]);
    expect(by(512).infeasible).toEqual([
      "1 request runs past AWS Lambda's timeout of 15 min at 512 MB (the longest 18 min)",
    ]);
    expect([by(1024).feasible, by(2048).feasible]).toEqual([true, true]);
    expect(by(128).pareto || by(512).pareto).toBe(false);
    const picked = rep.recommendations.map(
      (x: { index: number }) => rep.points.find((p: { index: number }) => p.index === x.index).memoryMb,
    );
    expect(picked.every((mb: number) => mb >= 1024)).toBe(true);
    expect(rep.recommendations[0].reason).toContain(
      'the lowest of 2 feasible points (2 infeasible, not considered)',
    );
    const t = (await inProcess(args)).out;
    expect(t).toContain(
      "  ✗ 128 MB x86_64: 1 request runs past AWS Lambda's timeout of 15 min at 128 MB (the longest 1.1 h)",
    );
    const csv = (await inProcess([...args, '--format', 'csv'])).out.split('\n');
    expect(csv[0]!.endsWith(',feasible,infeasible_because')).toBe(true);
    expect(csv[1]).toContain(",false,1 request runs past AWS Lambda's timeout");
  });

  test("memory the function uses: the trace's memory_used_mb and --min-memory make smaller sizes infeasible", async () => {
    const used = join(dir, 'used.csv');
    writeFileSync(
      used,
      'timestamp,duration_ms,memory_used_mb\n2024-01-01T00:00:00Z,100,300\n2024-01-01T00:01:00Z,100,90\n',
    );
    const base = [
      'sweep',
      used,
      '--memory',
      '128,256,512,1024',
      '--duration-model',
      'cpu-share:0.5',
      '--measured-at',
      '512',
      '--workers',
      '1',
      '--format',
      'json',
    ];
    const rep = JSON.parse((await inProcess(base)).out);
    const feasible = rep.points.map((p: { memoryMb: number; feasible: boolean }) => [p.memoryMb, p.feasible]);
    // 300 MB used: 128 and 256 MB are too small
    expect(feasible).toEqual([
      [128, false],
      [256, false],
      [512, true],
      [1024, true],
    ]);
    expect(rep.points[0].infeasible).toEqual([
      '1 request uses more than 128 MB (up to 300 MB, memory_used_mb)',
    ]);
    const min = JSON.parse((await inProcess([...base, '--min-memory', '1000'])).out);
    expect(min.points.map((p: { feasible: boolean }) => p.feasible)).toEqual([false, false, false, true]);
    expect(min.points[2].infeasible).toEqual(['512 MB is below --min-memory 1,000 MB']);
    expect(min.recommendations.map((x: { index: number }) => x.index)).toEqual([3, 3, 3]);
    const none = JSON.parse((await inProcess([...base, '--min-memory', '2000'])).out);
    expect(none.recommendations[0]).toMatchObject({ kind: 'cheapest', index: null });
    expect(none.recommendations[0].reason).toMatch(
      /^no point is feasible: 128 MB x86_64: 1 request uses more than 128 MB/,
    );
    const bad = await inProcess([...base, '--min-memory', 'lots']);
    expect([bad.code, bad.out, bad.err]).toEqual([
      2,
      '',
      'faasim: --min-memory "lots" is not a memory size in MB such as 512\n',
    ]);
  });
});

describe('the docs/sweep.md example', () => {
  // scenarios/sweep/api.json: a Power Tuning result as the model (file relative to the scenario)
  const run = async (...extra: string[]) => {
    const r = await inProcess([
      'sweep',
      '--scenario',
      'scenarios/sweep/api.json',
      '--memory',
      '128,256,512,1024,1536,2048',
      '--workers',
      '1',
      '--format',
      'json',
      ...extra,
    ]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.out);
    const mb = (i: number | null) =>
      i === null ? null : rep.points.find((p: { index: number }) => p.index === i).memoryMb;
    return {
      rep,
      faasim: Object.fromEntries(
        rep.recommendations.map((x: { kind: string; index: number | null }) => [x.kind, mb(x.index)]),
      ),
      powerTuning: Object.fromEntries(
        rep.powerTuning.map((x: { strategy: string; index: number }) => [x.strategy, mb(x.index)]),
      ),
    };
  };

  test('full bill: cheapest 256 MB, balanced 512 MB (p99 has cold starts); Power Tuning: 256 / 2,048 / 1,024 MB', async () => {
    const { rep, faasim, powerTuning } = await run();
    expect(rep.durationModel.parameters).toContainEqual([
      'source',
      'scenarios/sweep/api-power-tuning.json (averageDuration of each stats entry)',
    ]);
    expect(faasim).toEqual({ cheapest: 256, fastest: 2048, balanced: 512 });
    expect(powerTuning).toEqual({ cost: 256, speed: 2048, balanced: 1024 });
    expect((await run('--balanced-metric', 'mean')).faasim.balanced).toBe(1024);
  });

  test('free tier: every size is $0, so the cheapest is the fastest; a 600 ms INIT makes 128 MB cheapest', async () => {
    expect((await run('--free-tier')).faasim).toEqual({ cheapest: 2048, fastest: 2048, balanced: 2048 });
    expect((await run('--init', '600ms')).faasim).toEqual({ cheapest: 128, fastest: 2048, balanced: 256 });
  });
});
