/**
 * schemas/: the committed files are what `npm run schemas` generates, and they accept what faasim
 * reads and writes (bundled scenarios, price sheets, real --format json outputs) and refuse broken
 * copies of them. Validated with ajv (a devDependency: faasim itself validates with zod).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';
import { generateSchemas } from '../../scripts/schemas.js';
import { runIn } from '../helpers/run-in-process.js';

const root = packageRoot();
const read = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validator = (file: string) => ajv.compile(read(`schemas/${file}`) as object);
const clone = <T>(v: T): T => structuredClone(v);

describe('schemas/ is what npm run schemas writes', () => {
  test('every generated file is committed, byte for byte, and nothing else', () => {
    const generated = generateSchemas(root);
    const committed = readdirSync(join(root, 'schemas'))
      .filter((f) => f.endsWith('.schema.json'))
      .sort();
    expect(committed).toEqual([...generated.keys()].sort());
    for (const [file, text] of generated)
      expect(readFileSync(join(root, 'schemas', file), 'utf8'), file).toBe(text);
  });
});

describe('the scenario schema', () => {
  const valid = validator('scenario.schema.json');
  const scenarios = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.json'));

  test.each(scenarios)('accepts scenarios/%s', (f) => {
    expect(valid(read(`scenarios/${f}`)), JSON.stringify(valid.errors)).toBe(true);
  });

  test('accepts "$schema" and function names of any kind', () => {
    expect(
      valid({
        $schema: '../schemas/scenario.schema.json',
        memoryMb: 512,
        functions: { '__proto__ | *x*': { memoryMb: 256 } },
      }),
    ).toBe(true);
  });

  test.each([
    ['an unknown key', { memoryMb: 512, bogus: 1 }],
    ['memory as text', { memoryMb: '512' }],
    ['a fractional memory size', { memoryMb: 1000.5 }],
    ['an unknown format', { format: 'yaml' }],
    ['an unknown key in a function', { functions: { api: { memory: 256 } } }],
  ])('refuses %s', (_what, doc) => {
    expect(valid(doc)).toBe(false);
  });
});

describe('the price-sheet schemas', () => {
  const sheets = readdirSync(join(root, 'schemas'))
    .filter((f) => f.startsWith('price-sheet.'))
    .map((f) => f.replace(/^price-sheet\.|\.schema\.json$/g, ''));

  test('there is one per provider', () => expect(sheets.length).toBe(11));

  test.each(sheets)('accepts pricing/%s.json and refuses it with a figure broken', (id) => {
    const valid = validator(`price-sheet.${id}.schema.json`);
    const sheet = read(`pricing/${id}.json`) as Record<string, unknown>;
    expect(valid(sheet), JSON.stringify(valid.errors)).toBe(true);
    const broken = clone(sheet);
    broken['currency'] = 42;
    expect(valid(broken)).toBe(false);
    const extra = { ...clone(sheet), surprise: true };
    expect(valid(extra)).toBe(false);
  });
});

describe('the output schemas accept real outputs and refuse broken ones', () => {
  test.each(['example', 'example-pings', 'example-provisioned', 'keep-warm'])(
    'faasim.simulate/v1: scenarios/%s.json --format json',
    async (name) => {
      const valid = validator('simulate.v1.schema.json');
      const r = await runIn(['simulate', '--scenario', `scenarios/${name}.json`, '--format', 'json']);
      expect([r.code, r.stderr]).toEqual([0, '']);
      const out = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(valid(out), JSON.stringify(valid.errors)).toBe(true);
      const noCost = clone(out);
      delete noCost['cost'];
      expect(valid(noCost)).toBe(false);
      const wrongType = clone(out) as { outcomes: { requests: unknown } };
      wrongType.outcomes.requests = '5632';
      expect(valid(wrongType)).toBe(false);
      expect(valid({ ...clone(out), schema: 'faasim.sweep/v1' })).toBe(false);
      expect(valid({ ...clone(out), unknownField: 1 })).toBe(false);
    },
  );

  test('faasim.simulate/v1 with --baseline', async () => {
    const r = await runIn([
      'simulate',
      '--scenario',
      'scenarios/example.json',
      '--format',
      'json',
      '--baseline',
      'test/golden/example.json',
    ]);
    expect(r.code).toBe(0);
    const valid = validator('simulate.v1.schema.json');
    const out = JSON.parse(r.stdout) as { baseline: { metrics: { relative: unknown }[] } };
    expect(valid(out), JSON.stringify(valid.errors)).toBe(true);
    out.baseline.metrics[0]!.relative = 'none';
    expect(valid(out)).toBe(false);
  });

  test('faasim.keep-warm/v1 (compare --format json)', async () => {
    const r = await runIn([
      'compare',
      '--scenario',
      'scenarios/keep-warm.json',
      '--no-break-even',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const valid = validator('keep-warm.v1.schema.json');
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(valid(out), JSON.stringify(valid.errors)).toBe(true);
    delete out['strategies'];
    expect(valid(out)).toBe(false);
  });

  test('faasim.compare/v1 (simulate --provider LIST)', async () => {
    const r = await runIn([
      'simulate',
      '--scenario',
      'scenarios/example.json',
      '--provider',
      'aws-lambda,gcp-cloud-run,cloudflare-workers',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const valid = validator('compare.v1.schema.json');
    const out = JSON.parse(r.stdout) as { rows: { result: unknown }[] };
    expect(valid(out), JSON.stringify(valid.errors)).toBe(true);
    out.rows[0]!.result = { schema: 'faasim.simulate/v1' };
    expect(valid(out)).toBe(false);
  });

  test('faasim.sweep/v1', async () => {
    const r = await runIn([
      'sweep',
      '--scenario',
      'scenarios/example.json',
      '--memory',
      '256,1024',
      '--duration-model',
      'cpu-share:0.8',
      '--measured-at',
      '512',
      '--workers',
      '1',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const valid = validator('sweep.v1.schema.json');
    const out = JSON.parse(r.stdout) as { points: { monthlyUsd: unknown }[] };
    expect(valid(out), JSON.stringify(valid.errors)).toBe(true);
    out.points[0]!.monthlyUsd = '$1';
    expect(valid(out)).toBe(false);
  });

  test('faasim.sweep-shard/v1 (sweep --shard I/N): both shards, with NaN written as {"$num": "NaN"}', async () => {
    const valid = validator('sweep-shard.v1.schema.json');
    const sweep = ['sweep', '--scenario', 'scenarios/example.json', '--memory', '256,1024', '--workers', '1'];
    for (const shard of ['1/2', '2/2']) {
      const r = await runIn([...sweep, '--shard', shard]);
      expect(r.code).toBe(0);
      // a figure of no requests (NaN) travels as {"$num": "NaN"}: the schema must take it
      expect(r.stdout).toContain('{"$num":"NaN"}');
      const out = JSON.parse(r.stdout) as {
        shard: { index: unknown };
        points: { result: { outcomes: { requests: unknown } } }[];
      };
      expect(valid(out), JSON.stringify(valid.errors)).toBe(true);
      expect(valid({ ...clone(out), schema: 'faasim.sweep/v1' })).toBe(false);
      const badIndex = clone(out);
      badIndex.shard.index = 'first';
      expect(valid(badIndex)).toBe(false);
      const badNumber = clone(out);
      badNumber.points[0]!.result.outcomes.requests = { $num: 'many' };
      expect(valid(badNumber)).toBe(false);
    }
  });

  test('faasim.inspect/v1 and faasim-calibration/1', async () => {
    const i = await runIn(['inspect', 'scenarios/traces/azure-2fn-2h.csv', '--format', 'json']);
    expect(i.code).toBe(0);
    const inspect = validator('inspect.v1.schema.json');
    const iOut = JSON.parse(i.stdout) as Record<string, unknown>;
    expect(inspect(iOut), JSON.stringify(inspect.errors)).toBe(true);
    expect(inspect({ ...iOut, rows: 'many' })).toBe(false);

    const c = await runIn(['calibrate', 'test/fixtures/calibrate/embr-report-2023.csv', '--format', 'json']);
    expect(c.code).toBe(0);
    const calibrate = validator('calibrate.v1.schema.json');
    const cOut = JSON.parse(c.stdout) as Record<string, unknown>;
    expect(calibrate(cOut), JSON.stringify(calibrate.errors)).toBe(true);
    expect(calibrate({ ...cOut, schema: 'faasim.simulate/v1' })).toBe(false);
  });
});
