/**
 * Issue 14 §2: a provider is one folder, and nothing outside src/providers/ names a provider id (the
 * registry is the only list). This fails when code elsewhere special-cases a provider by its id, in
 * a string, an import path or a comment. Tests, docs, the README and the benchmarks (which pick a
 * provider, as a user does) may name them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';
import { providerIds } from '../../src/providers/registry.js';

const root = packageRoot();

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (/\.(ts|js|mjs|json)$/.test(name)) out.push(path);
  }
  return out;
}

/** "file:line: text" for each line of `files` naming one of `ids` as a whole token ("aws-lambda-power-tuning" is not "aws-lambda"). */
function mentions(files: readonly string[], ids: readonly string[]): string[] {
  const token = new RegExp(`(?<![\\w-])(${ids.map((id) => id.replace(/[-]/g, '\\-')).join('|')})(?![\\w-])`);
  const out: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (token.test(line)) out.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  return out;
}

describe('provider ids stay inside src/providers/', () => {
  const code = [...filesUnder(join(root, 'src')), ...filesUnder(join(root, 'scripts'))].filter(
    (f) => !relative(root, f).startsWith(join('src', 'providers')),
  );

  test('the registry knows the eleven built-in providers, the three container platforms last', () => {
    expect(providerIds()).toEqual([
      'aws-lambda',
      'aws-lambda-edge',
      'azure-consumption',
      'azure-flex',
      'azure-premium',
      'gcp-functions-gen1',
      'gcp-cloud-run',
      'cloudflare-workers',
      'azure-container-apps',
      'aws-fargate',
      'aws-lambda-managed-instances',
    ]);
  });

  test('no file in src/ outside src/providers/, nor in scripts/, names a provider id', () => {
    expect(code.length).toBeGreaterThan(100);
    expect(mentions(code, providerIds())).toEqual([]);
  });

  test('the check finds an id in a string, an import path and a comment, and not inside a longer name', () => {
    const dir = join(root, 'test', 'fixtures', 'provider-ids');
    expect(mentions([join(dir, 'mentions.txt')], providerIds())).toEqual([
      "test/fixtures/provider-ids/mentions.txt:2: if (provider === 'gcp-cloud-run') pick();",
      "test/fixtures/provider-ids/mentions.txt:3: import { x } from '../providers/azure-flex/index.js';",
      'test/fixtures/provider-ids/mentions.txt:4: // as cloudflare-workers bills it',
    ]);
  });
});
