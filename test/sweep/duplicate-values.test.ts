/**
 * A swept flag's comma list is read as a set (sweep/build.ts gridDimensions): a value listed twice
 * counts once, as simulate's --provider list does. A list of one value listed twice is that value, not
 * a flag value of "aws-lambda,aws-lambda".
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/trace.js';

describe('sweep: a value listed twice', () => {
  test('--provider aws-lambda,aws-lambda and --arch arm64,arm64 sweep as the value given once', async () => {
    const file = join(tempDir(), 'tiny.csv');
    writeFileSync(file, 'timestamp,duration_ms\n2024-01-01T00:00:00Z,100\n2024-01-01T00:00:10Z,100\n');
    const once = await cli([
      'sweep',
      file,
      '--memory',
      '128',
      '--provider',
      'aws-lambda',
      '--arch',
      'arm64',
      '--format',
      'json',
    ]);
    expect(once.code, once.stderr).toBe(0);
    const twice = await cli([
      'sweep',
      file,
      '--memory',
      '128',
      '--provider',
      'aws-lambda,aws-lambda',
      '--arch',
      'arm64, arm64',
      '--format',
      'json',
    ]);
    expect(twice.stderr).toBe('');
    expect(twice.code).toBe(0);
    expect(twice.stdout).toBe(once.stdout);
    expect(JSON.parse(twice.stdout).points).toHaveLength(1);
  });
});
