/** Where the bundled price sheets live: pricing/ at the package root, found from this module. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The package root (the folder holding package.json), whether running from src/ or dist/src/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'pricing'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the faasim package root (package.json next to pricing/)');
    dir = up;
  }
}

export function defaultPricingDir(): string {
  cached ??= join(packageRoot(), 'pricing');
  return cached;
}
