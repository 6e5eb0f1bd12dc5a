/** Column widths that fit a table into a line width. */

/**
 * Narrows the widest columns first, one column at a time, until the widths plus the table's
 * borders (one more than the columns) fit `width`; no column goes below `min`. Returns the
 * widths unchanged when they fit already.
 */
export function fitWidths(widths: readonly number[], width: number, min = 8): number[] {
  const out = [...widths];
  const borders = out.length + 1;
  let excess = out.reduce((a, b) => a + b, 0) + borders - width;
  while (excess > 0) {
    let widest = 0;
    for (let i = 1; i < out.length; i++) if ((out[i] as number) > (out[widest] as number)) widest = i;
    if ((out[widest] as number) <= min) break;
    out[widest] = (out[widest] as number) - 1;
    excess--;
  }
  return out;
}

/**
 * As fitWidths, but each column keeps room for its longest word (`floors`, padding included) as
 * long as the table can fit without it: wrapped text stays readable, and a name (a dotted figure
 * path, a function name) is truncated only when nothing else is left to narrow.
 */
export function fitWidthsKeepingWords(
  widths: readonly number[],
  floors: readonly number[],
  width: number,
  min = 8,
): number[] {
  const out = [...widths];
  let excess = out.reduce((a, b) => a + b, 0) + out.length + 1 - width;
  const narrowest = (i: number, floor: (i: number) => number) => (out[i] as number) > floor(i);
  for (const floor of [
    (i: number) => Math.max(min, Math.min(floors[i] ?? min, widths[i] as number)),
    () => min,
  ]) {
    while (excess > 0) {
      let widest = -1;
      for (let i = 0; i < out.length; i++)
        if (narrowest(i, floor) && (widest < 0 || (out[i] as number) > (out[widest] as number))) widest = i;
      if (widest < 0) break;
      out[widest] = (out[widest] as number) - 1;
      excess--;
    }
  }
  return out;
}

/**
 * Splits value columns into groups that fit beside a repeated first column: each group's widths
 * plus the first column's and the borders fit `width`; at least one column per group.
 */
export function columnGroups(firstWidth: number, widths: readonly number[], width: number): number[][] {
  const groups: number[][] = [];
  let group: number[] = [];
  let used = firstWidth + 2;
  widths.forEach((w, i) => {
    if (group.length > 0 && used + w + 1 > width) {
      groups.push(group);
      group = [];
      used = firstWidth + 2;
    }
    group.push(i);
    used += w + 1;
  });
  if (group.length > 0) groups.push(group);
  return groups;
}
