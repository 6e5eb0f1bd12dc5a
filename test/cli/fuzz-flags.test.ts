/**
 * Issue 10, "nothing misread, nothing crashes": random values for every flag of every command, and
 * random scenario files, run through the CLI in-process. Whatever the input, the answer is a report
 * (exit 0) or one `faasim: …` line per problem on stderr, nothing on stdout, exit 2; never exit 3 and
 * never a stack trace. Seeded, so a run is repeatable; a failure prints the arguments that caused it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { simulationFlags } from '../../src/cli/options.js';
import { runIn } from '../helpers/run-in-process.js';
import { tempDir, writeTemp } from '../helpers/trace.js';

/** FUZZ_SEED and FUZZ_SCALE (runs × scale) hunt further by hand; the suite runs the fixed seed */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261203);
const SCALE = Number(process.env['FUZZ_SCALE'] ?? 1);
const TRACE =
  'timestamp,function,duration_ms\n2026-01-01T00:00:00Z,api,5\n2026-01-01T00:00:30Z,api,7\n2026-01-01T00:05:00Z,worker,120\n';
const NO_DURATION = 'timestamp,function\n2026-01-01T00:00:00Z,api\n2026-01-01T00:01:00Z,api\n';
const CALIBRATE =
  'timestamp,duration_ms,init_ms\n2026-01-01T00:00:00Z,5,200\n2026-01-01T00:01:00Z,5,\n2026-01-01T00:20:00Z,5,180\n2026-01-01T00:21:00Z,6,\n';

/** Words the flags' grammars are made of, and the values that broke parsers elsewhere. */
const TOKENS = [
  '',
  ' ',
  '0',
  '1',
  '2',
  '-1',
  '-0',
  '+3',
  '1.5',
  '0.25',
  '2.5e1',
  '1e400',
  '-1e400',
  '1e-400',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '0b11',
  '0o7',
  '1_000',
  '1,000',
  '١٢',
  '１２',
  '5m',
  '10s',
  '1h',
  '100ms',
  '250us',
  '1d',
  '-30m',
  '0s',
  'forever',
  'rate(5 minutes)',
  'cron(0/5 8-17 ? * MON-FRI *)',
  'cron(',
  'cron()',
  'all',
  'auto',
  'none',
  'pings',
  'provisioned',
  'schedule',
  'lognormal',
  'empirical',
  'uniform',
  'cpu-share',
  'measured',
  'power-tuning',
  'max=110s',
  'x86_64',
  'arm64',
  'aws-lambda',
  'azure-consumption',
  'azure-premium',
  'gcp-cloud-run',
  'cloudflare-workers',
  'us-east-1',
  'timestamp',
  'function',
  'duration',
  'fn',
  'cold',
  'json',
  'csv',
  'table',
  'ms',
  's',
  'us',
  'start',
  'end',
  'zip',
  'image',
  'most-recent',
  'random',
  'excluded',
  'included',
  'current',
  'request',
  'instance',
  'p99',
  'mean',
  'bisect',
  'exhaustive',
  'cold-start-rate<=0.5%',
  'p99<=400ms',
  '<=',
  '%',
  '$',
  '1%',
  '50/s',
  '120/min',
  '3/h',
  'poisson',
  'diurnal',
  'bursty',
  'spike',
  '2026-01-01T00:00:00Z',
  '2026-02-30T25:00:00Z',
  '1970-01-01',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'prototype',
  '\u202e',
  '\x1b[31m',
  '\n',
  '\0',
  'api',
  'worker',
  '{}',
  '[]',
  '"',
  "'",
];
const SEPARATORS = [':', ',', '..', '=', ' ', '/', '-'];

/** A value for a flag: a token, tokens joined as the grammars join them, or any string. */
const value: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TOKENS) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.array(fc.constantFrom(...TOKENS), { minLength: 2, maxLength: 5 }),
        fc.constantFrom(...SEPARATORS),
      )
      .map(([t, s]) => t.join(s)),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: 'binary' }) },
);

/** Flags whose value names a file: never `-` (standard input would wait for the test's stdin). */
const FILE_FLAGS = new Set(['--scenario', '--durations', '--memory-file', '--write-scenario']);
/** Flags that write where their value says: kept inside this run's temp folder. */
const WRITING_FLAGS = new Set(['--cache', '--write-scenario']);
function safe(flag: string, v: string): string {
  if (WRITING_FLAGS.has(flag) && v.trim() !== '' && v !== 'beside')
    return join(tmpdir(), 'written', encodeURIComponent(v).slice(0, 60));
  return FILE_FLAGS.has(flag) && (v.trim() === '-' || v.startsWith('/dev/')) ? `${v}x` : v;
}

interface Problem {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
}

/** The contract of every run: a report, or faasim: lines and exit 2. */
async function check(args: string[]): Promise<Problem | null> {
  const r = await runIn(args);
  const lines = r.stderr.split('\n').slice(0, -1);
  const ok =
    r.code === 0 ||
    (r.code === 2 &&
      r.stdout === '' &&
      r.stderr.endsWith('\n') &&
      lines.length >= 1 &&
      lines.every((l) => l.startsWith('faasim: ')) &&
      !/\n\s+at /.test(r.stderr));
  // a report may still not carry a stack or a raw control character into the terminal
  const clean = r.code !== 0 || !/\bat (async )?\w+ \(.*:\d+:\d+\)/.test(r.stderr + r.stdout);
  return ok && clean
    ? null
    : { args, code: r.code, stdout: r.stdout.slice(0, 300), stderr: r.stderr.slice(0, 600) };
}

/** FUZZ_LIST=1 lists every failing case instead of stopping at the first (for hunting, not for CI). */
const LIST = process.env['FUZZ_LIST'] === '1';

async function noProblem(args: string[]): Promise<boolean> {
  const p = await check(args);
  if (p && LIST) {
    console.log(`FUZZ ${JSON.stringify(p.args)} → exit ${p.code}: ${JSON.stringify(p.stderr.slice(0, 300))}`);
    return true;
  }
  if (p)
    throw new Error(`${JSON.stringify(p.args)} → exit ${p.code}\nstderr: ${p.stderr}\nstdout: ${p.stdout}`);
  return true;
}

const params = (numRuns: number) => ({
  seed: SEED,
  numRuns: Math.round(numRuns * SCALE),
  endOnFailure: true,
});

describe('every flag of every command, random values', () => {
  const dir = tempDir('faasim-fuzz-');
  const trace = writeTemp('t.csv', TRACE, dir);
  const noDuration = writeTemp('nd.csv', NO_DURATION, dir);
  const logs = writeTemp('cal.csv', CALIBRATE, dir);

  const simulation = simulationFlags().map((f) => ({
    flag: f.flags.split(' ')[0] as string,
    takesValue: f.flags.includes('<'),
  }));

  test('simulate: one or two random flags', async () => {
    const flag = fc.constantFrom(...simulation, { flag: '--scenario', takesValue: true });
    const one = fc.tuple(flag, value).map(([f, v]) => (f.takesValue ? [f.flag, safe(f.flag, v)] : [f.flag]));
    await fc.assert(
      fc.asyncProperty(
        fc.array(one, { minLength: 1, maxLength: 2 }),
        fc.boolean(),
        async (flags, withDurations) =>
          noProblem(['simulate', withDurations ? trace : noDuration, ...flags.flat()]),
      ),
      params(400),
    );
  });

  test('sweep: its own flags and list values of the simulation flags', async () => {
    const own = [
      '--balanced-weight',
      '--balanced-metric',
      '--max-p99',
      '--max-cold-start-rate',
      '--max-cost',
      '--workers',
      '--memory',
    ];
    const flag = fc.constantFrom(...own, ...simulation.filter((f) => f.takesValue).map((f) => f.flag));
    await fc.assert(
      fc.asyncProperty(flag, value, async (f, v) =>
        noProblem(['sweep', trace, '--workers', '1', '--memory', '128,256', f, safe(f, v)]),
      ),
      params(150),
    );
  });

  test('compare: strategies, target, function, search', async () => {
    const flag = fc.constantFrom(
      '--strategy',
      '--target',
      '--function',
      '--search',
      '--format',
      '--keep-alive',
    );
    await fc.assert(
      fc.asyncProperty(flag, value, async (f, v) => noProblem(['compare', trace, '--no-break-even', f, v])),
      params(120),
    );
  });

  test('generate: every flag, with a short span so a valid run stays small', async () => {
    const flag = fc.constantFrom(
      '--pattern',
      '--functions',
      '--duration',
      '--start',
      '--seed',
      '--peak-hour',
      '--amplitude',
      '--weekend-factor',
      '--burst-on',
      '--burst-off',
      '--burst-off-rate',
      '--spike-at',
      '--spike-for',
      '--spike-factor',
    );
    const pattern = fc.constantFrom('poisson', 'diurnal', 'bursty', 'spike');
    await fc.assert(
      fc.asyncProperty(pattern, flag, value, async (p, f, v) =>
        noProblem(['generate', '--rate', '2', '--span', '20s', '--pattern', p, f, v]),
      ),
      params(150),
    );
    // the rate and the span themselves, each with the other small
    await fc.assert(
      fc.asyncProperty(value, async (v) => noProblem(['generate', '--span', '2s', '--rate', v])),
      params(60),
    );
    await fc.assert(
      fc.asyncProperty(value, async (v) => noProblem(['generate', '--rate', '1/h', '--span', v])),
      params(60),
    );
  });

  test('inspect and calibrate: every flag', async () => {
    const inspect = fc.constantFrom('--format', '--top', '--columns', '--time-unit', '--seed');
    await fc.assert(
      fc.asyncProperty(inspect, value, async (f, v) => noProblem(['inspect', trace, f, v])),
      params(100),
    );
    const calibrate = fc.constantFrom(
      '--provider',
      '--seed',
      '--replays',
      '--columns',
      '--time-unit',
      '--format',
    );
    await fc.assert(
      fc.asyncProperty(calibrate, value, async (f, v) =>
        noProblem(['calibrate', logs, '--replays', '1', f, v]),
      ),
      params(100),
    );
    // --write-scenario: a folder, a path in a missing folder, an empty name
    for (const v of [dir, join(dir, 'missing', 'x.json'), ''])
      expect(await check(['calibrate', logs, '--write-scenario', v])).toBeNull();
  });
});

describe('scenario files: random JSON, random text, random settings', () => {
  const dir = tempDir('faasim-fuzz-scenario-');
  const trace = writeTemp('t.csv', TRACE, dir);
  mkdirSync(join(dir, 's'));
  let n = 0;
  const scenario = (text: string | Uint8Array): string => {
    const file = join(dir, 's', `${n++}.json`);
    writeFileSync(file, text);
    return file;
  };
  const KEYS = [
    'description',
    'trace',
    'columns',
    'timeUnit',
    'durationUnit',
    'timestampIs',
    'inputFormat',
    'functionName',
    'sort',
    'skipBadRows',
    'span',
    'trafficScale',
    'timeShift',
    'start',
    'provider',
    'region',
    'arch',
    'memoryMb',
    'runtime',
    'packageType',
    'ephemeralStorageMb',
    'keepAlive',
    'routing',
    'concurrencyLimit',
    'provisioned',
    'pings',
    'init',
    'duration',
    'durationOverride',
    'freeTier',
    'freeTierProvisioned',
    'initBilling',
    'seed',
    'format',
    'perInstanceConcurrency',
    'maxInstances',
    'prewarmed',
    'observedMemoryMb',
    'cpuFraction',
    'billingMode',
    'functions',
    'strategies',
    'durationModel',
    'measuredAtMb',
    'measuredArch',
    'armSpeedFactor',
    'extrapolate',
    '__proto__',
    'constructor',
  ];
  const leaf = fc.oneof(
    fc.constantFrom(...TOKENS),
    value,
    fc.integer({ min: -5, max: 3000 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  const setting = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(
        fc.oneof(
          fc.constantFrom(
            'kind',
            'every',
            'concurrency',
            'min',
            'max',
            'value',
            'median',
            'p99',
            'values',
            'target',
            'base',
            'actions',
            'cron',
            'level',
            'file',
            'url',
            'api',
            'worker',
            '__proto__',
            'memoryMb',
            'provisioned',
            'pings',
            'init',
            'duration',
            'cpuFraction',
          ),
          fc.string({ maxLength: 6 }),
        ),
        tie('node'),
        { maxKeys: 4 },
      ),
    ),
  })).node;
  const settings = fc.dictionary(fc.constantFrom(...KEYS), setting, { minKeys: 1, maxKeys: 3 });

  test('settings with random values: a report or exit 2', async () => {
    await fc.assert(
      fc.asyncProperty(settings, async (s) =>
        noProblem(['simulate', trace, '--scenario', scenario(JSON.stringify(s))]),
      ),
      params(300),
    );
  });

  test('compare reads the strategies and the rest of a scenario: a report or exit 2', async () => {
    const strategy = fc.oneof(
      value,
      fc.tuple(fc.constantFrom('pings:', 'provisioned:', 'none'), value).map(([a, b]) => a + b),
      setting,
    );
    const withStrategies = fc
      .tuple(settings, fc.dictionary(fc.string({ maxLength: 6 }), strategy, { minKeys: 1, maxKeys: 3 }))
      .map(([s, strategies]) => ({ ...s, strategies }));
    await fc.assert(
      fc.asyncProperty(withStrategies, async (s) =>
        noProblem(['compare', trace, '--no-break-even', '--scenario', scenario(JSON.stringify(s))]),
      ),
      params(120),
    );
  });

  test('any JSON value, any text, any bytes', async () => {
    const text = fc.oneof(
      fc.json({ maxDepth: 3 }),
      fc.string({ maxLength: 64 }),
      fc.string({ maxLength: 64, unit: 'binary' }),
      settings.map((s) => JSON.stringify(s, null, 2).slice(0, -1)),
    );
    await fc.assert(
      fc.asyncProperty(text, async (t) => noProblem(['simulate', trace, '--scenario', scenario(t)])),
      params(200),
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (b) =>
        noProblem(['simulate', trace, '--scenario', scenario(b)]),
      ),
      params(60),
    );
  });
});
