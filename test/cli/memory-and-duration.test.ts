/**
 * Issue 9 §0: a memory size is whole MB within the platform's range, on every platform; --duration
 * given for a trace that has duration_ms is an error unless --duration-override asks for it.
 */
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { runIn } from '../helpers/run-in-process.js';
import { tempDir, writeTemp } from '../helpers/trace.js';
import { providerIds } from '../../src/providers/registry.js';

const GOOD = 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:10:00Z,7\n';

describe('memory sizes', () => {
  const trace = writeTemp('ok.csv', GOOD);
  test.each(providerIds())('%s: --memory 1000.5 is refused as not whole MB', async (p) => {
    const r = await runIn(['simulate', trace, '--provider', p, '--memory', '1000.5']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('faasim: --memory "1000.5" is not a whole number\n');
  });

  test.each(providerIds().filter((p) => p !== 'cloudflare-workers'))(
    '%s: --memory 10000000 (above the largest size) is refused naming the range',
    async (p) => {
      const r = await runIn(['simulate', trace, '--provider', p, '--memory', '10000000']);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toMatch(/^faasim: memory 10000000 MB .* is outside .*'s \d+\.\.\d+ MB\n$/);
    },
  );

  test('scenario memoryMb 1000.5, at the top and per function: file, key, whole MB', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't.csv'), GOOD);
    writeFileSync(join(dir, 'a.json'), '{"trace":"t.csv","memoryMb":1000.5}');
    writeFileSync(join(dir, 'b.json'), '{"trace":"t.csv","functions":{"default":{"memoryMb":1000.5}}}');
    for (const [f, key] of [
      ['a.json', 'memoryMb'],
      ['b.json', 'functions.default.memoryMb'],
    ] as const) {
      const r = await runIn(['simulate', '--scenario', join(dir, f)]);
      expect([r.code, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain(`${f} ${key}: `);
      expect(r.stderr).toMatch(/whole|int/);
    }
  });

  test('--memory 1024 on Lambda (inside 128..10240) runs', async () => {
    const r = await runIn(['simulate', trace, '--memory', '1024', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).config.memoryMb).toBe(1024);
  });
});

describe('--duration and a trace with duration_ms', () => {
  const trace = writeTemp('ok.csv', GOOD);
  test('is an error saying which run times would be used and how to replace them', async () => {
    const r = await runIn(['simulate', trace, '--duration', '100ms']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(
      /^faasim: .*--duration 100 ms is not used: the trace has a duration_ms column.*--duration-override/,
    );
  });

  test("--duration-override replaces the trace's run times: 2 requests × 100 ms, not 5 + 7 ms", async () => {
    const r = await runIn([
      'simulate',
      trace,
      '--duration',
      '100ms',
      '--duration-override',
      '--init',
      '0ms',
      '--format',
      'json',
    ]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const j = JSON.parse(r.stdout);
    expect(j.config.duration).toMatch(/100 ms.*replaces/);
    const gbS = (x: { cost: { lines: { id: string; quantity: number }[] } }): number =>
      x.cost.lines.find((l) => l.id === 'duration')!.quantity;
    // span 10 min, month 30 d = 4320 spans; 128 MB = 0.125 GB; 2 runs × 0.1 s × 0.125 GB × 4320 = 108 GB-s
    expect(gbS(j)).toBeCloseTo(108, 9);
    const plain = JSON.parse((await runIn(['simulate', trace, '--init', '0ms', '--format', 'json'])).stdout);
    expect(plain.config.duration).toBe('from the trace (duration_ms)');
    // the trace's own (5 + 7) ms × 0.125 GB × 4320 = 6.48 GB-s
    expect(gbS(plain)).toBeCloseTo(6.48, 9);
  });

  test('--duration-override without --duration is an error', async () => {
    const r = await runIn(['simulate', trace, '--duration-override']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--duration-override.*--duration/);
  });
});
