/** `faasim compare` through the built CLI: the bundled keep-warm scenario (golden), flags, errors. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';
import { cli, spawnCli } from '../helpers/cli.js';
import { checkGolden } from '../helpers/golden.js';
import { writeTemp } from '../helpers/trace.js';

describe('faasim compare', () => {
  test('the keep-warm scenario: strategies side by side, break-even and chart (golden)', async () => {
    const r = await cli(['compare', '--scenario', 'scenarios/keep-warm.json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    checkGolden('compare-keep-warm.txt', r.stdout);
  });

  test('on 2 worker threads (the table and the break-even levels run on the pool) or in-process: the same golden, the same JSON', async () => {
    // 2 workers through the built binary: worker threads run the compiled worker script, which an
    // in-process run from src/ has not; 1 worker in-process (the serial path)
    const run = async (workers: string, format: string[] = []) => {
      const args = ['compare', '--scenario', 'scenarios/keep-warm.json', ...format, '--workers', workers];
      const r = workers === '1' ? await cli(args) : spawnCli(args);
      expect([r.code, r.stderr]).toEqual([0, '']);
      return r.stdout;
    };
    for (const workers of ['1', '2']) checkGolden('compare-keep-warm.txt', await run(workers));
    const json = ['--format', 'json', '--target', 'cold-start-rate<=0.3%'];
    expect(await run('2', json)).toBe(await run('1', json));
    const bad = await cli(['compare', '--scenario', 'scenarios/keep-warm.json', '--workers', '0']);
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([
      2,
      '',
      'faasim: --workers "0" is not a whole number ≥ 1\n',
    ]);
  });

  test('JSON and CSV of the same', async () => {
    const json = await cli([
      'compare',
      '--scenario',
      'scenarios/keep-warm.json',
      '--format',
      'json',
      '--no-break-even',
    ]);
    const c = JSON.parse(json.stdout);
    expect(c.schema).toBe('faasim.keep-warm/v1');
    expect(c.strategies.map((s: { name: string }) => s.name)).toEqual([
      'none',
      'pings-5m',
      'pings-5m-x3',
      'pings-chained-x3',
      'provisioned-1',
      'business-hours',
      'auto-70',
    ]);
    expect(c.breakEven).toBeNull();
    const csv = (
      await cli(['compare', '--scenario', 'scenarios/keep-warm.json', '--format', 'csv', '--no-break-even'])
    ).stdout
      // the strategies' table ends at the first empty line; cost lines and the rest follow
      .split('\n\n')[0]
      ?.split('\n');
    expect(csv).toHaveLength(8);
    expect(csv?.[0]).toMatch(/^strategy,family,monthly_usd/);
  });

  test('--strategy flags, --function and --target', async () => {
    const r = await cli([
      'compare',
      'scenarios/traces/azure-2fn-2h.csv',
      '--function',
      'api',
      '--strategy',
      'none',
      '--strategy',
      'pings:5m:1',
      '--target',
      'cold-start-rate<=0.1%',
      '--format',
      'json',
      '--no-break-even',
    ]);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.function).toBe('api');
    expect(c.optimisation.answers.map((a: { family: string }) => a.family)).toEqual([
      'none',
      'provisioned',
      'provisioned-auto',
      'pings',
      'snapstart',
    ]);
    // SnapStart is set for every function at once: with --function its row says why it was not tried
    const snap = c.optimisation.answers.at(-1);
    expect([snap.setting, snap.simulations]).toEqual([null, 0]);
    expect(snap.note).toMatch(/SnapStart/);
  });

  test('a scenario with reservedConcurrency and a small account limit: the search stays within them and says so', async () => {
    // bursts of 5 simultaneous 1 s requests every 20 min; api may have 3 instances at once
    const rows = Array.from({ length: 7 }, (_, b) =>
      Array.from(
        { length: 5 },
        () =>
          `2026-01-01T${String(Math.floor(b / 3)).padStart(2, '0')}:${String((b % 3) * 20).padStart(2, '0')}:00Z,api,1000`,
      ),
    ).flat();
    const trace = writeTemp('bursts.csv', `timestamp,function,duration_ms\n${rows.join('\n')}\n`);
    const scenario = join(trace, '..', 'reserved.json');
    writeFileSync(
      scenario,
      JSON.stringify({
        trace: 'bursts.csv',
        init: '100ms',
        keepAlive: '10m',
        functions: { api: { reservedConcurrency: 3 } },
      }),
    );
    const r = await cli([
      'compare',
      '--scenario',
      scenario,
      '--strategy',
      'none',
      '--target',
      'cold-start-rate<=1%',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("- levels above 3 are not possible: api's reserved concurrency of 3\n");
    expect(r.stdout).toMatch(/│ provisioned +│ provisioned:\d /);
    const limited = await cli([
      'compare',
      trace,
      '--init',
      '100ms',
      '--keep-alive',
      '10m',
      '--concurrency-limit',
      '2',
      '--strategy',
      'none',
      '--target',
      'cold-start-rate<=1%',
    ]);
    expect(limited.stderr).toBe('');
    expect(limited.stdout).toContain(
      "- levels above 2 are not possible: the account's concurrency limit of 2\n",
    );
  });

  test('without --strategy: none, pings and one provisioned instance, the last only where the platform has them', async () => {
    const trace = join(packageRoot(), 'scenarios/traces/azure-2fn-2h.csv');
    const columns = async (provider: string): Promise<string> => {
      const r = await cli([
        'compare',
        trace,
        '--provider',
        provider,
        '--function',
        'api',
        '--no-break-even',
        '--format',
        'csv',
      ]);
      expect(r.code, r.stderr).toBe(0);
      return (r.stdout.split('\n\n')[0] as string)
        .split('\n')
        .slice(1)
        .filter((l) => l !== '')
        .map((l) => l.split(',')[0])
        .join(' ');
    };
    expect(await columns('aws-lambda')).toBe('none pings:5m:1 provisioned:1');
    expect(await columns('azure-consumption')).toBe('none pings:5m:1');
    expect(await columns('cloudflare-workers')).toBe('none pings:5m:1');
  });

  test('one provider: the help says so, and a list or all is refused with a pointer to simulate', async () => {
    const help = (await cli(['compare', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--provider <id> the one platform to compare strategies on: aws-lambda,');
    expect(help).not.toMatch(/a comma list or "all"/);
    for (const p of ['aws-lambda,gcp-cloud-run', 'all']) {
      const r = await cli(['compare', 'scenarios/traces/azure-2fn-2h.csv', '--provider', p]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `faasim: compare takes one provider, not "${p}": it compares keep-warm strategies on one platform; to see platforms side by side, run faasim simulate --provider ${p} (add --break-even for the traffic at which each container platform costs no more than the cheapest function platform)\n`,
      );
    }
  });

  test('bad strategy, target, function: exit 2 with the value named', async () => {
    const t = writeTemp(
      't.csv',
      'timestamp,function,duration_ms\n2026-01-01T00:00:00Z,api,5\n2026-01-01T00:10:00Z,api,7\n',
    );
    expect((await cli(['compare', t, '--strategy', 'warm:5m'])).stderr).toMatch(
      /--strategy "warm:5m" is not none/,
    );
    expect((await cli(['compare', t, '--target', 'p95<=1s'])).stderr).toMatch(/--target "p95<=1s"/);
    const f = await cli(['compare', t, '--function', 'nope']);
    expect([f.code, /--function "nope" is not in the trace \(it has: api\)/.test(f.stderr)]).toEqual([
      2,
      true,
    ]);
  });
});
