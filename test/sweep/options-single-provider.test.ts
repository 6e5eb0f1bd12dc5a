/**
 * A platform-specific setting given to a run on one platform that does not use it is refused the
 * same way whatever the command: `simulate` refuses it (test/providers/options-per-provider.test.ts),
 * and so do a sweep and `compare` over that one platform, with simulate's very message. Where several
 * platforms run side by side (a sweep over providers), the ones that do not use it note it and run.
 */
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';
import { every, writeTrace } from '../helpers/csv-trace.js';

const TRACE = writeTrace(every(10, 1000, { run: 100 }));

/** flags, a platform that does not take them, one that does (for the sweep over both) */
const CASES: [string[], string, string][] = [
  [['--billing', 'instance'], 'aws-lambda', 'gcp-cloud-run'],
  [['--observed-memory', '64'], 'gcp-cloud-run', 'azure-consumption'],
  [['--spot'], 'aws-lambda', 'aws-fargate'],
  [['--edge-trigger', 'origin'], 'aws-lambda', 'aws-lambda-edge'],
  [['--package-type', 'image'], 'gcp-cloud-run', 'aws-lambda'],
  [['--free-tier'], 'azure-premium', 'aws-lambda'],
  [['--runtime', 'python3.12'], 'cloudflare-workers', 'aws-lambda'],
  [['--cpu-fraction', '0.5'], 'aws-lambda', 'gcp-cloud-run'],
];

describe('on one platform that does not use it: refused by sweep and compare as by simulate', () => {
  for (const [flags, provider, taker] of CASES) {
    test(`${flags.join(' ')} on ${provider}`, async () => {
      const simulate = await cli(['simulate', TRACE, '--provider', provider, ...flags]);
      expect([simulate.code, simulate.stdout]).toEqual([2, '']);
      expect(simulate.stderr).toMatch(
        new RegExp(`^faasim: ${flags[0]}.* \\(scenario "[a-zA-Z]+"\\) is for `),
      );
      const sweep = await cli([
        'sweep',
        TRACE,
        '--provider',
        provider,
        '--memory',
        '512,1024',
        '--workers',
        '1',
        ...flags,
      ]);
      expect([sweep.code, sweep.stdout, sweep.stderr]).toEqual([2, '', simulate.stderr]);
      const compare = await cli(['compare', TRACE, '--provider', provider, '--strategy', 'none', ...flags]);
      expect([compare.code, compare.stdout, compare.stderr]).toEqual([2, '', simulate.stderr]);

      // over both platforms: the one that does not use it notes it, and every point runs
      const both = await cli([
        'sweep',
        TRACE,
        '--provider',
        `${taker},${provider}`,
        // Cloud Run's instance billing needs a whole vCPU: 2,048 MB
        '--memory',
        '2048',
        '--workers',
        '1',
        '--format',
        'json',
        ...flags,
      ]);
      expect([both.code, both.stderr]).toEqual([0, '']);
      const report = JSON.parse(both.stdout) as { assumptions: string[]; points: unknown[] };
      expect(report.points.length).toBeGreaterThanOrEqual(2);
      expect(report.assumptions.join('\n')).toMatch(
        new RegExp(`^${flags[0]}.* is for .*: not used for `, 'm'),
      );
    });
  }
});

describe("a provisioned level below a platform's minimum", () => {
  const args = ['sweep', TRACE, '--provisioned', '1', '--memory', '2048', '--format', 'json'];
  test('over several platforms: the sweep runs it there at the minimum, with a note (review finding)', async () => {
    const r = await cli([...args, '--provider', 'aws-lambda,aws-lambda-managed-instances']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { points: unknown[]; assumptions: string[] };
    expect(report.points).toHaveLength(2);
    expect(report.assumptions.join('\n')).toContain(
      '--provisioned 1 is below the 3 instances AWS Lambda Managed Instances always keeps: its points run at 3',
    );
  });
  test('over that one platform: refused, as simulate refuses it', async () => {
    const r = await cli([...args, '--provider', 'aws-lambda-managed-instances']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PROVISIONED|--provisioned 1 is below the 3/);
  });
});
