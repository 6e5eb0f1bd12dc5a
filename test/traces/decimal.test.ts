import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseDecimal } from '../../src/traces/decimal.js';

describe('parseDecimal', () => {
  test('decimal text gives exactly what Number() gives; hex, binary, octal, Infinity, separators and spaces are not numbers', () => {
    const cases = [
      '0',
      '00',
      '7',
      '007',
      '120',
      '92.41',
      '1767225600003.618',
      '1767225600.123456',
      '1767225600000000',
      '0.1',
      '.5',
      '5.',
      '.',
      '',
      ' ',
      ' 5',
      '5 ',
      '-3',
      '+3',
      '-0',
      '1e3',
      '1E-3',
      '0x10',
      '0b11',
      'Infinity',
      'NaN',
      'abc',
      '1.2.3',
      '1,5',
      '9007199254740991',
      '9007199254740992',
      '9007199254740993',
      '12345678901234567890',
      '0.30000000000000004',
      '1.0000000000000000000000',
      '123456789012345.6',
      '1234567890123456.7',
      '0.0000000000000000000001',
      '0.00000000000000000000001',
      '4.35',
      '2.675',
      '1e400',
      '٣',
      '5\u00a0',
    ];
    const notNumbers = new Set([
      '.',
      '',
      ' ',
      ' 5',
      '5 ',
      '0x10',
      '0b11',
      'Infinity',
      'NaN',
      'abc',
      '1.2.3',
      '1,5',
      '٣',
      '5\u00a0',
    ]);
    for (const s of cases)
      expect(Object.is(parseDecimal(s), notNumbers.has(s) ? NaN : Number(s)), JSON.stringify(s)).toBe(true);
    for (const s of [
      '0o7',
      '0X1F',
      '-Infinity',
      '+Infinity',
      '1_000',
      '1e',
      'e3',
      '--1',
      '+-1',
      '1e3.5',
      '0x',
      '\t7',
    ])
      expect(parseDecimal(s), JSON.stringify(s)).toBeNaN();
    for (const [s, v] of [
      ['+5', 5],
      ['-2.5', -2.5],
      ['1e3', 1000],
      ['1.5E-3', 0.0015],
      ['.5', 0.5],
      ['5.', 5],
    ] as const)
      expect(parseDecimal(s), s).toBe(v);
  });

  test('on random decimal texts, including ones past the fast path', () => {
    const digits = fc.stringMatching(/^[0-9]{0,20}$/);
    fc.assert(
      fc.property(digits, fc.boolean(), digits, (a, dot, b) => {
        const s = dot ? `${a}.${b}` : a + b;
        // "" and "." hold no digit: not numbers (Number() reads "" as 0)
        expect(Object.is(parseDecimal(s), s === '' || s === '.' ? NaN : Number(s))).toBe(true);
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
