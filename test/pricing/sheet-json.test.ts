/**
 * Issue 10: a price sheet with a JSON syntax error is refused with its file, line and column, as a
 * scenario is (one JSON reader for both, src/util/json.ts), not with JSON.parse's "position 79".
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { getProvider } from '../../src/providers/registry.js';
import { tempDir } from '../helpers/trace.js';

/** A copy of the bundled price sheets with one file's text changed. */
function sheetsWith(file: string, edit: (text: string) => string): string {
  const dir = join(tempDir('faasim-pricing-'), 'pricing');
  cpSync(defaultPricingDir(), dir, { recursive: true });
  writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

function loadError(provider: string, dir: string): InputError {
  try {
    getProvider(provider).load(dir);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('price sheet JSON syntax errors give file, line and column', () => {
  test('a missing comma in aws-lambda.json', () => {
    // line 3 is `  "name": "AWS Lambda",`: drop its comma
    const dir = sheetsWith('aws-lambda.json', (t) =>
      t.replace('"name": "AWS Lambda",', '"name": "AWS Lambda"'),
    );
    const e = loadError('aws-lambda', dir);
    expect(e.message).toBe(
      `${join(dir, 'aws-lambda.json')}: AWS Lambda price sheet is not valid JSON: line 4, column 3: unexpected """; expected "," or "}" after the value of "name"`,
    );
  });

  test('a trailing comma in a sheet loaded through the shared loader (Cloud Run)', () => {
    const dir = sheetsWith('gcp-cloud-run.json', (t) => t.replace(/\}\s*$/, ',}\n'));
    const e = loadError('gcp-cloud-run', dir);
    expect(e.message).toMatch(
      /gcp-cloud-run\.json: .* is not valid JSON: line \d+, column \d+: unexpected "}"; expected a key in double quotes$/,
    );
  });

  test('a key given twice in a sheet is an error, not the last one silently', () => {
    const dir = sheetsWith('aws-lambda.json', (t) =>
      t.replace('"currency": "USD",', '"currency": "USD",\n  "currency": "EUR",'),
    );
    expect(loadError('aws-lambda', dir).message).toMatch(
      /line 5, column 3: key "currency" is given twice in one object \(first on line 4\)/,
    );
  });

  test('the bundled sheets still load', () => {
    for (const id of [
      'aws-lambda',
      'aws-lambda-edge',
      'azure-consumption',
      'azure-flex',
      'azure-premium',
      'gcp-functions-gen1',
      'gcp-cloud-run',
      'cloudflare-workers',
    ]) {
      expect(() => getProvider(id).load(defaultPricingDir())).not.toThrow();
    }
  });
});
