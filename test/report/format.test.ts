/** Money in reports: cents for whole amounts, three significant digits below a cent, never e-notation; one format per table column. */
import { expect, test } from 'vitest';
import { pct, usd, usdColumn } from '../../src/report/format.js';

test('usd', () => {
  expect(usd(12.5)).toBe('$12.50');
  expect(usd(1234.567)).toBe('$1,234.57');
  expect(usd(0.00113)).toBe('$0.00113');
  expect(usd(0.009999)).toBe('$0.0100');
  expect(usd(5.32e-7)).toBe('$0.000000532'); // toPrecision would give 5.32e-7
  expect(usd(-0.0003)).toBe('-$0.000300');
  expect(usd(0)).toBe('$0.00');
  expect(usd(NaN)).toBe('–');
});

test('pct keeps the precision of small rates and of rates just short of 100%', () => {
  // 141 cold starts in 20.8 M requests: 141 / 20,800,000 = 0.000678%, which 2 decimals round to 0.00
  expect(pct(141 / 20_800_000)).toBe('0.0007%');
  expect(pct(0.0123)).toBe('1.23%');
  expect(pct(0)).toBe('0.00%');
  expect(pct(1)).toBe('100.00%');
  // 1 − 3e-6 = 99.9997%: two decimals would say 100.00%, as if every request were cold
  expect(pct(1 - 3e-6)).toBe('99.9997%');
  expect(pct(0.5, 1)).toBe('50.0%');
  expect(pct(NaN)).toBe('–');
});

test('a money column: cents when it holds a cent or more, "<$0.01" for what cents would show as nothing', () => {
  const f = usdColumn([341.8, 629, 2.9]);
  expect([f(341.8), f(629), f(2.9)]).toEqual(['$341.80', '$629.00', '$2.90']);
  // issue 12 §0 saw $177.027, $0.0924, $3.84455 in one table: in one column they read in cents
  const g = usdColumn([177.027, 0.0924, 3.84455, 0.00729, 0.0000202, 0, -1e-18, -0.003]);
  expect([g(177.027), g(0.0924), g(3.84455), g(0.00729), g(0.0000202), g(0), g(-1e-18), g(-0.003)]).toEqual([
    '$177.03',
    '$0.09',
    '$3.84',
    '$0.01', // 0.729 of a cent rounds to one
    '<$0.01', // 0.00202 of a cent is not nothing
    '$0.00',
    '$0.00', // float noise of a credit is zero
    '-<$0.01',
  ]);
  expect(usdColumn([1234.5])(1234.5)).toBe('$1,234.50');
  expect(usdColumn([NaN, 2])(NaN)).toBe('–');
});

test('a money column wholly below a cent: three significant digits of its smallest amount, for every amount', () => {
  // the smallest non-zero amount 0.0000202 needs 2 − floor(log10 0.0000202) = 2 + 5 = 7 decimals
  const f = usdColumn([0.00113, 0.0000202, 0]);
  expect([f(0.00113), f(0.0000202)]).toEqual(['$0.0011300', '$0.0000202']);
  // an empty or all-zero column is in cents
  expect(usdColumn([0, 0])(0)).toBe('$0.00');
});

test('zero is $0.00 in every money column: the sub-cent digits are for amounts, not for nothing', () => {
  // was $0.0000000 in a column of sub-cent amounts: seven zeros read as an amount rounded away
  const f = usdColumn([0.00113, 0.0000202, 0, -1e-18]);
  expect([f(0), f(-0), f(-1e-18), f(4e-13)]).toEqual(['$0.00', '$0.00', '$0.00', '$0.00']);
  // the same as a column in cents, and as an all-zero column
  const cents = usdColumn([2.5, 0]);
  expect([cents(0), usdColumn([0])(0), usdColumn([])(0)]).toEqual(['$0.00', '$0.00', '$0.00']);
  // a sub-cent amount is never $0.00: its digits show it
  expect(f(0.0000001)).toBe('$0.0000001');
});
