/** Money for sweep reports. */
import { usd } from '../report/format.js';

/** Dollars with four significant digits below $1,000, so small bills still compare across points. */
export function money(x: number): string {
  if (!Number.isFinite(x)) return '–';
  // free-tier credits leave float noise such as -1e-18 where the bill is zero
  if (Math.abs(x) < 5e-13) return '$0';
  const abs = Math.abs(x);
  const s = abs >= 1000 ? usd(abs).slice(1) : abs >= 1e-4 ? Number(abs.toPrecision(4)).toString() : abs.toPrecision(3);
  return `${x < 0 ? '-' : ''}$${s}`;
}
