/**
 * Issue 10 §2 and §3: a closed pipe, a full disk, absurd counts and commander's own errors end
 * with one `faasim:` line (or, for a closed pipe, quietly); scenario JSON errors give line and
 * column; control characters never reach the terminal raw.
 */
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runIn } from '../helpers/run-in-process.js';
import { tempDir, writeTemp } from '../helpers/trace.js';
import { packageRoot } from '../../src/pricing/dir.js';

const GOOD = 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:10:00Z,7\n';
const MAIN = join(packageRoot(), 'dist/src/cli/main.js');

function sh(script: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE: process.execPath, MAIN, LANG: 'C' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('writing the output', () => {
  test.skipIf(!existsSync(MAIN))(
    'a closed pipe (| head -1) on 2.5 MB of output: exit 0, nothing on stderr',
    () => {
      // 2,000 functions in CSV: far more than a pipe's 64 KiB buffer, so the write meets the closed pipe
      const rows = Array.from({ length: 2000 }, (_, i) => `${1_767_225_600_000 + i},f${i},5`);
      const trace = writeTemp('many.csv', ['timestamp,function,duration_ms', ...rows].join('\n') + '\n');
      const r = sh(
        `"$NODE" "$MAIN" simulate "${trace}" --format csv 2>"${trace}.err" | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"; cat "${trace}.err"`,
      );
      expect(r.stdout).toBe('0\n');
    },
  );

  test.skipIf(!existsSync(MAIN) || !existsSync('/dev/full'))(
    'a full disk (> /dev/full): one faasim: line, exit 2',
    () => {
      const trace = writeTemp('ok.csv', GOOD);
      const r = sh(`"$NODE" "$MAIN" simulate "${trace}" > /dev/full`);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('faasim: cannot write the output: no space left on the device (ENOSPC)\n');
    },
  );
});

describe("commander's own errors read like every other", () => {
  const trace = writeTemp('ok.csv', GOOD);
  test.each([
    // one line: the hint to --help on it, not on a line of its own
    [
      ['simulate', trace, '--bogus'],
      /^faasim: unknown option '--bogus' \(run with --help for the options\)\n$/,
    ],
    [
      ['simulate', trace, '--memory'],
      /^faasim: option '--memory <MB>' argument missing \(run with --help for the options\)\n$/,
    ],
    [['frobnicate'], /^faasim: unknown command 'frobnicate' \(run with --help for the options\)\n$/],
    [['simulate', trace, 'extra'], /^faasim: too many arguments[^\n]*\n$/],
  ])('%j', async (args, message) => {
    const r = await runIn(args);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^error:/m);
  });
});

describe('absurd sizes are refused with the limit named', () => {
  const trace = writeTemp('ok.csv', GOOD);
  test.each([
    [
      ['--pings', '5m:1e9'],
      /--pings "5m:1e9": the concurrency 1000000000 is more than the limit of 10000 pings at once/,
    ],
    [['--pings', '1ms'], /--pings "1ms": an interval of 1 ms is shorter than the limit of 1 s/],
    [['--pings', 'rate(0.001 seconds)'], /shorter than the limit of 1 s/],
    [['--provisioned', '1000000000'], /^faasim: --provisioned "1000000000" must be at most 100000\n$/],
    [['--prewarmed', '1000000000'], /^faasim: --prewarmed "1000000000" must be at most 100000\n$/],
  ])('simulate %j', async (args, message) => {
    const r = await runIn(['simulate', trace, ...args]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(message);
  });

  test('a sweep grid above 5000 points', async () => {
    const r = await runIn(['sweep', trace, '--memory', '128..10240:1', '--keep-alive', '1m,2m']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/more than 5000/);
  });

  test('/dev/zero as the scenario ends at once at the 16 MiB limit', async () => {
    const started = Date.now();
    const r = await runIn(['simulate', '--scenario', '/dev/zero']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      'faasim: /dev/zero: the scenario is larger than 16 MiB, the limit for a scenario; is it the right file?\n',
    );
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  test('a directory as the scenario', async () => {
    const r = await runIn(['simulate', '--scenario', tempDir()]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/cannot read scenario: it is a directory\n$/);
  });

  test('a scenario with 100,001 functions', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't.csv'), GOOD);
    const fns = Array.from({ length: 100_001 }, (_, i) => `"f${i}":{}`).join(',');
    writeFileSync(join(dir, 's.json'), `{"trace":"t.csv","functions":{${fns}}}`);
    const r = await runIn(['simulate', '--scenario', join(dir, 's.json')]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/settings for 100,001 functions, more than the limit of 100,000/);
  });
});

describe('scenario JSON', () => {
  const scenario = (text: string): string => {
    const dir = tempDir();
    writeFileSync(join(dir, 't.csv'), GOOD);
    writeFileSync(join(dir, 's.json'), text);
    return join(dir, 's.json');
  };

  test('a syntax error gives line and column, not a position', async () => {
    // line 3 lacks the comma after "arm64": the error is at the start of line 4, column 3
    const file = scenario('{\n  "trace": "t.csv",\n  "arch": "arm64"\n  "memoryMb": 512\n}\n');
    const r = await runIn(['simulate', '--scenario', file]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      `faasim: ${file}: scenario is not valid JSON: line 4, column 3: unexpected """; expected "," or "}" after the value of "arch"\n`,
    );
  });

  test('an unclosed string is reported where it opens', async () => {
    const file = scenario('{\n  "trace": "t.csv,\n  "arch": "arm64"\n}\n');
    const r = await runIn(['simulate', '--scenario', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /: scenario is not valid JSON: line 2, column 12: a string opened here is not closed before the end of its line\n$/,
    );
  });

  test('a UTF-8 byte-order mark is read', async () => {
    const r = await runIn([
      'simulate',
      '--scenario',
      scenario('\ufeff{"trace":"t.csv","memoryMb":256}'),
      '--format',
      'json',
    ]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout).config.memoryMb).toBe(256);
  });

  test('a key given twice is refused with the key and both lines', async () => {
    const file = scenario('{\n  "trace": "t.csv",\n  "memoryMb": 256,\n  "memoryMb": 512\n}\n');
    const r = await runIn(['simulate', '--scenario', file]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      `faasim: ${file}: scenario is not valid JSON: line 4, column 3: key "memoryMb" is given twice in one object (first on line 3)\n`,
    );
  });

  test('a UTF-16 scenario is named as such', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.json'), Buffer.from('\ufeff{"trace":"t.csv"}', 'utf16le'));
    const r = await runIn(['simulate', '--scenario', join(dir, 's.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/looks like UTF-16.*UTF-8/);
  });

  test('nesting 100,000 deep is an error, not a stack overflow', async () => {
    const r = await runIn(['simulate', '--scenario', scenario('['.repeat(100_000))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nested more than 256 levels deep/);
  });
});

describe('control characters are escaped where messages and tables are written', () => {
  test('ESC, NUL, C1 and a bidi override in a function name: escaped in the table, raw nowhere', async () => {
    const name = 'ev\x1b[31mil\x00\x9b\u202ename';
    const trace = writeTemp(
      't.csv',
      `timestamp,function,duration_ms\n2026-01-01T00:00:00Z,"${name}",5\n2026-01-01T00:10:00Z,"${name}",7\n2026-01-01T00:11:00Z,b,7\n`,
    );
    const r = await runIn(['simulate', trace]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ev\\x1b[31mil\\x00\\x9b\\u202ename');
    expect(r.stdout).not.toMatch(/[\x00\x1b\x9b\u202e]/);
  });

  test('in a flag value echoed by an error', async () => {
    const r = await runIn(['simulate', writeTemp('t.csv', GOOD), '--keep-alive', '\x1b[2J\u202e5m']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('\\x1b[2J\\u202e5m');
    expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\u202e]/);
  });

  test('in a scenario key named in an error', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't.csv'), GOOD);
    writeFileSync(join(dir, 's.json'), '{"trace":"t.csv","functions":{"\\u001b[1mx":{"memoryMb":256}}}');
    const r = await runIn(['simulate', '--scenario', join(dir, 's.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('\\x1b[1mx');
    expect(r.stderr).not.toMatch(/\x1b/);
  });
});
