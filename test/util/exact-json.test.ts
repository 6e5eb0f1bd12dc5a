/**
 * util/exact-json.ts: what goes in comes back, to the bit: NaN, ±Infinity, −0, and typed arrays
 * written as (deflated from 1 KB) base64 of their bytes.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromExactJson, toExactJson } from '../../src/util/exact-json.js';

describe('exact JSON', () => {
  test('numbers JSON lacks, and typed arrays small and large', () => {
    const big = Float64Array.from({ length: 1000 }, (_, i) => i * 0.1);
    const value = {
      n: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1.5],
      small: Float64Array.of(Number.NaN, -0, 3),
      big,
      ints: Int32Array.from({ length: 600 }, (_, i) => (i % 3) - 1),
    };
    const text = toExactJson(value);
    // 1,000 float64 (8,000 bytes) are deflated; 3 (24 bytes) are not
    expect(text).toContain('"big":{"$f64z":');
    expect(text).toContain('"small":{"$f64":"');
    expect(text).toContain('"ints":{"$i32z":');
    const back = fromExactJson(text) as typeof value;
    expect(back.n.map((x) => Object.is(x, -0) || x)).toEqual([Number.NaN, Infinity, -Infinity, true, 1.5]);
    expect(back.small).toBeInstanceOf(Float64Array);
    expect(Object.is(back.small[1], -0)).toBe(true);
    expect(back.big).toEqual(big);
    expect(back.ints).toEqual(value.ints);
  });

  test('any float64 array comes back bit for bit', () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { maxLength: 400 }), (xs) => {
        const a = Float64Array.from(xs);
        const b = fromExactJson(toExactJson({ a })) as { a: Float64Array };
        expect(new Uint8Array(b.a.buffer)).toEqual(new Uint8Array(a.buffer));
      }),
    );
  });
});
