import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseDecimal } from '../../src/traces/decimal.js';

describe('parseDecimal', () => {
  test('gives exactly what Number() gives', () => {
    const cases = ['0', '00', '7', '007', '120', '92.41', '1767225600003.618', '1767225600.123456', '1767225600000000', '0.1', '.5', '5.', '.', '', ' ', ' 5', '5 ',
      '-3', '+3', '-0', '1e3', '1E-3', '0x10', '0b11', 'Infinity', 'NaN', 'abc', '1.2.3', '1,5', '9007199254740991', '9007199254740992', '9007199254740993',
      '12345678901234567890', '0.30000000000000004', '1.0000000000000000000000', '123456789012345.6', '1234567890123456.7', '0.0000000000000000000001',
      '0.00000000000000000000001', '4.35', '2.675', '1e400', '٣', '5\u00a0'];
    for (const s of cases) expect(Object.is(parseDecimal(s), Number(s)), JSON.stringify(s)).toBe(true);
  });

  test('on random decimal texts, including ones past the fast path', () => {
    const digits = fc.stringMatching(/^[0-9]{0,20}$/);
    fc.assert(
      fc.property(digits, fc.boolean(), digits, (a, dot, b) => {
        const s = dot ? `${a}.${b}` : a + b;
        expect(Object.is(parseDecimal(s), Number(s))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e16, noNaN: true }), fc.integer({ min: 0, max: 12 }), (x, d) => {
        const s = x.toFixed(d);
        expect(Object.is(parseDecimal(s), Number(s))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});
