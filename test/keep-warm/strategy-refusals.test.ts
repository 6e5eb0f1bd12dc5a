/**
 * compare's strategies are held to the rules `simulate --provisioned` is held to, with the flag the
 * level came from named: a level below the platform's floor, provisioned instances on a platform that
 * keeps none. The break-even table starts at the floor, so its conclusion is about levels that exist.
 */
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { tempDir, writeTemp } from '../helpers/trace.js';

const TRACE = 'scenarios/traces/azure-2fn-2h.csv';
const MI = ['--provider', 'aws-lambda-managed-instances', '--memory', '512'];

describe('compare: a strategy below the platform floor', () => {
  test('provisioned:1 on Managed Instances (floor 3) is refused, naming --strategy provisioned:1', async () => {
    const r = await cli(['compare', TRACE, ...MI, '--strategy', 'none', '--strategy', 'provisioned:1']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^faasim: --strategy provisioned:1 is below the 3 .* always keeps: .*; give 3 or more, or leave it out\n$/,
    );
  });

  test('the break-even table starts at the floor of 3, and its note names levels that exist', async () => {
    const r = await cli([
      'compare',
      TRACE,
      ...MI,
      '--strategy',
      'none',
      '--strategy',
      'provisioned:3',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout).breakEven;
    expect(b.levels[0].level).toBe(3);
    // levels 3, 4, ... one apart (the peak is far below 40 runs)
    expect(b.levels.map((l: { level: number }) => l.level).slice(0, 3)).toEqual([3, 4, 5]);
    // "none" on Managed Instances is its floor of 3: level 3 costs exactly what none costs
    expect(b.levels[0].monthlyUsd).toBe(b.onDemandMonthlyUsd);
    expect(b.cheapestLevel).toBe(3);
    expect(b.explanation).not.toMatch(/\b1 is cheapest/);
  });
});

describe('compare: a refusal names the strategy the level came from', () => {
  for (const provider of ['azure-consumption', 'aws-lambda-edge', 'cloudflare-workers']) {
    test(`${provider} keeps no instances ready: "remove --strategy provisioned:1", not --provisioned`, async () => {
      const r = await cli(['compare', TRACE, '--provider', provider, '--strategy', 'provisioned:1']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /keeps no instances ready ahead of requests .*; remove --strategy provisioned:1\n$/,
      );
    });
  }

  test("a scenario's strategy is named by its name in the scenario", async () => {
    const scenario = writeTemp(
      'warm.json',
      JSON.stringify({
        trace: `${process.cwd()}/${TRACE}`,
        strategies: { cold: 'none', warm: 'provisioned:2' },
      }),
    );
    const r = await cli(['compare', '--scenario', scenario, '--provider', 'azure-consumption']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/; remove the scenario's strategy "warm"\n$/);
  });
});

describe('compare: refusals that need no trace come before it is read', () => {
  test('a trace path that does not exist still gives the strategy refusal', async () => {
    const missing = join(tempDir(), 'no-such-trace.csv');
    const below = await cli(['compare', missing, ...MI, '--strategy', 'provisioned:2']);
    expect(below.code).toBe(2);
    expect(below.stderr).toMatch(/^faasim: --strategy provisioned:2 is below the 3 /);
    const none = await cli([
      'compare',
      missing,
      '--provider',
      'cloudflare-workers',
      '--strategy',
      'provisioned:1',
    ]);
    expect(none.stderr).toMatch(/remove --strategy provisioned:1\n$/);
  });
});

describe('simulate and sweep: settings refused on their own come before the trace is read', () => {
  const missing = (): string => join(tempDir(), 'no-such-trace.csv');
  const cases: [string, string[], RegExp][] = [
    [
      'provisioned on a platform without',
      ['simulate', '--provider', 'azure-consumption', '--provisioned', '1'],
      /keeps no instances ready ahead of requests .*; remove --provisioned\n$/,
    ],
    [
      'provisioned above the run-wide cap',
      ['simulate', '--provisioned', '5', '--max-instances', '2'],
      /^faasim: each function: 5 provisioned instances exceed its reserved concurrency of 2\n$/,
    ],
    ['--prewarmed on Lambda', ['simulate', '--prewarmed', '2'], /keeps no pre-warmed instances/],
    [
      '--per-instance-concurrency above the platform',
      ['simulate', '--per-instance-concurrency', '5'],
      /--per-instance-concurrency 5 is not possible\n$/,
    ],
    [
      'a sweep with provisioned on a platform without',
      ['sweep', '--provider', 'azure-consumption', '--provisioned', '1', '--memory', '128,256'],
      /; remove --provisioned\n$/,
    ],
    [
      'a strategy above the run-wide cap',
      ['compare', '--max-instances', '2', '--strategy', 'provisioned:5'],
      /^faasim: each function: 5 provisioned instances exceed its reserved concurrency of 2\n$/,
    ],
  ];
  for (const [what, [command, ...flags], message] of cases) {
    test(`${what}: refused with a trace path that does not exist`, async () => {
      const r = await cli([command as string, missing(), ...flags]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    });
  }
});
