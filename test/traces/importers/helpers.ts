/** Shared by the importer tests: a per-test temp folder that is removed, and a trace loaded from text. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'faasim-import-'));
  dirs.push(d);
  return d;
}

export function write(name: string, text: string): string {
  const file = join(scratch(), name);
  writeFileSync(file, text);
  return file;
}

export const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

/** Epoch ms of a UTC time written as text, for hand-computed expectations. */
export function utc(text: string): number {
  return Date.parse(`${text}Z`);
}
