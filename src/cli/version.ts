/** faasim's version for `--version`: read from package.json, so a release cannot print a stale number. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../index.js';

let cached: string | undefined;

export function packageVersion(): string {
  cached ??= readPackageVersion(packageRoot());
  return cached;
}

/** The "version" of the package.json in `root`. */
export function readPackageVersion(root: string): string {
  const file = join(root, 'package.json');
  const manifest: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const version = (manifest as { version?: unknown } | null)?.version;
  if (typeof version !== 'string') throw new Error(`${file} has no "version" string`);
  return version;
}
