/**
 * Issue 10 §1: flag and scenario values are read as a careful user means them: only decimal numbers
 * are numbers, infinity is not a setting (only `forever` is), empty provider lists and unknown
 * billing modes are errors, and a function may be called anything, __proto__ included.
 */
import { describe, expect, test } from 'vitest';
import { runIn } from '../helpers/run-in-process.js';
import { writeTemp, tempDir } from '../helpers/trace.js';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';

const GOOD = 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:10:00Z,7\n';

describe('numbers in flags are decimal', () => {
  const trace = writeTemp('ok.csv', GOOD);
  test.each([
    ['--memory', '0x100'],
    ['--memory', '0b11'],
    ['--memory', '0o17'],
    ['--memory', ''],
    ['--memory', ' '],
    ['--memory', 'Infinity'],
    ['--seed', '0x10'],
    ['--concurrency-limit', '0x10'],
    ['--ephemeral-storage', '1e400'],
    ['--memory', '1e400'],
    ['--arm-speed-factor', '0b1'],
    ['--provisioned', '0x2'],
    ['--pings', '5m:0x3'],
    ['--pings', '5m:1e400'],
  ])('%s %j is refused, exit 2, nothing on stdout', async (flag, value) => {
    const r = await runIn(['simulate', trace, flag, value]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^faasim: .*${flag}`));
  });

  test('decimal forms are numbers: 256, 256.0, 2.56e2 and +256 are the same memory', async () => {
    for (const v of ['256', '2.56e2', '+256']) {
      const r = await runIn(['simulate', trace, '--memory', v, '--format', 'json']);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(JSON.parse(r.stdout).config.memoryMb).toBe(256);
    }
  });
});

describe('non-finite settings are refused; forever is the one infinite keep-alive', () => {
  const trace = writeTemp('ok.csv', GOOD);
  test.each([
    ['--span', '1e400h'],
    ['--keep-alive', '1e400m'],
    ['--keep-alive', '5m..1e400m'],
    ['--init', '1e400ms'],
    ['--duration', 'lognormal:1e400ms:1e401ms'],
    ['--pings', '1e400m'],
    ['--pings', '5m:1:1e400ms'],
  ])('%s %s: exit 2 naming the flag', async (flag, value) => {
    const r = await runIn(['simulate', trace, flag, value]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(new RegExp(`^faasim: .*${flag}`));
  });

  test('--keep-alive forever runs', async () => {
    const r = await runIn(['simulate', trace, '--keep-alive', 'forever', '--format', 'json']);
    expect(r.code).toBe(0);
  });
});

describe('provider lists and billing modes', () => {
  const trace = writeTemp('ok.csv', GOOD);
  test.each([[','], [' , '], [',,'], ['']])('--provider %j is an error naming the choices', async (v) => {
    const r = await runIn(['simulate', trace, '--provider', v]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^faasim: --provider .*aws-lambda.*cloudflare-workers/);
  });

  test('--provider all --billing banana: exit 2 naming --billing and its values', async () => {
    const r = await runIn(['simulate', trace, '--provider', 'all', '--billing', 'banana']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^faasim: --billing "banana".*request.*instance/);
  });

  test('--provider gcp-cloud-run --billing banana: the same message', async () => {
    const r = await runIn(['simulate', trace, '--provider', 'gcp-cloud-run', '--billing', 'banana']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/^faasim: --billing "banana".*request.*instance/);
  });
});

describe('a function may be called anything', () => {
  const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
  test('scenario settings reach each function: memory per function shows in the JSON report', async () => {
    const dir = tempDir();
    const rows = NAMES.flatMap((n, i) => [
      `2026-01-01T00:0${i}:00Z,${n},10`,
      `2026-01-01T00:0${i}:30Z,${n},10`,
    ]);
    writeFileSync(join(dir, 't.csv'), ['timestamp,function,duration_ms', ...rows].join('\n') + '\n');
    // JSON text, not an object literal: `{ __proto__: … }` in JS sets the prototype
    const json = `{"trace":"t.csv","functions":{${NAMES.map((n, i) => `"${n}":{"memoryMb":${256 * (i + 1)}}`).join(',')}}}`;
    writeFileSync(join(dir, 's.json'), json);
    const r = await runIn(['simulate', '--scenario', join(dir, 's.json'), '--format', 'json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const out = JSON.parse(r.stdout) as {
      functions: { name: string; memoryMb: number; outcomes: { requests: number } }[];
    };
    const byName = new Map(out.functions.map((f) => [f.name, f]));
    NAMES.forEach((n, i) => {
      expect(byName.get(n)?.memoryMb).toBe(256 * (i + 1));
      expect(byName.get(n)?.outcomes.requests).toBe(2);
    });
  });

  test('a scenario naming a function the trace lacks is still an error when the name is "constructor"', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't.csv'), GOOD);
    writeFileSync(join(dir, 's.json'), '{"trace":"t.csv","functions":{"constructor":{"memoryMb":512}}}');
    const r = await runIn(['simulate', '--scenario', join(dir, 's.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"constructor"/);
  });
});

describe('scenario values given as strings are read as strictly as flags', () => {
  test.each([
    ['memoryMb', '"0x100"'],
    ['memoryMb', '"256"'],
    ['span', '"0x10h"'],
    ['span', '" "'],
    ['keepAlive', '""'],
    ['keepAlive', '"1e400m"'],
    ['provisioned', '"0b11"'],
    ['pings', '"5m:0x3"'],
    ['init', '" "'],
    ['concurrencyLimit', '"0x10"'],
  ])('%s: %s is refused with the file and the key', async (key, value) => {
    const dir = tempDir();
    writeFileSync(join(dir, 't.csv'), GOOD);
    writeFileSync(join(dir, 's.json'), `{"trace":"t.csv","${key}":${value}}`);
    const r = await runIn(['simulate', '--scenario', join(dir, 's.json')]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(new RegExp(`^faasim: .*s\\.json.*${key}`));
  });
});
