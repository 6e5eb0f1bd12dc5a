/**
 * AWS Lambda region prices. Regions other than us-east-1 carry only a first-tier GB-s rate from a
 * third-party table (artillery's prices.js), marked unconfirmed, and us-east-1's request price.
 * Span: a thousandth of a 30-day month (monthly = span × 1,000). INIT 0.
 */
import { describe, expect, test } from 'vitest';
import { compareStrategies } from '../../src/keep-warm/compare.js';
import { parseStrategy } from '../../src/keep-warm/strategy.js';
import { MONTH_MS } from '../../src/pricing/cost.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { getProvider } from '../../src/providers/registry.js';
import type { SimulationResult } from '../../src/simulate.js';
import { costLine, config, every, simulate, SPAN_MILLI_MONTH } from '../helpers/csv-trace.js';
import { traceOf } from '../helpers/trace.js';

const base = {
  provider: 'aws-lambda',
  spanMs: SPAN_MILLI_MONTH,
  init: { kind: 'constant' as const, ms: 0 },
  memoryMb: 1024,
};

describe('region prices', () => {
  test('af-south-1: 1,000,000 GB-s a month at $0.0000221 = $22.10 (us-east-1: $16.6667)', async () => {
    // 1,000 × 1 s at 1 GB → 1,000 GB-s in the span → 1,000,000 GB-s a month; 1M requests × $0.20/M
    const rows = every(1000, 2500, { run: 1000 });
    const af = await simulate(rows, { ...base, region: 'af-south-1' });
    expect(costLine(af, 'duration').monthlyUsd).toBeCloseTo(22.1, 9);
    expect(af.cost.monthlyUsd).toBeCloseTo(22.3, 9);
    expect(af.cost.unconfirmed.some((u) => u.path.startsWith('regions.af-south-1'))).toBe(true);
    const us = await simulate(rows, base);
    expect(costLine(us, 'duration').monthlyUsd).toBeCloseTo(16.6667, 9);
    // us-east-1's report lists no other region's unconfirmed figures
    expect(us.cost.unconfirmed.some((u) => u.path.startsWith('regions.'))).toBe(false);
  });

  test('arm64 in me-central-1: $0.0000165334 per GB-s', async () => {
    const r = await simulate(every(1000, 2500, { run: 1000 }), {
      ...base,
      region: 'me-central-1',
      arch: 'arm64',
    });
    expect(costLine(r, 'duration').monthlyUsd).toBeCloseTo(16.5334, 9);
  });

  test("eu-west-1 and the other regions at the default price: us-east-1's bill, resting on an unconfirmed claim", async () => {
    // 1,000,000 GB-s × $0.0000166667 + 1M requests × $0.20/M = $16.8667; provisioned prices too
    const rows = every(1000, 2500, { run: 1000 });
    const eu = await simulate(rows, { ...base, region: 'eu-west-1' });
    expect(eu.cost.monthlyUsd).toBeCloseTo(16.8667, 9);
    const claims = eu.cost.unconfirmed.filter((u) => u.path.startsWith('regions.eu-west-1'));
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((u) => u.figure.note?.includes("taken to equal us-east-1's"))).toBe(true);
    const pc = await simulate(every(10, 2500, { run: 100 }), {
      ...base,
      region: 'ap-northeast-1',
      provisioned: 1,
    });
    expect(
      costLine(pc, 'provisioned-capacity').monthlyUsd + costLine(pc, 'provisioned-used').monthlyUsd,
    ).toBeGreaterThan(0);
    await expect(simulate(rows, { ...base, region: 'mars-north-1' })).rejects.toThrow(
      /region "mars-north-1" has no AWS Lambda prices in this sheet; known: us-east-1, .*eu-west-1/,
    );
  });

  test('provisioned concurrency is refused where the sheet has no price for it', async () => {
    await expect(
      simulate(every(10, 2500, { run: 100 }), { ...base, region: 'eu-south-1', provisioned: 1 }),
    ).rejects.toThrow(/no provisioned-concurrency prices for eu-south-1/);
  });
});

describe('a region priced as us-east-1 lists the unconfirmed prices its bill used, no others', () => {
  const claims = (r: SimulationResult): string[] =>
    r.cost.unconfirmed.map((u) => u.path).filter((p) => p.startsWith('regions.eu-west-1.'));
  const arch = 'regions.eu-west-1.architectures.x86_64';

  test('one request: the request price and the first GB-s tier; not the higher tiers, not storage within the included 512 MB', async () => {
    const r = await simulate([{ t: 0, run: 100 }], { ...base, region: 'eu-west-1' });
    expect(claims(r)).toEqual([`${arch}.requestPerMillion`, `${arch}.durationTiers.0.price`]);
    expect(r.cost.pricesUsed.map((p) => p.name)).not.toContain('duration tier 2');
    expect(r.cost.pricesUsed.map((p) => p.name)).not.toContain('ephemeral storage');
  });

  test('a month of 10 billion GB-s reaches the second tier (above 6 billion), not the third (above 15 billion)', async () => {
    // one 1 s request at 10,240 MB = 10 GB-s, in a span of 1e-9 month → 1e10 GB-s a month
    const r = await simulate([{ t: 0, run: 1000 }], {
      ...base,
      region: 'eu-west-1',
      memoryMb: 10240,
      spanMs: MONTH_MS * 1e-9,
    });
    expect(claims(r)).toEqual([
      `${arch}.requestPerMillion`,
      `${arch}.durationTiers.0.price`,
      `${arch}.durationTiers.1.price`,
    ]);
  });

  test('ephemeral storage above the included 512 MB: its price is listed', async () => {
    const r = await simulate([{ t: 0, run: 100 }], {
      ...base,
      region: 'eu-west-1',
      ephemeralStorageMb: 1024,
    });
    expect(claims(r)).toContain('regions.eu-west-1.ephemeralStoragePerGbS');
    expect(costLine(r, 'storage').monthlyUsd).toBeGreaterThan(0);
  });

  test('the keep-warm break-even still finds the provisioned and first-tier prices in a run with nothing provisioned', () => {
    const trace = traceOf(every(20, 60_000, { run: 1000 }).map((r) => ({ t: r.t, run: r.run })));
    const c = compareStrategies(
      trace,
      config({ ...base, region: 'eu-west-1' }),
      getProvider('aws-lambda').load(defaultPricingDir()),
      [{ name: 'none', strategy: parseStrategy('none') }],
      {
        function: null,
        breakEven: true,
        target: null,
        exhaustive: false,
      },
    );
    // capacity $0.0000041667 / ($0.0000166667 − $0.0000097222) = 60 %
    expect(c.breakEven!.textbookUtilization).toBeCloseTo(0.6, 3);
  });
});
