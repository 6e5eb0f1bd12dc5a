/** `faasim --version` prints the version package.json declares, not a number written into the code. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readPackageVersion } from '../../src/cli/version.js';
import { packageRoot } from '../../src/pricing/dir.js';
import { runIn } from '../helpers/run-in-process.js';

describe('--version', () => {
  test('is the version field of the package.json it is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faasim-version-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '9.8.7-rc.1' }));
    expect(readPackageVersion(dir)).toBe('9.8.7-rc.1');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x' }));
    expect(() => readPackageVersion(dir)).toThrow(/package\.json has no "version" string/);
  });

  test('the CLI prints the version of the package.json next to it and exits 0', async () => {
    const declared = (
      JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }
    ).version;
    const r = await runIn(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${declared}\n`, stderr: '' });
  });
});
