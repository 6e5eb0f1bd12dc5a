/**
 * docs/adding-a-provider.md, proven: test/fixtures/providers/toy/ was written by following the guide,
 * touching no file outside its folder; registering it (the one call below) is all it takes for
 * `simulate --provider toy`, `--provider all`, its own flag, its scenario key and --help.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerProvider, providerIds } from '../../src/providers/registry.js';
import { runIn } from '../helpers/run-in-process.js';
import { tempDir, writeTemp } from '../helpers/trace.js';
import { toyProvider } from '../fixtures/providers/toy/index.js';

// two requests a minute apart: the first cold (INIT 200 ms, toy.json), the second warm (keep-alive 10 min)
const TRACE = 'timestamp,duration_ms\n2026-01-01T00:00:00Z,100\n2026-01-01T00:01:00Z,300\n';

interface Line {
  id: string;
  monthlyUsd: number;
  quantity: number;
}

describe('a provider added by following docs/adding-a-provider.md', () => {
  let unregister: () => void = () => {};
  beforeAll(() => {
    unregister = registerProvider(toyProvider);
  });
  afterAll(() => unregister());
  const dir = tempDir();
  const trace = writeTemp('toy.csv', TRACE, dir);

  test('the registry lists it after the built-in providers', () => {
    expect(providerIds().at(-1)).toBe('toy');
    expect(() => registerProvider(toyProvider)).toThrow('provider "toy" is already registered');
  });

  test('simulate --provider toy bills as its sheet says, computed by hand', async () => {
    const r = await runIn([
      'simulate',
      trace,
      '--provider',
      'toy',
      '--memory',
      '1024',
      '--span',
      '1h',
      '--format',
      'json',
    ]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const out = JSON.parse(r.stdout);
    expect([out.config.provider, out.outcomes.coldStarts]).toEqual(['toy', 1]);
    const lines = out.cost.lines as Line[];
    // month factor 720 (30 d / 1 h); 2 requests → 1,440 a month × 1 USD per million
    expect(lines.find((l) => l.id === 'requests')!.monthlyUsd).toBeCloseTo(1440 * 1e-6, 12);
    // (200 ms INIT + 100 ms) + 300 ms = 0.6 s at 1 GB → 0.6 GB-s × 720 = 432 GB-s × 0.00001 USD
    expect(lines.find((l) => l.id === 'duration')!.quantity).toBeCloseTo(432, 9);
    expect(out.cost.monthlyUsd).toBeCloseTo(0.00144 + 0.00432, 12);
  });

  test('its own option: a flag, a scenario key, refused by a provider that does not take it', async () => {
    const flag = await runIn([
      'simulate',
      trace,
      '--provider',
      'toy',
      '--memory',
      '1024',
      '--span',
      '1h',
      '--toy-discount',
      '0.5',
      '--format',
      'json',
    ]);
    expect(flag.code).toBe(0);
    // half of 0.00576
    expect(JSON.parse(flag.stdout).cost.monthlyUsd).toBeCloseTo(0.00288, 12);
    const scenario = writeTemp(
      'toy.json',
      JSON.stringify({
        trace: 'toy.csv',
        provider: 'toy',
        memoryMb: 1024,
        span: '1h',
        toyDiscount: 0.25,
        format: 'json',
      }),
      dir,
    );
    const fromFile = await runIn(['simulate', '--scenario', scenario]);
    expect(JSON.parse(fromFile.stdout).cost.monthlyUsd).toBeCloseTo(0.00576 * 0.75, 12);
    const bad = await runIn(['simulate', trace, '--provider', 'toy', '--toy-discount', '2']);
    expect([bad.code, bad.stderr]).toEqual([2, 'faasim: --toy-discount "2" must be at most 0.9\n']);
    const other = await runIn(['simulate', trace, '--provider', 'aws-lambda', '--toy-discount', '0.5']);
    expect([other.code, other.stderr]).toEqual([
      2,
      'faasim: --toy-discount (scenario "toyDiscount") is for toy; AWS Lambda has no such option\n',
    ]);
  });

  test('--provider all runs it beside the built-in ones; the others say they did not use its option', async () => {
    const r = await runIn([
      'simulate',
      trace,
      '--provider',
      'all',
      '--memory',
      '1024',
      '--span',
      '1h',
      '--toy-discount',
      '0.5',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).rows as {
      provider: string;
      label: string;
      adaptations: string[];
      result: { cost: { monthlyUsd: number } } | null;
    }[];
    expect(rows.map((x) => x.provider)).toEqual(providerIds());
    const toy = rows.find((x) => x.provider === 'toy')!;
    expect(toy.adaptations).toEqual([]);
    expect(toy.result!.cost.monthlyUsd).toBeCloseTo(0.00288, 12);
    for (const row of rows.filter((x) => x.provider !== 'toy'))
      expect(row.adaptations).toContain(`--toy-discount is for toy: not used for ${row.label}`);
  });

  test('--help lists its flag and names it among the platforms', async () => {
    const r = await runIn(['simulate', '--help']);
    // commander wraps the help at 80 columns
    const help = r.stdout.replace(/\s+/g, ' ');
    expect(help).toContain(
      '--toy-discount <fraction> Toy Functions: the fraction taken off the whole bill (default 0)',
    );
    expect(help).toContain(
      'cloudflare-workers, azure-container-apps, aws-fargate, aws-lambda-managed-instances, toy;',
    );
  });
});
