/** `faasim validate`: scenarios and price sheets checked without running; problems with file, line and column. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runIn } from '../helpers/run-in-process.js';
import { useTempDir } from '../helpers/temp.js';

describe('faasim validate', () => {
  const tmp = useTempDir();

  test.each(readdirSync('scenarios').filter((f) => f.endsWith('.json')))(
    'scenarios/%s is valid',
    async (f) => {
      const r = await runIn(['validate', `scenarios/${f}`]);
      expect(r).toEqual({ code: 0, stdout: `scenarios/${f}: valid scenario\n`, stderr: '' });
    },
  );

  test.each([
    'aws-fargate',
    'aws-lambda',
    'aws-lambda-edge',
    'aws-lambda-managed-instances',
    'azure-consumption',
    'azure-container-apps',
    'azure-flex',
    'azure-premium',
    'cloudflare-workers',
    'gcp-cloud-run',
    'gcp-functions-gen1',
  ])('pricing/%s.json is a valid price sheet, recognised by its content', async (id) => {
    const r = await runIn(['validate', `pricing/${id}.json`]);
    expect(r).toEqual({ code: 0, stdout: `pricing/${id}.json: valid price sheet (${id})\n`, stderr: '' });
  });

  test("each schema problem with its line and column, in the file's order", async () => {
    const f = tmp.file(
      's.json',
      '{\n  "memoryMb": "big",\n  "bogus": 1,\n  "functions": { "a": { "memoryMb": -1 } }\n}\n',
    );
    const r = await runIn(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `faasim: ${f}:2:15: memoryMb: Invalid input: expected number, received string\n` +
        `faasim: ${f}:3:3: bogus: unknown key "bogus"\n` +
        `faasim: ${f}:4:37: functions.a.memoryMb: Too small: expected number to be >0\n`,
    );
  });

  test('a value the schema allows but a run would refuse (a keep-alive)', async () => {
    const f = tmp.file('s.json', '{\n  "keepAlive": "10 parsecs"\n}\n');
    const r = await runIn(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `faasim: ${f}:2:16: keepAlive: "10 parsecs" is not a keep-alive such as 10m, 5m..7m or forever\n`,
    );
  });

  test('JSON syntax errors: line and column from the scenario reader', async () => {
    const f = tmp.file('s.json', '{\n  "memoryMb": 5,\n  "memoryMb": 6\n}\n');
    const r = await runIn(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `faasim: ${f}: file is not valid JSON: line 3, column 3: key "memoryMb" is given twice in one object (first on line 2)\n`,
    );
  });

  test('--kind price-sheet on a scenario, --kind scenario on a sheet, an unknown provider, a bad --kind', async () => {
    const asSheet = await runIn(['validate', 'scenarios/example.json', '--kind', 'price-sheet']);
    expect(asSheet.code).toBe(2);
    // the example names its provider, so it is read as an AWS Lambda sheet: missing keys at the object, extra ones at the key
    expect(asSheet.stderr.split('\n')[0]).toBe(
      'faasim: scenarios/example.json:1:1: name: Invalid input: expected string, received undefined',
    );
    expect(asSheet.stderr).toContain('faasim: scenarios/example.json:3:3: trace: unknown key "trace"\n');
    const plain = tmp.file('p.json', '{\n  "memoryMb": 512\n}\n');
    const noProvider = await runIn(['validate', plain, '--kind', 'price-sheet']);
    expect(noProvider.stderr).toBe(
      `faasim: ${plain}:1:1: provider: a price sheet's "provider" must be one of aws-fargate, aws-lambda, aws-lambda-edge, aws-lambda-managed-instances, azure-consumption, azure-container-apps, azure-flex, azure-premium, cloudflare-workers, gcp-cloud-run, gcp-functions-gen1\n`,
    );
    const asScenario = await runIn(['validate', 'pricing/aws-lambda.json', '--kind', 'scenario']);
    expect(asScenario.code).toBe(2);
    expect(asScenario.stderr.split('\n')[0]).toBe(
      'faasim: pricing/aws-lambda.json:3:3: name: unknown key "name"',
    );
    const bad = await runIn(['validate', 'pricing/aws-lambda.json', '--kind', 'yaml']);
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr: 'faasim: --kind "yaml" must be scenario or price-sheet\n',
    });
  });

  test('a price sheet with a figure broken: the line of the figure', async () => {
    const text = readFileSync('pricing/cloudflare-workers.json', 'utf8').replace(
      '"currency": "USD"',
      '"currency": "EUR"',
    );
    const f = tmp.file('cf.json', text);
    const r = await runIn(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^faasim: ${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:15: currency: `),
    );
  });

  test('a scenario carrying "$schema" is read by simulate too', async () => {
    const f = tmp.file(
      's.json',
      JSON.stringify({
        $schema: '../schemas/scenario.schema.json',
        trace: `${process.cwd()}/scenarios/traces/azure-2fn-2h.csv`,
        memoryMb: 512,
        arch: 'arm64',
      }),
    );
    expect((await runIn(['validate', f])).code).toBe(0);
    const r = await runIn(['simulate', '--scenario', f, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| **this run** | **$12.89** |');
  });
});
