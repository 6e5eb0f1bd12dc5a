/**
 * Issue 10 (one million distinct functions): the report details the N costliest functions
 * (simulate --functions N|all, default 20) and counts the rest. The trace is made so that the cost
 * order is known and differs from both trace order and request counts: function fn-k has one
 * request of k × 10 s (cost grows with k, the run time dwarfs INIT and request charges), and
 * fn-01..fn-05 have three more requests of 1 ms each, so they are the busiest but the cheapest.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, loadTrace, simulateTrace } from '../../src/index.js';
import { MAX_FUNCTIONS, tooManyFunctions } from '../../src/run/function-cap.js';
import { functionsToList } from '../../src/run/function-rank.js';
import { Rng } from '../../src/util/rng.js';
import { runIn } from '../helpers/run-in-process.js';
import { writeTemp } from '../helpers/trace.js';

const name = (k: number): string => `fn-${String(k).padStart(2, '0')}`;
const iso = (s: number): string => new Date(Date.UTC(2026, 0, 1) + s * 1000).toISOString();

function costOrderedTrace(): string {
  const rows = ['timestamp,function,duration_ms'];
  for (let k = 1; k <= 25; k++) {
    rows.push(`${iso(k * 60)},${name(k)},${k * 10_000}`);
    // after the first request has finished (≤ 50 s + INIT), before the next function's first
    if (k <= 5) for (const s of [55, 56, 57]) rows.push(`${iso(k * 60 + s)},${name(k)},1`);
  }
  return rows.join('\n') + '\n';
}

const trace = writeTemp('cost-ordered.csv', costOrderedTrace());
/** fn-25 (costliest) down to fn-06: the busier fn-01..fn-05 are the cheapest */
const TOP_20 = Array.from({ length: 20 }, (_, i) => name(25 - i));
const TRACE_ORDER = Array.from({ length: 25 }, (_, i) => name(i + 1));

/** function names in the table's per-function section, in the order listed */
function tableFunctions(out: string): string[] {
  return [...out.matchAll(/^│ (fn-\d\d) /gm)].map((m) => m[1] as string);
}

describe('the costliest functions are listed, the rest counted', () => {
  test('library: functionsListed 20 keeps the 20 costliest, costliest first, and counts 5 omitted', async () => {
    const r = simulateTrace(await loadTrace(trace), { ...DEFAULT_CONFIG }, { functionsListed: 20 });
    expect(r.functions.map((f) => f.name)).toEqual(TOP_20);
    expect(r.functionsOmitted).toBe(5);
    // the whole run is still counted: every request, whichever functions are listed
    expect(r.outcomes.requests).toBe(25 + 5 * 3);
  });

  test('library default: every function, in trace order, no omitted count', async () => {
    const r = simulateTrace(await loadTrace(trace), { ...DEFAULT_CONFIG });
    expect(r.functions.map((f) => f.name)).toEqual(TRACE_ORDER);
    expect('functionsOmitted' in r).toBe(false);
  });

  test('table: 20 rows by cost and a line saying how many more and how to list them', async () => {
    const r = await runIn(['simulate', trace]);
    expect(r.code).toBe(0);
    expect(tableFunctions(r.stdout)).toEqual(TOP_20);
    expect(r.stdout).toContain(
      // wrapped within 100 columns, at a space
      '(the 20 costliest of 25 functions by attributed cost; 5 more not listed: --functions all lists every\none, --functions N the N costliest)',
    );
  });

  test('table: --functions all lists all 25 in trace order, without the line', async () => {
    const r = await runIn(['simulate', trace, '--functions', 'all']);
    expect(r.code).toBe(0);
    expect(tableFunctions(r.stdout)).toEqual(TRACE_ORDER);
    expect(r.stdout).not.toContain('more not listed');
  });

  test('table: --functions 3 lists the 3 costliest and counts 22 more', async () => {
    const r = await runIn(['simulate', trace, '--functions', '3']);
    expect(tableFunctions(r.stdout)).toEqual(['fn-25', 'fn-24', 'fn-23']);
    expect(r.stdout).toContain('(the 3 costliest of 25 functions by attributed cost; 22 more not listed');
  });

  test('json: functions holds the 20 costliest and functionsOmitted says 5; --functions all gives all, without the key', async () => {
    const limited = JSON.parse((await runIn(['simulate', trace, '--format', 'json'])).stdout) as {
      functions: { name: string }[];
      functionsOmitted?: number;
    };
    expect(limited.functions.map((f) => f.name)).toEqual(TOP_20);
    expect(limited.functionsOmitted).toBe(5);
    const all = JSON.parse(
      (await runIn(['simulate', trace, '--format', 'json', '--functions', 'all'])).stdout,
    ) as { functions: { name: string }[]; functionsOmitted?: number };
    expect(all.functions.map((f) => f.name)).toEqual(TRACE_ORDER);
    expect(all.functionsOmitted).toBeUndefined();
  });

  test('csv: the listed functions have rows, and one row counts the omitted', async () => {
    const out = (await runIn(['simulate', trace, '--format', 'csv'])).stdout;
    expect(out).toContain('\nfunctions,all,omitted,5,\n');
    expect(out).toContain('\noutcomes,fn-25,requests,1,\n');
    expect(out).not.toContain('\noutcomes,fn-01,');
  });
});

describe('the listed functions show the attributed cost they are ranked by', () => {
  // a: 1 request, b: 3, each 100 ms with INIT 0 (no INIT line), 128 MB, over a 3 s span (month
  // factor 2,592,000 / 3 = 864,000). Requests: 4 × 864,000 × $0.20/M = $0.6912; duration:
  // 0.4 s × 0.125 GB × 864,000 = 43,200 GB-s × $0.0000166667 = $0.72000144; total $1.41120144.
  // Both lines are shared by requests and busy GB-ms, 3 of 4 parts b's: 0.75 × 1.41120144 = $1.05840108.
  const ab = writeTemp(
    'attributed.csv',
    'timestamp,function,duration_ms,init_ms\n2026-01-05T00:00:00Z,a,100,0\n2026-01-05T00:00:01Z,b,100,0\n2026-01-05T00:00:02Z,b,100,0\n2026-01-05T00:00:03Z,b,100,0\n',
  );

  test('json: functions[].attributedMonthlyUsd, only when the list is cut', async () => {
    const cut = JSON.parse(
      (await runIn(['simulate', ab, '--format', 'json', '--functions', '1'])).stdout,
    ) as {
      cost: { monthlyUsd: number };
      functions: { name: string; attributedMonthlyUsd?: number }[];
    };
    expect(cut.cost.monthlyUsd).toBeCloseTo(1.41120144, 10);
    expect(cut.functions.map((f) => f.name)).toEqual(['b']);
    expect(cut.functions[0]?.attributedMonthlyUsd).toBeCloseTo(1.05840108, 10);
    const all = JSON.parse((await runIn(['simulate', ab, '--format', 'json'])).stdout) as {
      functions: object[];
    };
    expect(all.functions.every((f) => !('attributedMonthlyUsd' in f))).toBe(true);
  });

  test('table and csv: the same figure, in a column and a cost row', async () => {
    const table = (await runIn(['simulate', ab, '--functions', '1'])).stdout;
    expect(table).toMatch(/│ b +│ 128 MB .*│ \$1\.06 +│/);
    const csv = (await runIn(['simulate', ab, '--format', 'csv', '--functions', '1'])).stdout;
    expect(csv).toMatch(/^cost,b,attributed_monthly,1\.058401\d*,USD$/m);
    // every function listed: no such column (the header ends at peak conc.)
    expect((await runIn(['simulate', ab])).stdout).toMatch(/│ peak conc\. │\n/);
    expect(table).not.toMatch(/│ peak conc\. │\n/);
  });
});

describe('with as many functions as listed or fewer, output is unchanged', () => {
  const small = writeTemp(
    'three-fns.csv',
    ['timestamp,function,duration_ms', `${iso(0)},c,5`, `${iso(1)},a,900`, `${iso(2)},b,50`].join('\n') +
      '\n',
  );
  test.each(['table', 'json', 'csv'])(
    '--format %s: the default, --functions 3 and --functions all give the same bytes, in trace order',
    async (format) => {
      const base = await runIn(['simulate', small, '--format', format]);
      expect(base.code).toBe(0);
      for (const n of ['3', 'all'])
        expect((await runIn(['simulate', small, '--format', format, '--functions', n])).stdout).toBe(
          base.stdout,
        );
      expect(base.stdout).not.toMatch(/functionsOmitted|omitted|more not listed/);
    },
  );
});

describe('bad --functions values are refused', () => {
  test.each(['0', '-1', '1.5', '0x10', '1e3', '', ' 5', 'ALL', 'some'])(
    '--functions %j: exit 2, one line naming the flag, nothing on stdout',
    async (value) => {
      const r = await runIn(['simulate', trace, '--functions', value]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `faasim: --functions ${JSON.stringify(value)} is not a whole number ≥ 1 or all\n`,
      );
    },
  );
});

describe('functionsToList', () => {
  test('costliest first, ties in trace order; all in trace order when the limit covers them', () => {
    const cost = Float64Array.from([1, 5, 3, 5, 0]);
    expect(functionsToList(cost, 3)).toEqual([1, 3, 2]);
    expect(functionsToList(cost, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(functionsToList(cost, 9)).toEqual([0, 1, 2, 3, 4]);
  });

  test('the one-pass short list and the full sort (over 1,000 listed) agree', () => {
    const rng = new Rng('rank');
    // few distinct costs, so ties are common
    const cost = Float64Array.from({ length: 5000 }, () => Math.floor(rng.next() * 50));
    const sorted = functionsToList(cost, 4999);
    expect(functionsToList(cost, 1000)).toEqual(sorted.slice(0, 1000));
    expect(functionsToList(cost, 20)).toEqual(sorted.slice(0, 20));
  });
});

describe('the cap on distinct functions', () => {
  // a trace over the cap is 20 MB and minutes of simulation before it is refused: the check itself is tested here
  test('1,000,000 functions are simulated; 1,000,001 are refused with the limit named, in one line', () => {
    expect(MAX_FUNCTIONS).toBe(1_000_000);
    expect(tooManyFunctions(1_000_000, 't.csv')).toBeNull();
    const e = tooManyFunctions(1_000_001, 't.csv');
    expect(e?.code).toBe('TOO_MANY_FUNCTIONS');
    expect(e?.message).toMatch(
      /^t\.csv: the trace has more than 1,000,000 distinct functions, the most faasim simulates in one run/,
    );
    expect(e?.message).not.toContain('\n');
  });
});
