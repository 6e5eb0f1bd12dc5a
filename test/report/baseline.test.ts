/**
 * --baseline: the change of each headline figure, by hand. The current run is the bundled example
 * (test/golden/example.json): monthly cost $12.894590069911454, $6.358990311843041 per million
 * requests, cold-start rate 23 / 5,632 = 0.004083806818181818, no throttles, p99 2,546.2378 ms.
 * The baseline file (test/helpers/baseline.ts) says $10, $5, 0.005, 2 + 1 = 3 throttles, 2,000 ms.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compareToBaseline } from '../../src/run/baseline.js';
import { runIn } from '../helpers/run-in-process.js';
import { useTempDir } from '../helpers/temp.js';
import { baselineDoc } from '../helpers/baseline.js';

const EXAMPLE = ['simulate', '--scenario', 'scenarios/example.json'];

describe('compareToBaseline', () => {
  test('absolute and relative change; from 0 there is no relative change', () => {
    const b = { monthlyUsd: 200, usdPerMillionRequests: 4, coldStartRate: 0.01, throttles: 0, p99Ms: 800 };
    const c = { monthlyUsd: 250, usdPerMillionRequests: 3, coldStartRate: 0.015, throttles: 5, p99Ms: 800 };
    const m = Object.fromEntries(
      compareToBaseline('old.json', 'faasim.simulate/v1', b, c).metrics.map((x) => [x.metric, x]),
    );
    // 250 − 200 = 50; 50 / 200 = 0.25
    expect(m['monthlyUsd']).toMatchObject({ baseline: 200, current: 250, delta: 50, relative: 0.25 });
    // 3 − 4 = −1; −1 / 4 = −0.25
    expect(m['usdPerMillionRequests']).toMatchObject({ delta: -1, relative: -0.25 });
    // 0.015 − 0.01 = 0.005 (half a percentage point); 0.005 / 0.01 = 0.5
    expect(m['coldStartRate']!.delta).toBeCloseTo(0.005, 15);
    expect(m['coldStartRate']!.relative).toBeCloseTo(0.5, 12);
    // 0 → 5: +5, relative undefined (NaN, null in JSON)
    expect(m['throttles']!.delta).toBe(5);
    expect(m['throttles']!.relative).toBeNaN();
    // unchanged: 0 and 0
    expect(m['p99Ms']).toMatchObject({ delta: 0, relative: 0 });
  });
});

describe('--baseline through the CLI', () => {
  const tmp = useTempDir();

  test('JSON: each figure then and now, with the arithmetic', async () => {
    const base = tmp.file('old.json', JSON.stringify(baselineDoc({ throttledSync: 2, asyncDropped: 1 })));
    const r = await runIn([...EXAMPLE, '--format', 'json', '--baseline', base]);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout).baseline as {
      file: string;
      schema: string;
      metrics: {
        metric: string;
        baseline: number;
        current: number;
        delta: number;
        relative: number | null;
      }[];
    };
    expect(b.file).toBe(base);
    expect(b.schema).toBe('faasim.simulate/v1');
    const m = Object.fromEntries(b.metrics.map((x) => [x.metric, x]));
    // 12.894590069911454 − 10 = 2.894590069911454; / 10 = 0.2894590069911454
    expect(m['monthlyUsd']!.delta).toBeCloseTo(2.894590069911454, 12);
    expect(m['monthlyUsd']!.relative).toBeCloseTo(0.2894590069911454, 12);
    // 6.358990311843041 − 5 = 1.358990311843041; / 5 = 0.2717980623686082
    expect(m['usdPerMillionRequests']!.delta).toBeCloseTo(1.358990311843041, 12);
    expect(m['usdPerMillionRequests']!.relative).toBeCloseTo(0.2717980623686082, 12);
    // 23/5632 − 0.005 = 0.004083806818181818 − 0.005 = −0.000916193181818182; / 0.005 = −0.1832386363636364
    expect(m['coldStartRate']!.delta).toBeCloseTo(-0.000916193181818182, 15);
    expect(m['coldStartRate']!.relative).toBeCloseTo(-0.1832386363636364, 12);
    // 0 − (2 + 1) = −3; / 3 = −1
    expect(m['throttles']).toMatchObject({ baseline: 3, current: 0, delta: -3, relative: -1 });
    // 2,546.2378 − 2,000 = 546.2378; / 2,000 = 0.2731189
    expect(m['p99Ms']!.delta).toBeCloseTo(546.2378, 6);
    expect(m['p99Ms']!.relative).toBeCloseTo(0.2731189, 9);
  });

  test('table and Markdown show the same change', async () => {
    const base = tmp.file('old.json', JSON.stringify(baselineDoc({ throttledSync: 2, asyncDropped: 1 })));
    const md = await runIn([...EXAMPLE, '--format', 'markdown', '--baseline', base]);
    expect(md.stdout).toContain(
      `| baseline ${base.replace(/_/g, '\\_')} | $10.00 | $5.00 | 0.50% | 3 | 2,000 ms |`,
    );
    // −0.000916 is −0.09 percentage points; −18.3% of 0.5%
    expect(md.stdout).toContain(
      '| change | +$2.89 (+28.9%) | +$1.36 (+27.2%) | -0.09 pp (-18.3%) | -3 (-100.0%) | +546 ms (+27.3%) |',
    );
    const table = await runIn([...EXAMPLE, '--baseline', base]);
    expect(table.stdout).toMatch(/│ monthly cost\s+│ \$10\.00\s+│ \$12\.89\s+│ \+\$2\.89\s+│ \+28\.9%\s+│/);
    expect(table.stdout).toMatch(/│ throttles\s+│ 3\s+│ 0\s+│ -3\s+│ -100\.0%\s+│/);
  });

  test('a baseline whose p99 is undefined (null): no change shown', async () => {
    const base = tmp.file('old.json', JSON.stringify(baselineDoc({ p99Ms: null })));
    const md = await runIn([...EXAMPLE, '--format', 'markdown', '--baseline', base]);
    // p99 undefined in the baseline (null): no change can be given
    expect(md.stdout).toMatch(/\| change \| .* \| 0 \(0%\) \| – \(–\) \|/);
  });

  test.each([
    [
      'another schema',
      JSON.stringify({ schema: 'faasim.sweep/v1', points: [] }),
      (f: string) =>
        `faasim: ${f}: --baseline is a "faasim.sweep/v1" result and this run writes faasim.simulate/v1; compare results of the same command (save the baseline with --format json)\n`,
    ],
    [
      'no schema',
      JSON.stringify({ cost: {} }),
      (f: string) =>
        `faasim: ${f}: --baseline is not a faasim JSON result (it has no "schema" field); save one with --format json\n`,
    ],
    [
      'corrupt JSON',
      '{"schema": "faasim.simulate/v1",\n  "cost": {',
      (f: string) =>
        `faasim: ${f}: baseline is not valid JSON: line 2, column 12: unexpected end of file; expected a key in double quotes\n`,
    ],
    [
      'a field missing',
      JSON.stringify({ schema: 'faasim.simulate/v1', cost: { monthlyUsd: 1 } }),
      (f: string) =>
        `faasim: ${f}: --baseline is not a complete faasim.simulate/v1 result: cost.usdPerMillionRequests is missing or not a number\n`,
    ],
  ])('%s: exit 2, one line naming the file, nothing run', async (_what, text, message) => {
    const f = tmp.file('bad.json');
    writeFileSync(f, text);
    const r = await runIn([...EXAMPLE, '--baseline', f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(message(f));
  });

  test('a file that does not exist', async () => {
    const r = await runIn([...EXAMPLE, '--baseline', '/nonexistent/old.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^faasim: \/nonexistent\/old\.json: cannot read baseline: .*\n$/);
  });
});
