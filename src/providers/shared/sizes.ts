/** Fixed sizes a platform offers, and the one a function asking for some memory gets. */

/**
 * The smallest offered size with at least `requestedMb`, else the largest. The note says what
 * happened when the size differs from the request (null when it is the same).
 */
export function sizeFor(
  sizesMb: readonly number[],
  requestedMb: number,
  what: (mb: number) => string,
): { memoryMb: number; note: string | null } {
  const sorted = [...sizesMb].sort((a, b) => a - b);
  const fit = sorted.find((s) => s >= requestedMb) ?? (sorted[sorted.length - 1] as number);
  if (fit === requestedMb) return { memoryMb: fit, note: null };
  const why = fit > requestedMb ? 'the smallest it offers with at least' : 'the largest it offers, below';
  return { memoryMb: fit, note: `${what(fit)}: ${why} the ${fmtMb(requestedMb)} asked for` };
}

export function fmtMb(mb: number): string {
  return mb >= 1024 && mb % 1024 === 0
    ? `${mb / 1024} GB`
    : mb >= 1024
      ? `${(mb / 1024).toFixed(1)} GB`
      : `${mb} MB`;
}
