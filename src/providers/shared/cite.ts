/** Provenance lines for the report: a default, and the figure it comes from. */
import { unconfirmedFigures, type Figure, type UnconfirmedFigure } from '../../pricing/figure.js';

export function cite(what: string, f: Pick<Figure, 'source' | 'effective' | 'confirmed'>): string {
  return `${what} (${f.source}, ${f.effective}${f.confirmed === false ? ', unconfirmed' : ''})`;
}

/** Collects the figures a bill applies, for CostReport.pricesUsed. */
export class PricesUsed {
  readonly list: { name: string; figure: Figure }[] = [];
  use(name: string, f: Figure): number {
    this.list.push({ name, figure: f });
    return f.value;
  }
}

export function fmtCount(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/**
 * The unconfirmed figures a bill rests on: every unconfirmed figure of the sheet outside the price
 * tables (`priceRoots`), and those inside them only if the bill applied them (other regions',
 * tiers' or architectures' prices, or an unused free tier, do not bear on it). The rest are filtered
 * by what they depend on once the run is resolved (src/providers/dependencies.ts).
 */
export function unconfirmedUsed(
  sheet: unknown,
  prices: PricesUsed,
  priceRoots: readonly string[],
): UnconfirmedFigure[] {
  // the sheet's own figure objects: one applied is the very object the walk finds
  const applied = new Set(prices.list.map((p) => p.figure));
  return unconfirmedFigures(sheet).filter((u) => {
    const root = u.path.split('.')[0] ?? '';
    return !priceRoots.includes(root) || applied.has(u.figure);
  });
}
