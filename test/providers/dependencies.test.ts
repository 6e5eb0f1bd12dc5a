/**
 * The report's notes and unconfirmed figures name only what the run used: a default the user
 * overrode, a provisioned-only figure without provisioned instances, the async policy without async
 * requests, another region's, architecture's, size's or tier's figure are left out.
 */
import { describe, expect, test } from 'vitest';
import { compareFile } from '../../src/compare.js';
import { providerIds } from '../../src/providers/registry.js';
import type { SimulationResult } from '../../src/simulate.js';
import { config, every, merge, simulate, SPAN_MILLI_MONTH, writeTrace } from '../helpers/csv-trace.js';

const SYNC = every(50, 30_000, { run: 100 });
const WITH_ASYNC = merge(SYNC, every(10, 30_000, { fn: 'worker', run: 100, async: true }, 15_000));
const base = { spanMs: SPAN_MILLI_MONTH, init: { kind: 'constant' as const, ms: 0 } };

const paths = (r: SimulationResult): string[] => r.cost.unconfirmed.map((u) => u.path);
const notes = (r: SimulationResult): string => r.assumptions.join('\n');

describe('AWS Lambda', () => {
  test('defaults: keep-alive and account concurrency in the notes, keep-alive figures unconfirmed', async () => {
    const r = await simulate(SYNC, { ...base, provider: 'aws-lambda' });
    expect(notes(r)).toMatch(/keep-alive 5\.\.7 min \(https:\/\/mikhail\.io/);
    expect(notes(r)).toMatch(/account concurrency 1000/);
    expect(paths(r)).toEqual(['platform.keepAliveMinMs', 'platform.keepAliveMaxMs']);
  });

  test('--keep-alive and --concurrency-limit replace the defaults: their notes and figures go', async () => {
    const r = await simulate(SYNC, {
      ...base,
      provider: 'aws-lambda',
      keepAlive: { kind: 'forever' },
      concurrencyLimit: 3,
    });
    expect(r.config.keepAlive).toBe('forever (never expires)');
    expect(r.config.concurrencyLimit).toBe(3);
    expect(notes(r)).not.toMatch(/keep-alive 5\.\.7 min|mikhail\.io/);
    expect(notes(r)).not.toMatch(/account concurrency 1000/);
    expect(paths(r)).toEqual([]);
  });

  test('provisioned-only figures: only with provisioned instances; the free-tier rule only with the free tier too', async () => {
    const none = await simulate(SYNC, { ...base, provider: 'aws-lambda', freeTier: true });
    expect(paths(none).filter((p) => /provisioned/i.test(p))).toEqual([]);
    const prov = await simulate(SYNC, { ...base, provider: 'aws-lambda', provisioned: 1 });
    expect(paths(prov)).toEqual(
      expect.arrayContaining(['billing.provisionedInitRate', 'billing.provisionedRecycleMs']),
    );
    expect(paths(prov)).not.toContain('freeTier.excludesProvisionedFunctions');
    const both = await simulate(SYNC, { ...base, provider: 'aws-lambda', provisioned: 1, freeTier: true });
    expect(paths(both)).toContain('freeTier.excludesProvisionedFunctions');
  });

  test("a region priced from a third party: only the chosen architecture's figures", async () => {
    const r = await simulate(SYNC, { ...base, provider: 'aws-lambda', region: 'af-south-1', arch: 'arm64' });
    const regional = paths(r).filter((p) => p.startsWith('regions.'));
    expect(regional).toEqual([
      'regions.af-south-1.architectures.arm64.requestPerMillion',
      'regions.af-south-1.architectures.arm64.durationTiers.0.price',
    ]);
  });

  test('the async retry policy: only for traces with async requests', async () => {
    const sync = await simulate(SYNC, { ...base, provider: 'aws-lambda' });
    expect(notes(sync)).not.toMatch(/async retries/);
    const async = await simulate(WITH_ASYNC, { ...base, provider: 'aws-lambda' });
    expect(notes(async)).toMatch(/async retries from 1 s/);
  });
});

describe('other platforms', () => {
  test('Cloudflare Workers: no async figures for a sync trace; with async requests, its three', async () => {
    const sync = await simulate(SYNC, { ...base, provider: 'cloudflare-workers' });
    expect(paths(sync)).toEqual(['platform.perIsolateConcurrency']);
    const async = await simulate(WITH_ASYNC, {
      ...base,
      provider: 'cloudflare-workers',
      perInstanceConcurrency: 10,
    });
    expect(paths(async)).toEqual([
      'platform.asyncFirstRetryMs',
      'platform.asyncMaxRetryMs',
      'platform.asyncMaxEventAgeMs',
    ]);
  });

  test('Azure Flex: the requests per instance of the size used, none when given', async () => {
    const r = await simulate(SYNC, { ...base, provider: 'azure-flex', memoryMb: 2048 });
    const sizes = paths(r).filter((p) => /erInstanceConcurrency$/.test(p));
    expect(sizes).toEqual(['platform.instanceSizes.1.perInstanceConcurrency']);
    expect(notes(r)).toMatch(/16 HTTP executions at once per 2 GB instance/);
    const given = await simulate(SYNC, {
      ...base,
      provider: 'azure-flex',
      memoryMb: 2048,
      perInstanceConcurrency: 8,
    });
    expect(paths(given).filter((p) => /erInstanceConcurrency$/.test(p))).toEqual([]);
    expect(notes(given)).not.toMatch(/HTTP executions at once/);
  });

  test('Azure Premium: the default always-ready instance only when the run keeps to it', async () => {
    const min = await simulate(SYNC, { ...base, provider: 'azure-premium' });
    expect(paths(min)).toContain('billing.alwaysReadyDefault');
    expect(notes(min)).toMatch(/at least 1 always-ready instance per function/);
    const two = await simulate(SYNC, { ...base, provider: 'azure-premium', provisioned: 2, maxInstances: 5 });
    expect(paths(two)).not.toContain('billing.alwaysReadyDefault');
    expect(notes(two)).not.toMatch(/always-ready instance per function|at most 100 instances/);
  });

  test('Azure Consumption: --max-instances drops the 200-per-app cap from the notes, not the instance size the bill rests on', async () => {
    const dflt = await simulate(SYNC, { ...base, provider: 'azure-consumption' });
    expect(notes(dflt)).toMatch(/instances of 1\.5 GB \(/);
    expect(notes(dflt)).toMatch(/at most 200 instances per function app/);
    const given = await simulate(SYNC, { ...base, provider: 'azure-consumption', maxInstances: 10 });
    expect(notes(given)).toMatch(/instances of 1\.5 GB \(/);
    expect(notes(given)).not.toMatch(/at most 200/);
    expect(paths(given)).not.toContain('platform.maxInstances');
  });

  test('Cloudflare Workers: --keep-alive drops the warm share, not that isolates are unlimited; --max-instances drops that', async () => {
    const ka = await simulate(SYNC, {
      ...base,
      provider: 'cloudflare-workers',
      keepAlive: { kind: 'fixed', ms: 600_000 },
    });
    expect(notes(ka)).not.toMatch(/requests warm/);
    expect(notes(ka)).toMatch(/no limit on the number of isolates/);
    const capped = await simulate(SYNC, { ...base, provider: 'cloudflare-workers', maxInstances: 5 });
    expect(notes(capped)).toMatch(/requests warm/);
    expect(notes(capped)).not.toMatch(/no limit/);
  });

  test('Cloud Run in a tier-2 region with the free tier: the tier-1 prices its credit uses are listed', async () => {
    const r = await simulate(SYNC, {
      ...base,
      provider: 'gcp-cloud-run',
      region: 'europe-west3',
      freeTier: true,
    });
    expect(paths(r)).toEqual(
      expect.arrayContaining(['tiers.1.request.memoryPerGibS', 'tiers.2.request.memoryPerGibS']),
    );
    expect(paths(r)).not.toContain('tiers.1.request.idleMemoryPerGibS');
  });
});

describe('--provider all', () => {
  test("a setting given replaces every platform's default: no row counts its figures", async () => {
    const file = writeTrace(SYNC);
    const c = await compareFile(
      file,
      {},
      config({ ...base, keepAlive: { kind: 'fixed', ms: 600_000 } }),
      providerIds(),
    );
    for (const row of c.rows) {
      const r = row.result as SimulationResult;
      expect(
        paths(r).filter((p) => /keepAlive/.test(p)),
        row.provider,
      ).toEqual([]);
      expect(
        paths(r).filter((p) => /async/.test(p)),
        row.provider,
      ).toEqual([]);
    }
  });
});
