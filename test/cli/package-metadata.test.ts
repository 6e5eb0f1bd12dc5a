/**
 * package.json and the changelog point to no repository address: none is published, and a guessed one
 * (npm shows it as the project's home) would send people to someone else's page or to nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';

const root = packageRoot();

describe('package metadata', () => {
  test('package.json declares no repository, homepage or bugs address', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect({ repository: pkg.repository, homepage: pkg.homepage, bugs: pkg.bugs }).toEqual({
      repository: undefined,
      homepage: undefined,
      bugs: undefined,
    });
  });

  test('the changelog links no repository host', () => {
    const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    expect(changelog.match(/https?:\/\/(github|gitlab)\.com\/\S*/g) ?? []).toEqual([]);
  });
});
