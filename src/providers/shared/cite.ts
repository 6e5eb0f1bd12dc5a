/** Provenance lines for the report: a default, and the figure it comes from. */
import type { Figure } from '../../pricing/figure.js';

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
