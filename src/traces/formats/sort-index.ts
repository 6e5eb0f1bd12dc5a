/**
 * A stable ascending order of `n` keys, as an index permutation. Imported rows are nearly sorted
 * (arrival = end time − run time moves each row back by its run time only), so a sorted input is
 * returned after one pass, and otherwise a bottom-up merge sort on plain typed arrays does the rest:
 * Uint32Array.sort with a comparator calls back into JS for every comparison and is several times slower.
 */
export function sortedIndex(keys: Float64Array, n: number): Uint32Array {
  let a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if ((keys[i] as number) < (keys[i - 1] as number)) sorted = false;
  if (sorted) return a;
  let b = new Uint32Array(n);
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo,
        j = mid,
        k = lo;
      // already in order: copy the pair of runs as they are
      if (mid >= hi || (keys[a[mid - 1] as number] as number) <= (keys[a[mid] as number] as number)) {
        b.set(a.subarray(lo, hi), lo);
        continue;
      }
      while (i < mid && j < hi) {
        const x = a[i] as number,
          y = a[j] as number;
        // ties take the left run first: equal keys keep their input order
        if ((keys[y] as number) < (keys[x] as number)) {
          b[k++] = y;
          j++;
        } else {
          b[k++] = x;
          i++;
        }
      }
      while (i < mid) b[k++] = a[i++] as number;
      while (j < hi) b[k++] = a[j++] as number;
    }
    const t = a;
    a = b;
    b = t;
  }
  return a;
}
