/** Runs the shards of a simulate (`simulate … --shard I/N --format json`) into files, for the merge tests. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli } from './cli.js';

/** Runs shards 1..n of `args` into files of `dir` and returns their paths. */
export async function shards(dir: string, args: string[], n: number, tag = 's'): Promise<string[]> {
  const files: string[] = [];
  for (let i = 1; i <= n; i++) {
    const r = await cli(['simulate', ...args, '--shard', `${i}/${n}`, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const file = join(dir, `${tag}-${i}-of-${n}.json`);
    writeFileSync(file, r.stdout);
    files.push(file);
  }
  return files;
}

/** `simulate … --format json` whole, and merged from 2, 3 and 4 shards: the merges' stdout, by N. */
export async function singleAndMerged(
  dir: string,
  args: string[],
  tag: string,
  counts: readonly number[] = [2, 3, 4],
): Promise<{ single: string; merged: Map<number, string> }> {
  const single = await cli(['simulate', ...args, '--format', 'json']);
  expect(single.stderr).toBe('');
  expect(single.code).toBe(0);
  const merged = new Map<number, string>();
  for (const n of counts) {
    const files = await shards(dir, args, n, `${tag}-${n}`);
    const m = await cli(['merge', ...files.reverse(), '--format', 'json']);
    expect(m.stderr, `${tag}: ${n} shards`).toBe('');
    merged.set(n, m.stdout);
  }
  return { single: single.stdout, merged };
}
