/** Broken traces, scenarios and flags: a clear message naming where, and exit code 2. */
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir, writeTemp } from '../helpers/trace.js';

const GOOD = 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:10:00Z,7\n';

describe('exit codes and messages', () => {
  test('a good trace runs with exit 0', async () => {
    const r = await cli(['simulate', writeTemp('ok.csv', GOOD), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).outcomes.requests).toBe(2);
  });

  test('a bad value in the trace: file, line, column, value; exit 2', async () => {
    const file = writeTemp(
      'trace.csv',
      'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:00:01Z,-3\n',
    );
    const r = await cli(['simulate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`faasim: ${file}:3: column 2 (duration_ms): "-3" is not a non-negative number\n`);
    expect(r.stdout).toBe('');
  });

  test('--skip-bad-rows runs and the report says how many rows were skipped and why', async () => {
    const file = writeTemp(
      'trace.csv',
      'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:00:01Z,-3\n2026-01-01T00:01:00Z,4\n',
    );
    const r = await cli(['simulate', file, '--skip-bad-rows']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /skipped rows\s+│ 1 \(--skip-bad-rows\): line 3: column 2 \(duration_ms\): "-3" is not/,
    );
    expect(
      JSON.parse((await cli(['simulate', file, '--skip-bad-rows', '--format', 'json'])).stdout).trace,
    ).toMatchObject({
      requests: 2,
      skippedRows: 1,
      skipReasons: ['line 3: column 2 (duration_ms): "-3" is not a non-negative number'],
    });
  });

  test('empty file, missing file, missing column, unknown time unit', async () => {
    expect((await cli(['simulate', writeTemp('e.csv', '')])).stderr).toMatch(/e\.csv: the trace is empty/);
    expect((await cli(['simulate', '/no/such/trace.csv'])).code).toBe(2);
    const missing = await cli(['simulate', writeTemp('m.csv', 'time,duration_ms\n1,2\n')]);
    expect([missing.code, /no "timestamp" column/.test(missing.stderr)]).toEqual([2, true]);
    const unit = await cli(['simulate', writeTemp('u.csv', GOOD), '--time-unit', 'minutes']);
    expect(unit.code).toBe(2);
    expect(unit.stderr).toMatch(/--time-unit "minutes"/);
  });

  test('a trace without durations needs --duration', async () => {
    const file = writeTemp('nodur.csv', 'timestamp\n2026-01-01T00:00:00Z\n2026-01-01T00:01:00Z\n');
    const r = await cli(['simulate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no duration_ms column.*--duration/);
    expect((await cli(['simulate', file, '--duration', 'lognormal:80ms:400ms'])).code).toBe(0);
  });

  test('bad flag values name the flag and the value', async () => {
    const file = writeTemp('ok.csv', GOOD);
    const cases: [string[], RegExp][] = [
      [['--memory', 'lots'], /^faasim: --memory "lots" is not a number\n$/],
      [['--memory', '512MB'], /^faasim: --memory "512MB" is not a number\n$/],
      [['--seed', '1.5'], /^faasim: --seed "1\.5" is not a whole number\n$/],
      [['--concurrency-limit', '0'], /^faasim: --concurrency-limit "0" must be more than 0\n$/],
      [['--cpu-fraction', '2'], /^faasim: --cpu-fraction "2" must be at most 1\n$/],
      [['--memory', '20000'], /memory 20000 MB for function is outside AWS Lambda's 128\.\.10240 MB/],
      [['--arch', 'sparc'], /--arch "sparc"/],
      [['--keep-alive', '10 parsecs'], /--keep-alive "10 parsecs" is not a keep-alive/],
      [['--routing', 'round-robin'], /--routing "round-robin"/],
      [['--pings', '5m:zero'], /--pings "5m:zero": the concurrency must be a whole number/],
      [['--init', 'fast'], /--init: "fast" is not a duration/],
      [['--runtime', 'cobol'], /unknown runtime "cobol"/],
      [['--region', 'mars-1'], /region "mars-1" has no AWS Lambda prices/],
      [['--provider', 'ibm'], /unknown provider "ibm"/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(['simulate', file, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });

  test('a flag error names the flag once', async () => {
    const file = writeTemp('ok.csv', GOOD);
    const cases: [string[], string][] = [
      [
        ['--pings', '0m'],
        '--pings: "0m" is not rate(N minutes), cron(min hour day month weekday year), a 5-field cron, or a duration such as 5m',
      ],
      [
        ['--pings', '5m:0'],
        '--pings "5m:0": the concurrency must be a whole number ≥ 1; expected INTERVAL[:CONCURRENCY[:DURATION[:PHASE[:STYLE]]]], e.g. 5m:3',
      ],
      [
        ['--provisioned', 'x'],
        '--provisioned "x" is not a level (e.g. 2) or auto[:TARGET[:MIN[:MAX]]] (e.g. auto:0.7:1:20)',
      ],
      [['--provisioned', 'auto:2'], '--provisioned "auto:2": the target utilisation must be in (0, 1]'],
    ];
    for (const [args, message] of cases) {
      const r = await cli(['simulate', file, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toBe(`faasim: ${message}\n`);
    }
    // from a scenario, the file and key, once
    const scenario = writeTemp('pings.json', JSON.stringify({ trace: file, pings: '0m' }));
    expect((await cli(['simulate', '--scenario', scenario])).stderr).toBe(
      `faasim: ${scenario}: pings: "0m" is not rate(N minutes), cron(min hour day month weekday year), a 5-field cron, or a duration such as 5m\n`,
    );
  });

  test('an unknown flag or command is exit 2', async () => {
    expect((await cli(['simulate', '--memroy', '512'])).code).toBe(2);
    expect((await cli(['simulat'])).code).toBe(2);
  });

  test('scenario: unknown key names the key and the file; flags override the scenario', async () => {
    const dir = tempDir();
    writeTemp('trace.csv', GOOD, dir);
    const bad = writeTemp('s.json', JSON.stringify({ trace: 'trace.csv', memoryMB: 512 }), dir);
    const r = await cli(['simulate', '--scenario', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/s\.json: unknown key "memoryMB" in scenario/);
    const good = writeTemp('g.json', JSON.stringify({ trace: 'trace.csv', memoryMb: 512 }), dir);
    const out = JSON.parse(
      (await cli(['simulate', '--scenario', good, '--memory', '1024', '--format', 'json'])).stdout,
    );
    expect(out.config.memoryMb).toBe(1024);
    const notJson = writeTemp('n.json', '{ trace: ', dir);
    expect((await cli(['simulate', '--scenario', notJson])).stderr).toMatch(
      /n\.json: scenario is not valid JSON/,
    );
  });

  test('settings for a function the trace does not have are an error, not ignored', async () => {
    const dir = tempDir();
    writeTemp(
      'trace.csv',
      'timestamp,function,duration_ms\n2026-01-01T00:00:00Z,api,5\n2026-01-01T00:01:00Z,api,5\n',
      dir,
    );
    const s = writeTemp(
      's.json',
      JSON.stringify({ trace: 'trace.csv', functions: { apx: { memoryMb: 256 } } }),
      dir,
    );
    const r = await cli(['simulate', '--scenario', s]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /settings are given for function "apx", which the trace does not have \(it has: api\)/,
    );
  });

  test('a single-instant trace needs --span', async () => {
    const file = writeTemp('one.csv', 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n');
    expect((await cli(['simulate', file])).stderr).toMatch(/covers no time; pass --span/);
    expect((await cli(['simulate', file, '--span', '1h'])).code).toBe(0);
  });

  test('--help exits 0 and lists the flags', async () => {
    const r = await cli(['simulate', '--help']);
    expect(r.code).toBe(0);
    for (const flag of [
      '--memory',
      '--keep-alive',
      '--routing',
      '--provisioned',
      '--pings',
      '--free-tier',
      '--seed',
      '--format',
    ])
      expect(r.stdout).toContain(flag);
  });

  test("every command's --help fits 100 columns and says what --wide does to the notes", async () => {
    const commands = [
      'simulate',
      'sweep',
      'merge',
      'compare',
      'calibrate',
      'inspect',
      'generate',
      'validate',
    ];
    for (const command of [[], ...commands.map((c) => [c])]) {
      const r = await cli([...command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n').filter((l) => [...l].length > 100)).toEqual([]);
    }
    const simulate = (await cli(['simulate', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(simulate).toContain('notes listed below a table and wrapped at spaces');
  });
});
