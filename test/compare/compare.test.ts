/** The side-by-side comparison: provider lists, adapted settings, one run per platform, reports. */
import { withView } from '../../src/report/render/view.js';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { compareFile, providerList } from '../../src/compare.js';
import { providerIds } from '../../src/providers/registry.js';
import {
  renderComparisonCsv,
  renderComparisonJson,
  renderComparisonTable,
} from '../../src/report/render/compare.js';
import { renderTable } from '../../src/report/render/table.js';
import { simulateFile } from '../../src/simulate.js';
import { config, every, merge, writeTrace } from '../helpers/csv-trace.js';

const TRACE = writeTrace(
  merge(
    every(200, 3000, { fn: 'api', run: 40 }),
    every(100, 6000, { fn: 'worker', run: 900, async: true }, 500),
  ),
);

describe('provider lists', () => {
  test('"all" names every provider; a comma list names its own; one id is not a comparison', () => {
    expect(providerList('all')).toEqual(providerIds());
    expect(providerIds()).toEqual([
      'aws-lambda',
      'aws-lambda-edge',
      'azure-consumption',
      'azure-flex',
      'azure-premium',
      'gcp-functions-gen1',
      'gcp-cloud-run',
      'cloudflare-workers',
      'azure-container-apps',
      'aws-fargate',
      'aws-lambda-managed-instances',
    ]);
    expect(providerList('aws-lambda, gcp-cloud-run')).toEqual(['aws-lambda', 'gcp-cloud-run']);
    expect(providerList('aws-lambda')).toBeNull();
    expect(() => providerList('aws-lambda,heroku')).toThrow(/unknown provider "heroku"/);
  });
});

describe('one run per platform', () => {
  test('each row is exactly what a single-provider run of the same settings gives', async () => {
    const cfg = config({ memoryMb: 1024, freeTier: true });
    const c = await compareFile(TRACE, {}, cfg, providerIds());
    expect(c.rows.map((r) => r.provider)).toEqual(providerIds());
    // the platforms without a free tier refuse --free-tier alone; side by side they run without it
    const noFreeTier = ['azure-premium', 'aws-fargate', 'aws-lambda-edge', 'aws-lambda-managed-instances'];
    for (const row of c.rows) {
      expect(row.error).toBeNull();
      const without = noFreeTier.includes(row.provider);
      expect(
        row.adaptations.some((a) => a.startsWith('--free-tier is for aws-lambda, ')),
        row.provider,
      ).toBe(without);
      const single = await simulateFile(TRACE, {}, { ...cfg, provider: row.provider, freeTier: !without });
      expect(row.result?.cost.monthlyUsd).toBe(single.cost.monthlyUsd);
      expect(row.result?.outcomes.latency.all.p99Ms).toBe(single.outcomes.latency.all.p99Ms);
    }
    expect(c.trace?.requests).toBe(300);
  });

  test('settings a platform cannot take fall back to its default, and the row says so', async () => {
    const cfg = config({
      memoryMb: 2048,
      region: 'europe-west3',
      provisioned: 1,
      perInstanceConcurrency: 50,
    });
    const c = await compareFile(TRACE, {}, cfg, [
      'aws-lambda',
      'gcp-cloud-run',
      'cloudflare-workers',
      'azure-container-apps',
    ]);
    const [lambda, run, workers] = c.rows;
    expect(lambda?.adaptations.join(' ')).toMatch(
      /region europe-west3 has no AWS Lambda prices: us-east-1 used/,
    );
    expect(lambda?.adaptations.join(' ')).toMatch(
      /--per-instance-concurrency 50 is more than AWS Lambda allows here: 1 used/,
    );
    expect(run?.adaptations).toEqual([]); // Cloud Run has europe-west3 (tier 2) and 50 at 1 vCPU
    expect(run?.result?.cost.region).toBe('europe-west3');
    expect(run?.result?.config.perInstanceConcurrency).toBe(50);
    expect(workers?.adaptations.join(' ')).toMatch(/no provisioned instances; none used/);
    expect(workers?.result?.config.provisioned).toBe(0);
  });

  test('a platform that cannot run the configuration gets an error row; the others still run', async () => {
    const c = await compareFile(TRACE, {}, config({ memoryMb: 16384 }), ['aws-lambda', 'gcp-cloud-run']);
    expect(c.rows[0]?.result).toBeNull();
    expect(c.rows[0]?.error).toMatch(/outside AWS Lambda's 128..10240 MB/);
    expect(c.rows[1]?.result?.config.memoryMb).toBe(16384);
  });
});

describe('reports', () => {
  test('table, JSON and CSV carry every platform', async () => {
    const c = await compareFile(TRACE, {}, config({ memoryMb: 512 }), providerIds());
    const table = renderComparisonTable(c);
    for (const id of providerIds()) expect(table).toContain(id);
    expect(table).toContain("Cost lines, in each platform's own terms");
    expect(table).toContain('Assumptions per platform');
    const json = JSON.parse(renderComparisonJson(c)) as {
      schema: string;
      rows: { provider: string; result: { cost: { monthlyUsd: number } } }[];
    };
    expect(json.schema).toBe('faasim.compare/v1');
    expect(json.rows.map((r) => r.provider)).toEqual(providerIds());
    const csv = renderComparisonCsv(c).trim().split('\n');
    expect(csv[0]).toBe('provider,section,metric,value,unit');
    expect(csv.filter((l) => l.includes(',cost,total_monthly,')).length).toBe(providerIds().length);
  });

  test('the CLI prints the comparison for --provider all', async () => {
    let out = '';
    const code = await runCli(
      ['node', 'faasim', 'simulate', TRACE, '--provider', 'all', '--memory', '512', '--format', 'json'],
      { out: (t) => (out += t), err: () => {} },
    );
    expect(code).toBe(0);
    expect((JSON.parse(out) as { rows: unknown[] }).rows.length).toBe(11);
  });
});

describe('architecture', () => {
  test('arm64 on a platform without a choice of architecture: refused on it alone, a note in a comparison', async () => {
    const cfg = config({ memoryMb: 512, arch: 'arm64' });
    await expect(simulateFile(TRACE, {}, { ...cfg, provider: 'gcp-functions-gen1' })).rejects.toThrow(
      '--arch arm64 (scenario "arch") is for aws-lambda, aws-fargate; Google Cloud Functions (1st gen) offers no choice of architecture',
    );
    const lambda = await simulateFile(TRACE, {}, { ...cfg, provider: 'aws-lambda' });
    expect(lambda.config.arch).toBe('arm64');
    expect(lambda.assumptions.join(' ')).not.toMatch(/no choice of architecture/);
    const c = await compareFile(TRACE, {}, cfg, providerIds());
    for (const row of c.rows) {
      const noted = row.adaptations.some(
        (a) => a === `--arch arm64: ${row.label} offers no choice of architecture; not used`,
      );
      // Lambda and Fargate run arm64 (Graviton)
      expect(noted, row.provider).toBe(row.provider !== 'aws-lambda' && row.provider !== 'aws-fargate');
    }
    // as wide as the content (--wide): within 100 columns the cell wraps the note
    expect(withView({ width: Infinity, colour: false }, () => renderComparisonTable(c))).toMatch(
      /adapted: --arch arm64: Cloudflare Workers offers no choice of architecture; not used/,
    );
    // the default architecture says nothing
    expect(
      (await compareFile(TRACE, {}, config({ memoryMb: 512 }), ['gcp-cloud-run'])).rows[0]?.adaptations,
    ).toEqual([]);
  });

  test("a duration model's arm64 speed-up does not apply where arm64 is not offered", async () => {
    // arm64 runs twice as fast on Lambda; on Cloud Run --arch is not used, run times stay as traced (40 ms, 900 ms)
    const durationModel = {
      curve: { kind: 'none' as const },
      measuredAtMb: null,
      measuredArch: 'x86_64' as const,
      armSpeedFactor: 2,
      extrapolate: false,
    };
    const cfg = config({ memoryMb: 1024, arch: 'arm64', durationModel, init: { kind: 'constant', ms: 0 } });
    // side by side (a single Cloud Run run refuses arm64)
    const c = await compareFile(TRACE, {}, cfg, ['gcp-cloud-run', 'aws-lambda']);
    const [run, lambda] = c.rows.map((r) => r.result);
    expect(run?.outcomes.latency.all.maxMs).toBeCloseTo(900, 6);
    expect(lambda?.outcomes.latency.all.maxMs).toBeCloseTo(450, 6);
  });
});

describe('what each platform bills', () => {
  test('Cloudflare Workers: requests and CPU time are billed, wall time is not', async () => {
    const c = await compareFile(TRACE, {}, config({ memoryMb: 128 }), ['cloudflare-workers']);
    const table = renderComparisonTable(c);
    expect(table).toMatch(/billed on: requests and CPU time per request/);
    expect(table).toMatch(/wall time are not billed/);
    expect(table).not.toMatch(/billed on: not billed/);
    // the single-platform report: the same line, under the same name
    const single = renderTable(
      await simulateFile(TRACE, {}, config({ memoryMb: 128, provider: 'cloudflare-workers' })),
    );
    expect(single).toMatch(/│ billed on\s+│ requests and CPU time per request/);
    expect(single).not.toMatch(/memory billed/);
  });
});
