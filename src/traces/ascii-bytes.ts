/**
 * The byte parsers (timestamps, REPORT fields, log prefixes) read Uint8Array text; callers holding
 * a string hand it over through `codesOf`, so one parser serves both. Every character the parsers
 * match is ASCII: a character past U+00FF becomes 0xFF, which matches nothing, and indexes in the
 * copy are the string's (one byte per UTF-16 unit).
 */
let scratch = new Uint8Array(256);

/** s[start, end) as bytes at [0, end − start) of a buffer reused by the next call. */
export function codesOf(s: string, start: number, end: number): Uint8Array {
  const n = end - start;
  if (n > scratch.length) scratch = new Uint8Array(Math.max(n, scratch.length * 2));
  const b = scratch;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(start + i);
    b[i] = c > 255 ? 255 : c;
  }
  return b;
}
