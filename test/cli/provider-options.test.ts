/**
 * Issue 11 §1: an option that only some platforms have is an error for a provider that does not
 * take it (naming the option and the providers that do), and a note where several platforms run side
 * by side — never silently ignored.
 */
import { describe, expect, test } from 'vitest';
import { runIn } from '../helpers/run-in-process.js';
import { tempDir, writeTemp } from '../helpers/trace.js';

const GOOD = 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:10:00Z,7\n';

describe('platform-specific options', () => {
  const trace = writeTemp('ok.csv', GOOD);
  test.each([
    [
      'cloudflare-workers',
      ['--billing', 'request'],
      '--billing (scenario "billingMode") is for gcp-cloud-run; Cloudflare Workers has no such option',
    ],
    [
      'aws-lambda',
      ['--observed-memory', '256'],
      '--observed-memory (scenario "observedMemoryMb") is for azure-consumption; AWS Lambda has no such option',
    ],
    [
      'aws-lambda',
      ['--cpu-fraction', '0.5'],
      '--cpu-fraction (scenario "cpuFraction") is for azure-consumption, azure-flex, azure-premium, gcp-cloud-run, cloudflare-workers, azure-container-apps; AWS Lambda has no such option',
    ],
    [
      'azure-flex',
      ['--free-tier', '--free-tier-provisioned', 'included'],
      '--free-tier-provisioned (scenario "freeTierProvisioned") is for aws-lambda; Azure Functions Flex Consumption has no such option',
    ],
  ])('on %s, %j is an error naming the providers that take it', async (provider, flag, message) => {
    const r = await runIn(['simulate', trace, '--provider', provider, ...flag]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `faasim: ${message}\n`]);
  });

  test('the same option on a provider that takes it runs', async () => {
    for (const [provider, flag] of [
      ['gcp-cloud-run', ['--billing', 'instance', '--memory', '2048']],
      ['azure-consumption', ['--observed-memory', '256']],
      ['cloudflare-workers', ['--cpu-fraction', '0.5']],
      ['gcp-cloud-run', ['--cpu-fraction', '0.5']],
      ['azure-premium', ['--cpu-fraction', '0.5']],
      ['azure-consumption', ['--cpu-fraction', '0.5']],
      ['azure-flex', ['--cpu-fraction', '0.5']],
      ['aws-lambda', ['--free-tier', '--free-tier-provisioned', 'included']],
    ] as const) {
      const r = await runIn(['simulate', trace, '--provider', provider, ...flag, '--format', 'json']);
      expect(r.code).toBe(0);
    }
  });

  test('a scenario key is held to the same rule', async () => {
    const dir = tempDir();
    writeTemp('ok.csv', GOOD, dir);
    const scenario = writeTemp(
      's.json',
      JSON.stringify({ trace: 'ok.csv', provider: 'aws-lambda', billingMode: 'instance' }),
      dir,
    );
    const r = await runIn(['simulate', '--scenario', scenario]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      'faasim: --billing (scenario "billingMode") is for gcp-cloud-run; AWS Lambda has no such option\n',
    );
  });

  test('--provider all: every other platform says it did not use the option; Cloud Run bills by instance', async () => {
    const r = await runIn([
      'simulate',
      trace,
      '--provider',
      'all',
      '--billing',
      'instance',
      '--memory',
      '2048',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).rows as {
      provider: string;
      label: string;
      adaptations: string[];
      result: { config: { provider: string } } | null;
    }[];
    for (const row of rows) {
      const note = `--billing is for gcp-cloud-run: not used for ${row.label}`;
      if (row.provider === 'gcp-cloud-run') expect(row.adaptations).not.toContain(note);
      else expect(row.adaptations).toContain(note);
    }
  });

  test('a sweep over providers: a note, and each point runs', async () => {
    const r = await runIn([
      'sweep',
      trace,
      '--provider',
      'aws-lambda,gcp-cloud-run',
      '--memory',
      '2048',
      '--billing',
      'instance',
      '--workers',
      '1',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.points).toHaveLength(2);
    expect(rep.assumptions).toContain('--billing is for gcp-cloud-run: not used for AWS Lambda');
  });
});
