/**
 * Every renderer that shows a column of money formats it with the terminal tables' one formatter
 * (src/report/format.ts usdColumn): cents when the column holds a cent or more ("<$0.01" for a
 * smaller amount that is not zero), else the decimals that show three significant digits of its
 * smallest amount, zero $0.00. The HTML pages, the container break-even lines and the sensitivity
 * table used `usd()` per amount or their own two decimals, so one column read $10.00 beside $0.00200,
 * or a $0.004 bill read $0.00.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SensitivityRow } from '../../src/certainty/sensitivity.js';
import { sensitivityTable } from '../../src/certainty/render-sensitivity.js';
import type { BreakEvenRow } from '../../src/containers/break-even.js';
import { renderBreakEven } from '../../src/containers/render.js';
import { renderSimulateHtml } from '../../src/report/html/simulate.js';
import { cli } from '../helpers/cli.js';
import { SPAN_MILLI_MONTH, simulate, writeTrace } from '../helpers/csv-trace.js';
import { tempDir } from '../helpers/trace.js';

/** The text of the first HTML number cell sorted by each value. */
function htmlCells(html: string, values: number[]): string[] {
  return values.map((v) => {
    const m = new RegExp(`<td class="n" data-sort="${v}">([^<]*)</td>`).exec(html);
    if (!m) throw new Error(`no cell sorted by ${v}`);
    return (m[1] as string).replace(/&lt;/g, '<');
  });
}

describe('the HTML pages', () => {
  test('simulate: the cost table is one column, $10.00 beside <$0.01 (was $0.00200)', async () => {
    // AWS Lambda x86_64, 1,024 MB, INIT 0: 10 requests of 60 s, a thousandth of a month, so × 1,000:
    // duration 10 × 60 s × 1 GB = 600 GB-s → 600,000 GB-s × $0.0000166667 = $10.00002;
    // requests 10 × 1,000 = 10,000 × $0.20 per million = $0.002
    const rows = Array.from({ length: 10 }, (_, i) => ({ t: i * 120_000, run: 60_000 }));
    const r = await simulate(rows, {
      spanMs: SPAN_MILLI_MONTH,
      memoryMb: 1024,
      init: { kind: 'constant', ms: 0 },
    });
    const requests = r.cost.lines.find((l) => l.id === 'requests')!.monthlyUsd;
    const duration = r.cost.lines.find((l) => l.id === 'duration')!.monthlyUsd;
    expect(requests).toBeCloseTo(0.002, 12);
    expect(duration).toBeCloseTo(10.00002, 9);
    const html = renderSimulateHtml(r, null);
    expect(htmlCells(html, [duration, requests])).toEqual(['$10.00', '<$0.01']);
  });

  test('simulate --provider A,B: the monthly and per-million columns read as the terminal table does', async () => {
    const dir = tempDir('faasim-money-html-');
    const trace = writeTrace([
      { t: 0, run: 1 },
      { t: 120_000, run: 1 },
    ]);
    const file = join(dir, 'c.html');
    const args = [
      'simulate',
      trace,
      '--provider',
      'aws-lambda,cloudflare-workers',
      '--span',
      '2592s',
      '--init',
      '0ms',
    ];
    const table = await cli(args);
    const html = await cli([...args, '--html', file]);
    expect([table.code, html.code]).toEqual([0, 0]);
    const json = JSON.parse((await cli([...args, '--format', 'json'])).stdout) as {
      rows: { result: { cost: { monthlyUsd: number; usdPerMillionRequests: number } } }[];
    };
    const page = readFileSync(file, 'utf8');
    // Lambda, 128 MB, × 1,000 a month: 2,000 requests × $0.20 per million = $0.0004, and
    // 2 × 1 ms × 0.125 GB × 1,000 = 0.25 GB-s × $0.0000166667 = $0.0000041667: $0.000404 a month,
    // beside Cloudflare's $5.00 plan, so the column is in cents (was $0.000404)
    const lambda = json.rows[0]!.result.cost.monthlyUsd;
    expect(lambda).toBeCloseTo(0.0004041667, 10);
    expect(htmlCells(page, [lambda])).toEqual(['<$0.01']);
    for (const row of json.rows) {
      const c = row.result.cost;
      const [monthly, perMillion] = htmlCells(page, [c.monthlyUsd, c.usdPerMillionRequests]);
      // the terminal's row holds the same two cells
      expect(table.stdout).toContain(`│ ${monthly} `);
      expect(table.stdout).toContain(`│ ${perMillion} `);
    }
  });
});

describe('the container break-even lines', () => {
  const row = (provider: string, containerUsd: number, functionUsd: number): BreakEvenRow => ({
    provider,
    label: provider,
    kind: 'never',
    scale: 100,
    requestsPerSecond: 5,
    containerUsd,
    functionUsd,
    against: 'aws-lambda',
  });

  test('one format for every amount: cents with <$0.01, or sub-cent digits (a $0.004 bill read $0.00)', () => {
    const cents = renderBreakEven([row('fargate', 29.5, 0.004)], 0.05, { min: 1, max: 100 });
    expect(cents).toContain('$29.50 a month against <$0.01 on aws-lambda');
    const small = renderBreakEven([row('fargate', 0.004, 0.00021), row('aca', 0, 0.00021)], 0.05, {
      min: 1,
      max: 100,
    });
    // smallest 0.00021: 2 − floor(log10 0.00021) = 2 + 4 = 6 decimals
    expect(small).toContain(
      '- fargate: not cheaper up to 5.00 req/s (100×): $0.004000 a month against $0.000210',
    );
    expect(small).toContain('- aca: not cheaper up to 5.00 req/s (100×): $0.00 a month against $0.000210');
  });
});

describe('the sensitivity table', () => {
  const row = (figure: string, lowUsd: number, highUsd: number): SensitivityRow => ({
    figure,
    file: 'aws-lambda.json',
    provider: 'aws-lambda',
    unit: 'ms',
    value: 100,
    low: 50,
    high: 150,
    bounds: 'measured',
    atLow: { monthlyUsd: lowUsd, coldStartRate: 0.01 },
    atHigh: { monthlyUsd: highUsd, coldStartRate: 0.02 },
    costSwingUsd: highUsd - lowUsd,
    coldStartSwing: 0.01,
  });

  test('the swings in one format, the amounts in one format', () => {
    const t = sensitivityTable([row('a', 10, 22.5), row('b', 10, 10.004)]);
    // swings 12.5 and 0.004 (a cent or more in the column: cents); amounts 10, 22.5, 10.004: cents
    expect(t).toContain('+$12.50 ($10.00 → $22.50)');
    expect(t).toMatch(/\+<\$0\.01 \(\$10\.00 → \$10\.00\)/);
    // a toy trace: every amount below a cent; smallest swing 0.0002 → 2 + 4 = 6 decimals
    const toy = sensitivityTable([row('a', 0.001, 0.0031), row('b', 0.001, 0.0012), row('c', 0.001, 0.001)]);
    expect(toy).toContain('+$0.002100 ($0.00100 → $0.00310)');
    expect(toy).toContain('+$0.000200 ($0.00100 → $0.00120)');
    expect(toy).toContain('$0.00 ($0.00100 → $0.00100)');
  });
});
