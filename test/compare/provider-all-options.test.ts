/**
 * `simulate --provider all` with a setting one platform cannot take: that platform's row says
 * "not run" with the reason and every other platform runs (issue 11: "with --provider all, a note
 * saying where it was not used"); a setting only one platform has is a note on the others'.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PER_PLATFORM_ERRORS } from '../../src/compare.js';
import { packageRoot } from '../../src/pricing/dir.js';
import { cli } from '../helpers/cli.js';
import { every, writeTrace } from '../helpers/csv-trace.js';

interface Row {
  provider: string;
  error: string | null;
  result: unknown;
  adaptations: string[];
}

const TRACE = writeTrace(every(60, 1000, { run: 100 }));

async function rows(flags: string[]): Promise<Row[]> {
  const r = await cli(['simulate', TRACE, '--provider', 'all', ...flags, '--format', 'json']);
  expect([r.code, r.stderr]).toEqual([0, '']);
  return (JSON.parse(r.stdout) as { rows: Row[] }).rows;
}

/** The ids of the rows that did not run, each with its reason, and that every other row ran. */
function notRun(all: Row[]): Record<string, string> {
  for (const row of all) expect(row.error === null).toBe(row.result !== null);
  return Object.fromEntries(all.filter((r) => r.error !== null).map((r) => [r.provider, r.error as string]));
}

describe('--provider all: one platform that cannot take a setting does not stop the others', () => {
  const cases: [string[], string, RegExp][] = [
    [['--vcpu', '3'], 'aws-fargate', /^--vcpu 3: a Fargate task has 0\.25, 0\.5, 1, 2, 4, 8, 16 vCPU/],
    [
      ['--snapstart'],
      'aws-lambda',
      /^--snapstart: AWS Lambda SnapStart supports the runtimes .*not nodejs22\.x$/,
    ],
    [
      ['--response-streaming', '--response-size', '300000000'],
      'aws-lambda',
      /^--response-size 300000000: a streamed Lambda response is at most 209,715,200 bytes/,
    ],
    [['--max-instances', '5000000'], 'azure-consumption', /^--max-instances 5000000 is above .*limit of 200/],
  ];
  for (const [flags, provider, reason] of cases) {
    test(`${flags.join(' ')}: ${provider} not run, with the reason`, async () => {
      const all = await rows(flags);
      const failed = notRun(all);
      expect(failed[provider]).toMatch(reason);
      // the platforms without the setting's limit ran: AWS Lambda or Google Cloud Run, at least
      expect(all.filter((r) => r.result !== null).length).toBeGreaterThan(all.length / 2);
    });
  }

  test('--restore without --snapstart contradicts the flags themselves: refused before any platform runs', async () => {
    const r = await cli(['simulate', TRACE, '--provider', 'all', '--restore', '100ms']);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      'faasim: --restore is the SnapStart restore latency: it needs --snapstart (scenario "snapstart": true)\n',
    ]);
  });

  test('--runtime java21: Lambda@Edge (Node.js and Python only) not run, AWS Lambda runs it', async () => {
    const all = await rows(['--runtime', 'java21']);
    const failed = notRun(all);
    expect(failed['aws-lambda-edge']).toMatch(
      /^Lambda@Edge runs Node\.js and Python functions only, not java21/,
    );
    expect(failed['aws-lambda']).toBeUndefined();
  });

  test('--ephemeral-storage 20000: AWS Lambda (512..10240 MB) not run; Cloud Run runs', async () => {
    const failed = notRun(await rows(['--ephemeral-storage', '20000']));
    expect(failed['aws-lambda']).toBe(
      "ephemeral storage 20000 MB is outside AWS Lambda's 512..10240 MB (whole MB)",
    );
    expect(failed['gcp-cloud-run']).toBeUndefined();
  });

  test('--prewarmed 5 (Azure Premium only): a note on every other row, and every row runs', async () => {
    const all = await rows(['--prewarmed', '5']);
    expect(notRun(all)).toEqual({});
    for (const row of all.filter((r) => r.provider !== 'azure-premium'))
      expect(row.adaptations).toContain(`--prewarmed is for azure-premium: not used for ${labelOf(row)}`);
    expect(all.find((r) => r.provider === 'azure-premium')?.adaptations.join('\n')).not.toMatch(/prewarmed/);
  });

  test('run-wide settings a platform does not use (refused on it alone): a note on its row, and every row runs', async () => {
    const all = await rows([
      '--package-type',
      'image',
      '--init-billing',
      'before-2025-08-01',
      '--runtime',
      'python3.12',
    ]);
    expect(notRun(all)).toEqual({});
    const lambdas = ['aws-lambda', 'aws-lambda-edge'];
    // the runtime picks an INIT distribution or a throughput on these; nothing on the other three
    const runtimeUnused = ['cloudflare-workers', 'azure-container-apps', 'aws-fargate'];
    for (const row of all) {
      const notes = row.adaptations;
      const lambda = lambdas.includes(row.provider);
      expect(
        notes.includes(
          `--package-type image is for aws-lambda, aws-lambda-edge: not used for ${labelOf(row)}`,
        ),
        row.provider,
      ).toBe(!lambda);
      expect(
        notes.includes(
          `--init-billing before-2025-08-01 is for aws-lambda, aws-lambda-edge: not used for ${labelOf(row)}`,
        ),
        row.provider,
      ).toBe(!lambda);
      expect(
        notes.some((n) => n.startsWith('--runtime python3.12 is for ')),
        row.provider,
      ).toBe(runtimeUnused.includes(row.provider));
    }
  });
});

test("a function's own provisioned below Managed Instances' floor of 3: that row not run with its reason, not the end of the whole run", async () => {
  // the run-wide --provisioned is raised to the floor with a note; a scenario function's own value
  // is refused by the platform, which with --provider all is that row's reason, not the run's end
  const scenario = join(dirname(TRACE), 'provisioned-2.json');
  writeFileSync(scenario, JSON.stringify({ trace: TRACE, functions: { f: { provisioned: 2 } } }));
  const r = await cli(['simulate', '--scenario', scenario, '--provider', 'all', '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const failed = notRun((JSON.parse(r.stdout) as { rows: Row[] }).rows);
  // the platforms that keep no instances ready ahead of requests are not run either (their reason)
  expect(Object.keys(failed).sort()).toEqual([
    'aws-lambda-edge',
    'aws-lambda-managed-instances',
    'azure-consumption',
    'cloudflare-workers',
  ]);
  expect(failed['aws-lambda-managed-instances']).toMatch(/provisioned 2 is below the 3 minimum instances/);
});

function labelOf(row: Row): string {
  return (row as unknown as { label: string }).label;
}

test('every error a provider throws is one that puts its row as "not run", not one that stops --provider all', () => {
  // the codes thrown under src/providers/ (UNKNOWN_PROVIDER: a --provider value, before any run)
  const codes = new Set<string>();
  const root = join(packageRoot(), 'src/providers');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/inputError\(\s*'([A-Z_]+)'/g))
          codes.add(m[1] as string);
    }
  };
  walk(root);
  codes.delete('UNKNOWN_PROVIDER');
  // a malformed --always-ready value is refused when the flag is parsed, before any platform runs
  codes.delete('BAD_ALWAYS_READY');
  // --free-tier-provisioned without --free-tier: a contradiction between flags, refused while they are resolved
  codes.delete('FREE_TIER_PROVISIONED_WITHOUT_FREE_TIER');
  // thrown only by a simulate --shard run, which takes one provider (never --provider all)
  codes.delete('NOT_SHARDABLE');
  expect(codes.size).toBeGreaterThan(10);
  expect([...codes].filter((c) => !PER_PLATFORM_ERRORS.has(c)).sort()).toEqual([]);
});
