/**
 * Issue 10: defects the flag fuzzing (fuzz-flags.test.ts) found, each pinned by its own case.
 * Every error is `faasim: …` lines only (one per problem), exit 2, nothing on stdout; numbers in the
 * commands' own flags are decimal, as in the simulation flags.
 */
import { describe, expect, test } from 'vitest';
import { runIn } from '../helpers/run-in-process.js';
import { writeTemp } from '../helpers/trace.js';

const GOOD = 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:10:00Z,7\n';
const COLD =
  'timestamp,duration_ms,init_ms\n2026-01-01T00:00:00Z,5,200\n2026-01-01T00:01:00Z,5,\n2026-01-01T00:20:00Z,5,180\n';

function refused(r: { code: number; stdout: string; stderr: string }): string[] {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n');
  expect(lines.pop()).toBe('');
  for (const l of lines) expect(l).toMatch(/^faasim: /);
  return lines;
}

describe('every line of an error starts with faasim:', () => {
  test('two bad flags: two lines, each with the prefix', async () => {
    const lines = refused(
      await runIn([
        'simulate',
        writeTemp('t.csv', GOOD),
        '--package-type',
        'tar',
        '--routing',
        'round-robin',
      ]),
    );
    expect(lines).toEqual([
      'faasim: --package-type "tar" must be one of "zip", "image"',
      'faasim: --routing "round-robin" must be one of "most-recent", "newest", "least-recent", "random"',
    ]);
  });

  test("commander's errors are one line, its suggestion and the help hint included", async () => {
    expect(refused(await runIn(['simulate', writeTemp('t.csv', GOOD), '--memroy', '5']))).toEqual([
      "faasim: unknown option '--memroy' (Did you mean --memory?) (run with --help for the options)",
    ]);
    expect(refused(await runIn(['simulat']))).toEqual([
      "faasim: unknown command 'simulat' (Did you mean simulate?) (run with --help for the options)",
    ]);
    expect(refused(await runIn(['simulate', 'a', 'b']))).toHaveLength(1);
  });

  test('sweep: a bad trace is the only line (no progress line before it)', async () => {
    const bad = writeTemp('bad.csv', 'timestamp,duration_ms\n2026-01-01T00:00:00Z,-3\n');
    expect(refused(await runIn(['sweep', bad, '--memory', '128,256', '--workers', '1']))).toEqual([
      `faasim: ${bad}:2: column 2 (duration_ms): "-3" is not a non-negative number`,
    ]);
  });

  test('sweep: an unknown runtime is the only line too', async () => {
    const [line, ...more] = refused(
      await runIn([
        'sweep',
        writeTemp('t.csv', GOOD),
        '--memory',
        '128,256',
        '--workers',
        '1',
        '--runtime',
        'cobol',
      ]),
    );
    expect(line).toMatch(/^faasim: unknown runtime "cobol"; measured runtimes are: /);
    expect(more).toEqual([]);
  });

  test.each([
    [['--duration', '250us'], /--duration 0\.25 ms is not used: the trace has a duration_ms column/],
    [['--prewarmed', '1'], /AWS Lambda keeps no pre-warmed instances/],
    [['--per-instance-concurrency', '3'], /AWS Lambda serves one request per instance here/],
  ])('sweep %j: refused before the status line', async (flags, message) => {
    const lines = refused(
      await runIn(['sweep', writeTemp('t.csv', GOOD), '--memory', '128,256', '--workers', '1', ...flags]),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  test('sweep: a span shorter than the trace is the only line too', async () => {
    const trace = writeTemp('t.csv', GOOD);
    expect(
      refused(await runIn(['sweep', trace, '--memory', '128,256', '--workers', '1', '--span', '1m'])),
    ).toEqual([
      `faasim: ${trace}: the span 1 min is shorter than the trace, which runs 10 min from its first to its last request`,
    ]);
  });
});

describe("the commands' own numeric flags are decimal", () => {
  test.each([
    ['generate', '--functions', '0x10'],
    ['generate', '--seed', '0x10'],
    ['generate', '--functions', ' '],
    ['generate', '--seed', '0b1'],
    ['inspect', '--top', ' '],
    ['inspect', '--top', '0x10'],
    ['inspect', '--seed', '0x10'],
    ['inspect', '--seed', ''],
    ['calibrate', '--seed', '0x10'],
    ['calibrate', '--replays', '0x2'],
    ['calibrate', '--replays', ' 0o7'],
  ])('%s %s %j is refused', async (command, flag, v) => {
    const args =
      command === 'generate'
        ? ['generate', '--rate', '2', '--span', '10s', flag, v]
        : command === 'inspect'
          ? ['inspect', writeTemp('t.csv', GOOD), flag, v]
          : ['calibrate', writeTemp('c.csv', COLD), flag, v];
    const [line] = refused(await runIn(args));
    expect(line).toContain(`${flag} "${v}"`);
  });

  test('generate --peak-hour " " is not hour 0; --amplitude "0x0" is not 0', async () => {
    refused(
      await runIn(['generate', '--rate', '2', '--span', '10s', '--pattern', 'diurnal', '--peak-hour', ' ']),
    );
    refused(
      await runIn(['generate', '--rate', '2', '--span', '10s', '--pattern', 'diurnal', '--amplitude', '0x0']),
    );
  });

  test('calibrate --replays is bounded, decimal forms still work', async () => {
    const logs = writeTemp('c.csv', COLD);
    expect(refused(await runIn(['calibrate', logs, '--replays', '1e9']))[0]).toMatch(
      /--replays "1e9" .*at most 1000/,
    );
    const ok = await runIn(['calibrate', logs, '--replays', '2.0e0', '--seed', '+3', '--format', 'json']);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
  });
});

describe('names looked up in the price sheet and INIT table are data (exit 3 before)', () => {
  test.each([
    ['--region', 'toString', /region "toString" has no AWS Lambda prices/],
    ['--region', 'constructor', /region "constructor" has no AWS Lambda prices/],
    ['--region', '__proto__', /region "__proto__" has no AWS Lambda prices/],
    ['--runtime', 'hasOwnProperty', /unknown runtime "hasOwnProperty"/],
    ['--runtime', 'constructor', /unknown runtime "constructor"/],
    ['--runtime', '__proto__', /unknown runtime "__proto__"/],
  ])('%s %s is unknown, exit 2', async (flag, v, message) => {
    const [line] = refused(await runIn(['simulate', writeTemp('t.csv', GOOD), flag, v]));
    expect(line).toMatch(message);
  });

  test('every provider: --region toString is a region without prices, not a crash', async () => {
    const r = await runIn([
      'simulate',
      writeTemp('t.csv', GOOD),
      '--provider',
      'all',
      '--region',
      'toString',
      '--format',
      'json',
    ]);
    expect(r.code).not.toBe(3);
    if (r.code === 2) refused(r);
  });

  test('a scenario with "region": "toString" too', async () => {
    const trace = writeTemp('t.csv', GOOD);
    const scenario = writeTemp('s.json', JSON.stringify({ trace, region: 'toString' }));
    expect(refused(await runIn(['simulate', '--scenario', scenario]))[0]).toMatch(
      /region "toString" has no AWS Lambda prices/,
    );
  });
});
