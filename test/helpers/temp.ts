/** A temp folder per test, removed after it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export function useTempDir(prefix = 'faasim-test-'): { file: (name: string, text?: string) => string } {
  let dir: string | null = null;
  afterEach(() => {
    if (dir !== null) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
  return {
    file(name: string, text?: string): string {
      dir ??= mkdtempSync(join(tmpdir(), prefix));
      const path = join(dir, name);
      if (text !== undefined) writeFileSync(path, text);
      return path;
    },
  };
}
