/**
 * Sweeps and keep-warm comparisons stream their trace from a spool (issue 12 §2): the results must be
 * exactly those of the same trace held in memory, however the spool's row groups cut the trace, on
 * worker threads and in-process, and the spool is gone afterwards.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compareStrategies } from '../../src/keep-warm/compare.js';
import { parseStrategy } from '../../src/keep-warm/strategy.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { getProvider } from '../../src/providers/registry.js';
import { gridPoints } from '../../src/sweep/grid.js';
import { runPointsSerial } from '../../src/sweep/run.js';
import { loadTrace } from '../../src/traces/load.js';
import { spoolTrace } from '../../src/traces/replay.js';
import { runIn } from '../helpers/run-in-process.js';
import { baseConfig, cpuShare } from './fixture.js';

// the built CLI (npm test compiles first): worker threads run compiled code only
const MAIN = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'faasim-spool-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 3 functions, bursts and gaps longer than the keep-alive, one async function: 600 requests
function writeTrace(): string {
  const rows = ['timestamp,function,duration_ms,type'];
  let t = Date.UTC(2026, 0, 5, 8);
  for (let i = 0; i < 600; i++) {
    t += i % 50 === 0 ? 11 * 60_000 : ((i * 7919) % 97) * 40;
    rows.push(
      `${new Date(t).toISOString()},${['api', 'img', 'job'][i % 3]},${50 + ((i * 31) % 400)},${i % 3 === 2 ? 'async' : 'sync'}`,
    );
  }
  const file = join(dir, 'trace.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  return file;
}

const json = (x: unknown): string => JSON.stringify(x);

describe('a spooled trace gives the results of the trace in memory', () => {
  const file = writeTrace();
  const points = gridPoints(baseConfig({ durationModel: cpuShare(0.7, 512) }, 120), {
    memoryMb: [128, 512, 1024],
  });

  test('sweep points in-process, the spool cut into row groups of 7 rows', async () => {
    const held = await loadTrace(file);
    const spooled = await spoolTrace(file, { chunkRows: 7 });
    try {
      expect(spooled.trace.spoolPath).toBeDefined();
      expect(json(runPointsSerial(spooled.trace, points))).toBe(json(runPointsSerial(held, points)));
    } finally {
      spooled.dispose();
    }
    expect(existsSync(dirname(spooled.trace.spoolPath as string))).toBe(false);
  });

  test('the CLI on worker threads (spooled) prints what the in-memory path prints (--sort holds the trace in memory)', async () => {
    const args = [
      'sweep',
      file,
      '--memory',
      '128,512,1024',
      '--duration-model',
      'cpu-share:0.7',
      '--measured-at',
      '512',
      '--init',
      '120ms',
      '--format',
      'json',
    ];
    // FAASIM_STATUS=1: the status line, piped, says the worker threads ran
    const workers = spawnSync(process.execPath, [MAIN, ...args, '--workers', '2'], {
      encoding: 'utf8',
      env: { ...process.env, FAASIM_STATUS: '1' },
    });
    expect(workers.status).toBe(0);
    expect(workers.stderr).toContain('2 worker threads');
    const held = await runIn([...args, '--workers', '1', '--sort']);
    expect(held.code).toBe(0);
    expect(workers.stdout).toBe(held.stdout);
  });

  test('keep-warm strategies, break-even and optimiser steps', async () => {
    const provider = getProvider('aws-lambda').load(defaultPricingDir());
    const named = ['none', 'pings:5m:2', 'provisioned:1'].map((spec) => ({
      name: spec,
      strategy: parseStrategy(spec),
    }));
    const opts = { function: null, breakEven: true, target: null, exhaustive: false };
    const held = compareStrategies(await loadTrace(file), baseConfig({}, 120), provider, named, opts);
    const spooled = await spoolTrace(file, { chunkRows: 5 });
    try {
      expect(json(compareStrategies(spooled.trace, baseConfig({}, 120), provider, named, opts))).toBe(
        json(held),
      );
    } finally {
      spooled.dispose();
    }
  });

  test('--sort: a trace to sort is held in memory (sorting needs every row first)', async () => {
    const spooled = await spoolTrace(file, { sort: true });
    expect(spooled.trace.spoolPath).toBeUndefined();
    expect(spooled.trace.inMemory?.data.count).toBe(600);
  });

  test('a trace that fails to read leaves no spool behind', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:00:01Z,x\n');
    await expect(spoolTrace(bad, {})).rejects.toThrow(/bad\.csv:3/);
  });
});
