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

  test('a rate above 1 without % is refused where a negative one is, naming the percentage meant (acceptance-run finding)', () => {
    const refusal = (t: string): string => {
      try {
        parseFailIf([t], true);
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(refusal('cold-start-rate>50')).toBe(
      '--fail-if "cold-start-rate>50": cold-start-rate is a fraction 0..1 or a percentage: did you mean 50%?',
    );
    expect(refusal('cold-start-rate>-1')).toBe(
      '--fail-if "cold-start-rate>-1": "-1" is not a rate such as 1% or 0.01',
    );
    expect(refusal('cold-start-rate>150%')).toBe(
      '--fail-if "cold-start-rate>150%": cold-start-rate is a fraction 0..1 or a percentage up to 100%: 150% can never be reached',
    );
    // no rate is above 1 or below 0: '>1' (a typo for 1%?) and '<0' can never fire (found in review)
    expect(refusal('cold-start-rate>1')).toBe(
      '--fail-if "cold-start-rate>1": cold-start-rate is at most 1 (100%), so > 1 can never hold: did you mean 1%?',
    );
    expect(refusal('cold-start-rate>100%')).toBe(
      '--fail-if "cold-start-rate>100%": cold-start-rate is at most 1 (100%), so > 100% can never hold',
    );
    expect(refusal('cold-start-rate<0')).toBe(
      '--fail-if "cold-start-rate<0": cold-start-rate is at least 0, so < 0 can never hold',
    );
    // a change of the rate is a fraction too: -1..1 (0.5 is 50 percentage points)
    expect(refusal('cold-start-rate-delta>5')).toBe(
      '--fail-if "cold-start-rate-delta>5": cold-start-rate-delta is a change of a fraction, -1..1 (0.01 is one percentage point), or a percentage such as 10% for the relative change: did you mean 0.05 (5 percentage points) or 5%?',
    );
    // 1, 100% and 0.5 are rates; a relative change may pass 100%
    expect(
      parseFailIf(['cold-start-rate<=1', 'cold-start-rate<100%', 'cold-start-rate>0.5'], false).map(
        (c) => c.value,
      ),
    ).toEqual([1, 1, 0.5]);
    expect(
      parseFailIf(['cold-start-rate-delta>150%', 'cold-start-rate-delta<-1'], true).map((c) => c.value),
    ).toEqual([1.5, -1]);
  });
});
