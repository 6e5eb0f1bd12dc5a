/**
 * --fail-if on the bundled example (figures from test/golden/example.json: monthly cost
 * $12.894590…, cold-start rate 23 / 5,632 = 0.4084%, p99 2,546.24 ms, no throttles): exit 0 when no
 * condition holds, 4 with each holding one named on stderr after the full report, 2 before anything
 * runs for a malformed condition.
 */
import { describe, expect, test } from 'vitest';
import { parseFailIf } from '../../src/cli/fail-if.js';
import { runIn } from '../helpers/run-in-process.js';
import { useTempDir } from '../helpers/temp.js';
import { baselineDoc } from '../helpers/baseline.js';

const EXAMPLE = ['simulate', '--scenario', 'scenarios/example.json'];

describe('--fail-if exit codes and messages', () => {
  const tmp = useTempDir();

  test('no condition holds: exit 0, the report alone', async () => {
    const r = await runIn([...EXAMPLE, '--fail-if', 'cost>250', '--fail-if', 'throttles>0,p99>5s']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Total');
  });

  test('conditions that hold: the report, then each on stderr, exit 4', async () => {
    const r = await runIn([
      ...EXAMPLE,
      '--format',
      'markdown',
      '--fail-if',
      'cost>10,cold-start-rate>0.4%',
      '--fail-if',
      'p99>=800ms',
      '--fail-if',
      'throttles>0',
    ]);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('| **this run** | **$12.89** |');
    expect(r.stderr).toBe(
      'faasim: --fail-if cost>10: monthly cost $12.89 is above $10\n' +
        'faasim: --fail-if cold-start-rate>0.4%: cold-start rate 0.41% is above 0.4%\n' +
        'faasim: --fail-if p99>=800ms: p99 latency 2,546 ms is at or above 800 ms\n',
    );
  });

  test('a delta against --baseline: +28.9% is above 10%', async () => {
    // baseline $10.00 a month: (12.894590 − 10) / 10 = +28.9%
    const base = tmp.file('old.json', JSON.stringify(baselineDoc({ monthlyUsd: 10 })));
    const r = await runIn([...EXAMPLE, '--baseline', base, '--fail-if', 'cost-delta>10%,cost-delta>$5']);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(
      `faasim: --fail-if cost-delta>10%: monthly cost changed by +28.9% against ${base} ($10.00 → $12.89), above 10%\n`,
    );
  });

  test.each([
    ['cost>>3', 'faasim: --fail-if "cost>>3": ">3" is not an amount in USD such as 250 or $250\n'],
    [
      'price>3',
      'faasim: --fail-if "price>3" is not a condition: write METRIC>VALUE with METRIC one of cost, cost-per-million, cold-start-rate, p99, throttles (add -delta to compare with --baseline) and >, >=, < or <=; e.g. cost>250, cold-start-rate>1%, p99>800ms, cost-delta>10%\n',
    ],
    ['p99>fast', 'faasim: --fail-if "p99>fast": "fast" is not a duration such as 800ms or 1.5s\n'],
    [
      'cost>1,',
      'faasim: --fail-if "cost>1,": an empty condition; give METRIC>VALUE with METRIC one of cost, cost-per-million, cold-start-rate, p99, throttles (add -delta to compare with --baseline) and >, >=, < or <=; e.g. cost>250, cold-start-rate>1%, p99>800ms, cost-delta>10%\n',
    ],
    [
      'cost-delta>10%',
      'faasim: --fail-if "cost-delta>10%" compares with a baseline: give --baseline OLD.json (a result saved with --format json)\n',
    ],
  ])('malformed %s: exit 2 before anything runs', async (expr, stderr) => {
    const r = await runIn([...EXAMPLE, '--fail-if', expr]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(stderr);
  });

  test('with several platforms there is no one figure to gate on', async () => {
    const r = await runIn([...EXAMPLE, '--provider', 'all', '--fail-if', 'cost>1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'faasim: --fail-if needs one platform: with --provider all there is one result per platform (run each platform on its own for a gate)\n',
    );
  });
});

describe('parseFailIf', () => {
  test('units: $, %, durations, negative deltas', () => {
    const [cost, rate, p99, delta, rateDelta] = parseFailIf(
      ['cost>$250.5,cold-start-rate<=0.5%', 'p99>1.5s', 'cost-delta<-10%', 'cold-start-rate-delta>0.001'],
      true,
    );
    expect(cost).toMatchObject({ metric: 'monthlyUsd', op: '>', value: 250.5, delta: false });
    expect(rate).toMatchObject({ metric: 'coldStartRate', op: '<=', value: 0.005 });
    expect(p99).toMatchObject({ metric: 'p99Ms', value: 1500 });
    expect(delta).toMatchObject({ metric: 'monthlyUsd', delta: true, relative: true, op: '<', value: -0.1 });
    expect(rateDelta).toMatchObject({ metric: 'coldStartRate', delta: true, relative: false, value: 0.001 });
  });
});
