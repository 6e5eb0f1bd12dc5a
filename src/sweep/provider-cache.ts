/**
 * Loaded providers by id and figure patches, so a sweep (or a set of replicates) reads each price
 * sheet once per thread, and a sensitivity rerun with a patched figure never reuses the unpatched one.
 */
import type { FigurePatch } from '../pricing/figure.js';
import { getProvider } from '../providers/registry.js';
import type { LoadedProvider } from '../providers/types.js';

export class ProviderCache {
  readonly #pricingDir: string;
  readonly #loaded = new Map<string, LoadedProvider>();

  constructor(pricingDir: string) {
    this.#pricingDir = pricingDir;
  }

  get(id: string, patches: readonly FigurePatch[] = []): LoadedProvider {
    const key = patches.length === 0 ? id : `${id} ${JSON.stringify(patches)}`;
    let p = this.#loaded.get(key);
    if (!p) {
      p = getProvider(id).load(this.#pricingDir, patches);
      this.#loaded.set(key, p);
    }
    return p;
  }
}
