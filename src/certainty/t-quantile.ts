/**
 * The 0.975 quantile of Student's t distribution, for two-sided 95 % confidence intervals of a mean
 * from n replicates (n − 1 degrees of freedom). Up to 30 degrees of freedom from the printed table
 * (4 decimals, as every statistics text prints it); above, the Cornish–Fisher expansion around the
 * normal quantile (Abramowitz & Stegun 26.7.5), which at 31 degrees of freedom is already within
 * 1e-5 of the exact value and only gets closer.
 */

/** t(0.975, ν) for ν = 1..30; index ν − 1 */
const T975: readonly number[] = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604,
  2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555,
  2.0518, 2.0484, 2.0452, 2.0423,
];

/** the standard normal's 0.975 quantile */
const Z975 = 1.959963984540054;

/** t(0.975, ν): the multiple of the standard error that a 95 % interval spans on each side. */
export function t975(dof: number): number {
  if (!(Number.isInteger(dof) && dof >= 1))
    throw new RangeError(`degrees of freedom must be a whole number ≥ 1, got ${dof}`);
  if (dof <= T975.length) return T975[dof - 1] as number;
  const z = Z975;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const z9 = z ** 9;
  const g1 = (z3 + z) / 4;
  const g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
  const g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
  const g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160;
  return z + g1 / dof + g2 / dof ** 2 + g3 / dof ** 3 + g4 / dof ** 4;
}
