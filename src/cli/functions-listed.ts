import { inputError } from '../index.js';

/** Functions detailed by default; with this many or fewer, every one is, in trace order. */
export const DEFAULT_FUNCTIONS_LISTED = 20;

/** The flag's value as a count (Infinity for `all`); refuses anything but a decimal whole number ≥ 1 or `all`. */
export function parseFunctionsListed(text: unknown): number {
  if (text === undefined) return DEFAULT_FUNCTIONS_LISTED;
  const s = String(text);
  if (s === 'all') return Infinity;
  // decimal digits only: Number() would take "0x10", "1e3", " 5" and ""
  const n = /^[0-9]{1,15}$/.test(s) ? Number(s) : NaN;
  if (!(n >= 1))
    throw inputError('BAD_FLAG', `--functions ${JSON.stringify(s)} is not a whole number ≥ 1 or all`);
  return n;
}
