/**
 * `simulate --shard I/N` is refused before the trace is read (exit 2, one line), with the reasons a
 * simulate is not a sum of independent per-function runs (src/run/shard.ts): a merged report could
 * not be the single run's, and an approximate one is not offered silently.
 */
import { describe, expect, test } from 'vitest';
import { simulateShardBlockers } from '../../src/run/shard.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { getProvider, providerIds } from '../../src/providers/registry.js';
import { cli } from '../helpers/cli.js';
import { tempDir, writeTemp } from '../helpers/trace.js';

const trace = (): string =>
  writeTemp('t.csv', 'timestamp,function,duration_ms\n0,a,100\n1000,b,100\n', tempDir());

describe('simulate --shard', () => {
  test('exits 2 with one line naming every reason, before reading the trace', async () => {
    // the trace does not exist: the refusal comes first, so no work is done
    const r = await cli([
      'simulate',
      'no-such-trace.csv',
      '--duration',
      '100ms',
      '--shard',
      '1/2',
      '--concurrency-limit',
      '250',
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^faasim: --shard: a simulate cannot be split by function/);
    expect(r.stderr).toContain(
      "the bill applies its tiers to the account's totals, and AWS Lambda's billing meter keeps no state a merge could add up",
    );
    expect(r.stderr).toContain('one random stream per run');
    expect(r.stderr).toContain('sample budget shared by all functions');
    expect(r.stderr).toContain('the account concurrency limit (250) counts');
    expect(r.stderr).toContain('faasim sweep … --shard I/N');
  });

  test('the free tier is named when it is on; a bad I/N is a flag error', async () => {
    const t = trace();
    const free = await cli(['simulate', t, '--shard', '2/2', '--free-tier']);
    expect(free.code).toBe(2);
    expect(free.stderr).toContain('its tiers and free tier');
    const bad = await cli(['simulate', t, '--shard', '3/2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--shard "3\/2": I must be from 1 to 2/);
  });

  test('every registered provider has the reasons that hold for any configuration', () => {
    for (const id of providerIds()) {
      const reasons = simulateShardBlockers(
        { ...DEFAULT_CONFIG, provider: id },
        getProvider(id).load(defaultPricingDir()),
      );
      expect(reasons.length, id).toBeGreaterThanOrEqual(3);
      expect(reasons[0], id).toMatch(/billing meter keeps no state/);
    }
  });
});
