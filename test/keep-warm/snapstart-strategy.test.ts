/**
 * `snapstart` as a keep-warm strategy (issue 11 §2): "pings, provisioned concurrency or SnapStart?"
 * answered with cost and p99 for each, side by side.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { applyStrategy, parseStrategy } from '../../src/keep-warm/strategy.js';
import { runIn } from '../helpers/run-in-process.js';

describe('the snapstart strategy', () => {
  test('parses with or without a restore latency, and switches SnapStart on for the whole run', () => {
    const plain = parseStrategy('snapstart');
    expect([plain.family, plain.snapstart]).toEqual(['snapstart', { restore: null }]);
    const given = parseStrategy('snapstart:300ms');
    expect(given.snapstart).toEqual({ restore: { kind: 'constant', ms: 300 } });
    const base = { ...DEFAULT_CONFIG, runtime: 'java21', provisioned: 2 };
    const c = applyStrategy(base, given, null);
    expect([c.snapstart, c.restore, c.provisioned]).toEqual([true, { kind: 'constant', ms: 300 }, 0]);
    // the other strategies run without it, whatever the base configuration said
    expect(applyStrategy({ ...base, snapstart: true }, parseStrategy('provisioned:1'), null).snapstart).toBe(
      null,
    );
    expect(() => applyStrategy(base, plain, 'api')).toThrow(
      'SnapStart is compared for every function at once; drop --function',
    );
  });

  test('faasim compare puts SnapStart next to none, pings and provisioned with its cost and p99', async () => {
    const r = await runIn([
      'compare',
      'scenarios/traces/azure-2fn-2h.csv',
      '--memory',
      '1024',
      '--runtime',
      'python3.12',
      '--strategy',
      'none',
      '--strategy',
      'pings:5m:3',
      '--strategy',
      'provisioned:2',
      '--strategy',
      'snapstart:200ms..600ms',
      '--no-break-even',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      strategies: {
        name: string;
        family: string;
        monthlyUsd: number;
        p99Ms: number;
        costLines: { id: string; monthlyUsd: number }[];
      }[];
    };
    expect(out.strategies.map((s) => s.family)).toEqual(['none', 'pings', 'provisioned', 'snapstart']);
    const snap = out.strategies[3]!;
    expect(snap.p99Ms).toBeGreaterThan(0);
    // Python pays for the cache: 2 functions × 1 GB × 30 days = 5,184,000 GB-s × $0.0000015046 = $7.80
    expect(Math.round(snap.costLines.find((l) => l.id === 'snapstart-cache')!.monthlyUsd * 100) / 100).toBe(
      7.8,
    );
    // no INIT billed: the report lists no INIT line (it lists only the lines a run used)
    expect(snap.costLines.find((l) => l.id === 'init')).toBeUndefined();
  });

  test('a runtime without SnapStart is refused in one line', async () => {
    const r = await runIn([
      'compare',
      'scenarios/traces/azure-2fn-2h.csv',
      '--strategy',
      'none',
      '--strategy',
      'snapstart',
      '--no-break-even',
    ]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      'faasim: --snapstart: AWS Lambda SnapStart supports the runtimes java11, java17, java21, java25, python3.12, python3.13, python3.14, dotnet8, dotnet10 (Java 11+, Python 3.12+, .NET 8+); not nodejs22.x\n',
    );
  });
});
