/**
 * Every platform-specific setting on every platform, one run each (issue 11 §1: "options that do not
 * apply to the chosen provider are silently ignored"): on a platform that does not use it the run is
 * refused, naming the setting and the platforms it is for; on one that does, it is not refused as
 * "not for this platform" (its value may still be refused for a reason of that platform's own, e.g.
 * SnapStart's runtimes). The table is written out by hand, not read from the declarations, and must
 * name every setting the registry knows: a new option fails here until someone says where it applies.
 * The --provider all side (a note on the platforms that do not use it) is in
 * test/compare/provider-all-options.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { COMMON_SETTINGS } from '../../src/providers/options.js';
import { allOptions, providerIds } from '../../src/providers/registry.js';
import { cli } from '../helpers/cli.js';
import { every, writeTrace } from '../helpers/csv-trace.js';

const TRACE = writeTrace(every(10, 1000, { run: 100 }));

const LAMBDA = ['aws-lambda'];
const LAMBDAS = ['aws-lambda', 'aws-lambda-edge'];
const INIT_BY_RUNTIME = [
  'aws-lambda',
  'aws-lambda-edge',
  'azure-consumption',
  'azure-flex',
  'azure-premium',
  'gcp-functions-gen1',
  'gcp-cloud-run',
  'aws-lambda-managed-instances',
];

/**
 * setting → [flags that set it (with what it needs), the platforms that take it (registry order),
 * the setting a refusal names (the first of the flags the platform does not take)].
 */
const TABLE: Record<string, [string[], string[], string?]> = {
  arch: [
    ['--arch', 'arm64'],
    ['aws-lambda', 'aws-fargate'],
  ],
  runtime: [['--runtime', 'python3.12'], INIT_BY_RUNTIME],
  packageType: [['--package-type', 'image'], LAMBDAS],
  ephemeralStorageMb: [['--ephemeral-storage', '1024'], LAMBDAS],
  initBilling: [['--init-billing', 'before-2025-08-01'], LAMBDAS],
  concurrencyLimit: [['--concurrency-limit', '50'], LAMBDAS],
  // Azure Premium, Lambda@Edge, Fargate and Lambda Managed Instances have no free tier
  freeTier: [
    ['--free-tier'],
    [
      'aws-lambda',
      'azure-consumption',
      'azure-flex',
      'gcp-functions-gen1',
      'gcp-cloud-run',
      'cloudflare-workers',
      'azure-container-apps',
    ],
  ],
  freeTierProvisioned: [['--free-tier', '--free-tier-provisioned', 'included'], LAMBDA],
  snapstart: [['--snapstart'], LAMBDA],
  restore: [['--snapstart', '--restore', '100ms'], LAMBDA, 'snapstart'],
  frontDoor: [
    ['--front-door', 'alb'],
    ['aws-lambda', 'aws-fargate'],
  ],
  responseStreaming: [['--response-streaming'], LAMBDA],
  responseSize: [['--response-streaming', '--response-size', '1000'], LAMBDA, 'responseStreaming'],
  edgeTrigger: [['--edge-trigger', 'origin'], ['aws-lambda-edge']],
  observedMemoryMb: [['--observed-memory', '64'], ['azure-consumption']],
  cpuFraction: [
    ['--cpu-fraction', '0.5'],
    [
      'azure-consumption',
      'azure-flex',
      'azure-premium',
      'gcp-cloud-run',
      'cloudflare-workers',
      'azure-container-apps',
    ],
  ],
  alwaysReady: [['--always-ready', 'http=1'], ['azure-flex']],
  billingMode: [['--billing', 'instance'], ['gcp-cloud-run']],
  spot: [['--spot'], ['aws-fargate']],
  scaleToZero: [['--scale-to-zero'], ['aws-fargate']],
  vcpu: [['--vcpu', '1'], ['aws-fargate']],
};

describe('a setting a platform does not use is refused on it, never silently dropped', () => {
  test('the table names every platform-specific setting the registry knows', () => {
    const known = [...allOptions().map((o) => o.key), ...COMMON_SETTINGS.map((s) => s.key)];
    expect(Object.keys(TABLE).sort()).toEqual([...known].sort());
  });

  test("the settings every run has refuse only a value other than the run's default", () => {
    for (const s of COMMON_SETTINGS) expect(s.default, s.key).toEqual(DEFAULT_CONFIG[s.key]);
  });

  for (const [key, [flags, takers, named]] of Object.entries(TABLE)) {
    test(`${flags.join(' ')}: for ${takers.join(', ')} only`, async () => {
      const refusedKey = named ?? key;
      const refusedTakers = named === undefined ? takers : (TABLE[named]?.[1] ?? []);
      for (const provider of providerIds()) {
        const r = await cli(['simulate', TRACE, '--provider', provider, '--memory', '128', ...flags]);
        const refusal = `(scenario "${refusedKey}") is for ${refusedTakers.join(', ')}; `;
        if (takers.includes(provider)) {
          expect(r.stderr, provider).not.toContain('(scenario "');
        } else {
          expect([r.code, r.stdout], provider).toEqual([2, '']);
          expect(r.stderr, provider).toContain(refusal);
          expect(r.stderr.split('\n').length, provider).toBe(2);
        }
      }
    });
  }
});

describe('settings that would be silently raised or mean nothing alone are refused', () => {
  const run = (flags: string[]) => cli(['simulate', TRACE, ...flags]);

  test("--provisioned below Lambda Managed Instances' floor of 3: refused, with the reason and its source", async () => {
    for (const level of [1, 2]) {
      const r = await run(['--provider', 'aws-lambda-managed-instances', '--provisioned', String(level)]);
      expect([r.code, r.stdout], String(level)).toEqual([2, '']);
      expect(r.stderr).toMatch(
        new RegExp(
          `^faasim: --provisioned ${level} is below the 3 minimum instances AWS Lambda Managed Instances always keeps: 3 instances run at least, for AZ resiliency \\(https://docs\\.aws\\.amazon\\.com/lambda/.*\\); give 3 or more, or leave it out\\n$`,
        ),
      );
    }
    // 3 is the floor itself; side by side, 1 becomes 3 with a note
    expect((await run(['--provider', 'aws-lambda-managed-instances', '--provisioned', '3'])).code).toBe(0);
    const all = await cli(['simulate', TRACE, '--provider', 'all', '--provisioned', '1', '--format', 'json']);
    const rows = (JSON.parse(all.stdout) as { rows: { provider: string; adaptations: string[] }[] }).rows;
    expect(rows.find((r) => r.provider === 'aws-lambda-managed-instances')?.adaptations).toContain(
      '--provisioned 1: AWS Lambda Managed Instances always keeps 3 minimum instances; 3 used',
    );
  });

  test('a flag that needs another names it', async () => {
    expect((await run(['--measured-at', '1024'])).stderr).toBe(
      'faasim: --measured-at is the memory the trace\'s run times were measured at: it needs --duration-model (scenario "durationModel")\n',
    );
    expect((await run(['--free-tier-provisioned', 'included'])).stderr).toBe(
      'faasim: --free-tier-provisioned says whether the free tier covers functions with provisioned concurrency: it needs --free-tier (scenario "freeTier": true)\n',
    );
    // with what they need they run
    expect((await run(['--measured-at', '1024', '--duration-model', 'cpu-share:0.8'])).code).toBe(0);
    expect((await run(['--free-tier', '--free-tier-provisioned', 'included'])).code).toBe(0);
  });
});
